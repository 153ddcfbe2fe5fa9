import { createHash } from 'node:crypto';
import { type Partner, PartnerSchema } from '@pokmas/matcher';
import { isInIndonesia, INDONESIA_BOUNDS } from '../bounds';
import type { Directory } from '../directory';
import { RegistryError, type RegistryIssue } from '../errors';
import type { CandidateRow, RegistryCandidate } from './candidate';
import { describeZodIssue } from './describe-issue';
import { inferPokmasField, type Pokmas, PokmasSchema } from './pokmas';

/** A validated registry: every partner passed the matcher's schema and the directory's checks. */
export interface Registry {
  /** A hash of the file's content: it changes whenever the file changes. */
  version: string;
  partners: Partner[];
  pokmas: Pokmas[];
  /** The file's path, or `demo`. */
  source: string;
}

/** The first 16 hex digits of the SHA-256 of the text. */
export function contentVersion(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

class IssueList {
  readonly issues: RegistryIssue[];
  /** Cells the reader could not read: the schema's complaint about the same cell would only repeat it. */
  private readonly unreadable: Set<string>;
  private readonly reported = new Set<string>();

  constructor(fromReader: readonly RegistryIssue[]) {
    this.issues = [...fromReader];
    this.unreadable = new Set(fromReader.map((issue) => this.key(issue)));
  }

  private key(issue: RegistryIssue): string {
    return `${issue.section ?? 'partners'}|${issue.row}|${issue.field}`;
  }

  at(row: CandidateRow, path: readonly PropertyKey[], message: string): void {
    const issue: RegistryIssue = { row: row.row, field: row.fieldName(path), message, section: row.section };
    if (this.unreadable.has(this.key(issue))) return;
    const key = `${this.key(issue)}|${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.issues.push(issue);
  }
}

const SECTION_ORDER = { file: 0, partners: 1, pokmas: 2 } as const;

/** Why a Bapas id is not an office of the directory, or undefined. */
export function bapasProblem(directory: Directory, bapasId: string): string | undefined {
  const bapas = directory.getBapas(bapasId);
  if (!bapas) return `unknown Bapas id ${JSON.stringify(bapasId)}; use a three-digit id of the directory such as 026`;
  if (!directory.getOffice(bapasId)) return `Bapas ${bapasId} (${bapas.name}) is planned, not yet an office`;
  return undefined;
}

/** One problem the directory finds with a partner that passed its schema; paths are the partner's. */
export interface DirectoryIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * What the directory says of a partner: its Bapas is an office, its regency exists, its point
 * is in Indonesia. The one statement of these checks: registry files and the store's writes
 * both ask it.
 */
export function partnerDirectoryIssues(directory: Directory, partner: Partner): DirectoryIssue[] {
  const found: DirectoryIssue[] = [];
  const bapas = bapasProblem(directory, partner.bapasId);
  if (bapas) found.push({ path: ['bapasId'], message: bapas });
  if (partner.regencyCode !== undefined && !directory.getRegency(partner.regencyCode)) {
    found.push({ path: ['regencyCode'], message: `unknown regency code ${partner.regencyCode}; use a Kemendagri code such as 32.73` });
  }
  if (partner.location && !isInIndonesia(partner.location)) {
    const { minLat, maxLat, minLon, maxLon } = INDONESIA_BOUNDS;
    const { lat, lon } = partner.location;
    if (lat < minLat || lat > maxLat)
      found.push({ path: ['location', 'lat'], message: `latitude ${lat} is outside Indonesia (${minLat} to ${maxLat})` });
    if (lon < minLon || lon > maxLon)
      found.push({
        path: ['location', 'lon'],
        message: `longitude ${lon} is outside Indonesia (${minLon} to ${maxLon}); are lat and lon swapped?`,
      });
  }
  return found;
}

function checkPartner(issues: IssueList, row: CandidateRow, partner: Partner, directory: Directory): void {
  for (const issue of partnerDirectoryIssues(directory, partner)) issues.at(row, issue.path, issue.message);
}

function reportDuplicates(issues: IssueList, rows: readonly CandidateRow[], what: string): void {
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    const id = (row.value as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') continue;
    const first = firstRow.get(id);
    if (first === undefined) firstRow.set(id, row.row);
    else issues.at(row, ['id'], `duplicate ${what} id ${id}: already used on row ${first}`);
  }
}

/**
 * Validates what a reader found and builds the registry, or throws a {@link RegistryError}
 * with every problem at once: a file with any bad row is refused whole.
 */
export function buildRegistry(candidate: RegistryCandidate, directory: Directory, text: string, source: string, file?: string): Registry {
  const issues = new IssueList(candidate.issues);

  const valid: { row: CandidateRow; partner: Partner }[] = [];
  for (const row of candidate.partners) {
    const result = PartnerSchema.safeParse(row.value);
    if (!result.success) {
      for (const issue of result.error.issues) issues.at(row, issue.path, describeZodIssue(issue, row.value));
      continue;
    }
    checkPartner(issues, row, result.data, directory);
    valid.push({ row, partner: result.data });
  }
  reportDuplicates(issues, candidate.partners, 'partner');

  const pokmas = new Map<string, Pokmas>();
  if (candidate.pokmas) {
    reportDuplicates(issues, candidate.pokmas, 'POKMAS');
    for (const row of candidate.pokmas) {
      const result = PokmasSchema.safeParse(row.value);
      if (!result.success) {
        for (const issue of result.error.issues) issues.at(row, issue.path, describeZodIssue(issue, row.value));
        continue;
      }
      const bapas = bapasProblem(directory, result.data.bapasId);
      if (bapas) issues.at(row, ['bapasId'], bapas);
      if (!pokmas.has(result.data.id)) pokmas.set(result.data.id, result.data);
    }
  } else {
    // In order of first appearance, with the row that first names each POKMAS.
    const implied = new Map<string, { firstRow: CandidateRow; members: Partner[] }>();
    for (const { row, partner } of valid) {
      if (partner.pokmasId === undefined) continue;
      const group = implied.get(partner.pokmasId) ?? { firstRow: row, members: [] };
      group.members.push(partner);
      implied.set(partner.pokmasId, group);
    }
    for (const [id, { firstRow, members }] of implied) {
      const hint = candidate.pokmasHints.get(id) ?? {};
      const field = hint.field ?? inferPokmasField(members);
      const value = { id, bapasId: members[0]!.bapasId, name: hint.name ?? id, field };
      const row: CandidateRow = { row: firstRow.row, section: 'partners', value, fieldName: candidate.impliedPokmasFieldName };
      if (field === undefined) {
        issues.at(row, ['field'], `give the field of POKMAS ${id} (law-society or self-reliance): its services do not settle it`);
        continue;
      }
      const result = PokmasSchema.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) issues.at(row, issue.path, describeZodIssue(issue, value));
        continue;
      }
      pokmas.set(id, result.data);
    }
  }

  for (const { row, partner } of valid) {
    if (partner.pokmasId === undefined) continue;
    const group = pokmas.get(partner.pokmasId);
    if (!group) {
      // With a listed POKMAS set, an unlisted id is a typo; an implied one was reported above.
      if (candidate.pokmas) issues.at(row, ['pokmasId'], `unknown POKMAS id ${partner.pokmasId}; list it under pokmas`);
    } else if (group.bapasId !== partner.bapasId) {
      issues.at(row, ['pokmasId'], `POKMAS ${group.id} belongs to Bapas ${group.bapasId}, not to this partner's Bapas ${partner.bapasId}`);
    }
  }

  if (issues.issues.length > 0) {
    const sorted = issues.issues
      .map((issue, index) => ({ issue, index }))
      .sort(
        (a, b) =>
          SECTION_ORDER[a.issue.section ?? 'partners'] - SECTION_ORDER[b.issue.section ?? 'partners'] ||
          a.issue.row - b.issue.row ||
          a.index - b.index,
      )
      .map(({ issue }) => issue);
    throw new RegistryError(sorted, file);
  }
  return { version: contentVersion(text), partners: valid.map(({ partner }) => partner), pokmas: [...pokmas.values()], source };
}
