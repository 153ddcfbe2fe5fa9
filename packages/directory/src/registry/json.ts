import type { RegistryIssue } from '../errors';
import { type CandidateRow, jsonFieldName, type RegistryCandidate } from './candidate';

/** Keys a registry JSON file may hold besides its lists, so that a misspelt `partner` is caught. */
const METADATA_KEYS = ['$schema', 'description', 'generator', 'seed'] as const;

const fileIssue = (message: string, field = ''): RegistryIssue => ({ row: 0, field, message, section: 'file' });

const rows = (values: readonly unknown[], section: CandidateRow['section']): CandidateRow[] =>
  values.map((value, index) => ({ row: index + 1, section, value, fieldName: jsonFieldName }));

/**
 * Reads a registry JSON file: either a list of partners, or an object
 * `{ "pokmas": [...], "partners": [...] }` (with optional `description`, `generator`, `seed`).
 * Rows are numbered from 1 in each list.
 */
export function readJsonRegistry(text: string): RegistryCandidate {
  const empty: RegistryCandidate = {
    issues: [],
    partners: [],
    pokmas: undefined,
    pokmasHints: new Map(),
    impliedPokmasFieldName: () => 'pokmasId',
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ...empty, issues: [fileIssue(`not valid JSON: ${(error as Error).message}`)] };
  }
  if (Array.isArray(parsed)) return { ...empty, partners: rows(parsed, 'partners') };
  if (typeof parsed !== 'object' || parsed === null) {
    return { ...empty, issues: [fileIssue('expected a list of partners or an object with a partners list')] };
  }

  const object = parsed as Record<string, unknown>;
  const issues: RegistryIssue[] = [];
  for (const key of Object.keys(object)) {
    if (key !== 'partners' && key !== 'pokmas' && !(METADATA_KEYS as readonly string[]).includes(key)) {
      issues.push(fileIssue(`unknown key ${JSON.stringify(key)}; a registry holds pokmas and partners`, key));
    }
  }
  if (!Array.isArray(object.partners)) issues.push(fileIssue('expected a list of partners', 'partners'));
  if (object.pokmas !== undefined && !Array.isArray(object.pokmas)) issues.push(fileIssue('expected a list of POKMAS', 'pokmas'));
  return {
    issues,
    partners: Array.isArray(object.partners) ? rows(object.partners, 'partners') : [],
    pokmas: Array.isArray(object.pokmas) ? rows(object.pokmas, 'pokmas') : undefined,
    pokmasHints: empty.pokmasHints,
    impliedPokmasFieldName: empty.impliedPokmasFieldName,
  };
}
