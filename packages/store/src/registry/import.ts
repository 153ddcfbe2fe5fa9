import type { Pokmas } from '@pokmas/directory';
import type { Partner } from '@pokmas/matcher';
import { isDeepStrictEqual } from 'node:util';
import { INSERT_BATCH, appendAudit, type AuditRecord } from '../audit/append';
import { type StoreContext, now } from '../context';
import { StoreError, type StoreIssue } from '../errors';
import { fieldChanges } from '../partners/field-changes';
import { partnerColumns } from '../partners/rows';
import type { Actor, ImportOptions, ImportRegistry, ImportResult } from '../store';
import { Unchanged, registryWrite } from './registry-write';
import { validateRegistryRows } from './seed';

/** The share of the active partners (of the scope) that `mode: 'replace'` retires at most without `allowShrink`. */
export const MAX_SHRINK = 0.5;

interface Held {
  readonly partner: Partner;
  readonly version: number;
}

/**
 * Applies a registry file to the store in one transaction: every row is validated first and
 * any issue refuses the whole file; then partners are created, changed, left as they are, and
 * with `mode: 'replace'` the ones the file leaves out are retired. The guards against a cut or
 * empty file run on the registry as it would be: nothing is written when one refuses.
 */
export async function importRegistry(
  context: StoreContext,
  registry: ImportRegistry,
  options: ImportOptions,
  actor: Actor,
): Promise<ImportResult> {
  const mode = options.mode ?? 'upsert';
  const scope = options.bapasId;
  let outcome: Omit<ImportResult, 'registryVersion'> | undefined;
  const { registryVersion } = await registryWrite(context, async (trx, version) => {
    const heldPokmas = new Map<string, Pokmas>(
      (await trx.selectFrom('pokmas').select('data').execute()).map((row) => {
        const group = JSON.parse(row.data) as Pokmas;
        return [group.id, group];
      }),
    );
    const { partners, pokmas } = validateRegistryRows(registry, heldPokmas);
    const issues: StoreIssue[] = [];
    pokmas.forEach((group, index) => {
      const held = heldPokmas.get(group.id);
      if (held && held.bapasId !== group.bapasId) {
        issues.push({
          path: ['pokmas', index, 'bapasId'],
          code: 'pokmas_bapas_change',
          message: `the POKMAS belongs to Bapas ${held.bapasId} in the store; a POKMAS never moves to another Bapas`,
        });
      }
      if (scope !== undefined && group.bapasId !== scope) issues.push(outOfScope(['pokmas', index, 'bapasId'], scope));
    });
    partners.forEach((partner, index) => {
      for (const issue of context.checks.partner?.(partner) ?? []) issues.push({ ...issue, path: ['partners', index, ...issue.path] });
      if (scope !== undefined && partner.bapasId !== scope) issues.push(outOfScope(['partners', index, 'bapasId'], scope));
    });

    const held = new Map<string, Held>(
      (await trx.selectFrom('partners').select(['id', 'data', 'version']).execute()).map((row) => [
        row.id,
        { partner: JSON.parse(row.data) as Partner, version: row.version },
      ]),
    );
    partners.forEach((partner, index) => {
      const before = held.get(partner.id);
      if (scope !== undefined && before && before.partner.bapasId !== scope) issues.push(outOfScope(['partners', index, 'id'], scope));
    });
    if (issues.length > 0) throw new StoreError('INVALID_REGISTRY', 'registry refused', issues);

    const created: Partner[] = [];
    const updated: { before: Held; after: Partner }[] = [];
    const unchanged: string[] = [];
    const inFile = new Set<string>();
    for (const partner of partners) {
      inFile.add(partner.id);
      const before = held.get(partner.id);
      if (!before) created.push(partner);
      else if (isDeepStrictEqual(before.partner, partner)) unchanged.push(partner.id);
      else updated.push({ before, after: partner });
    }
    if (mode === 'replace') {
      for (const [id, before] of held) {
        const inScope = scope === undefined || before.partner.bapasId === scope;
        if (inScope && !inFile.has(id) && before.partner.active !== false) {
          updated.push({ before, after: { ...before.partner, active: false } });
        }
      }
    }
    const retired = updated.filter(({ before, after }) => before.partner.active !== false && after.active === false);
    checkShrink(held, created, updated, retired.length, mode, scope, options.allowShrink === true);

    const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    outcome = {
      mode,
      dryRun: options.dryRun === true,
      created: created.map((partner) => partner.id).sort(byId),
      updated: updated
        .filter((change) => !retired.includes(change))
        .map(({ after }) => after.id)
        .sort(byId),
      retired: retired.map(({ after }) => after.id).sort(byId),
      unchanged: unchanged.sort(byId),
      pokmasCreated: pokmas.filter((group) => !heldPokmas.has(group.id)).length,
      pokmasUpdated: pokmas.filter((group) => heldPokmas.has(group.id) && !isDeepStrictEqual(heldPokmas.get(group.id), group)).length,
    };
    if (options.dryRun === true) return new Unchanged(undefined);
    if (created.length === 0 && updated.length === 0 && outcome.pokmasCreated === 0 && outcome.pokmasUpdated === 0) {
      return new Unchanged(undefined);
    }

    const newPokmas = pokmas.filter((group) => !heldPokmas.has(group.id));
    for (let start = 0; start < newPokmas.length; start += INSERT_BATCH) {
      await trx
        .insertInto('pokmas')
        .values(
          newPokmas
            .slice(start, start + INSERT_BATCH)
            .map((group) => ({ id: group.id, bapas_id: group.bapasId, changed_in: version, data: JSON.stringify(group) })),
        )
        .execute();
    }
    for (const group of pokmas) {
      const before = heldPokmas.get(group.id);
      if (!before || isDeepStrictEqual(before, group)) continue;
      await trx
        .updateTable('pokmas')
        .set({ changed_in: version, data: JSON.stringify(group) })
        .where('id', '=', group.id)
        .execute();
    }
    const updatedAt = now();
    for (let start = 0; start < created.length; start += INSERT_BATCH) {
      await trx
        .insertInto('partners')
        .values(
          created
            .slice(start, start + INSERT_BATCH)
            .map((partner) => ({ id: partner.id, ...partnerColumns(partner), version: 1, changed_in: version, updated_at: updatedAt })),
        )
        .execute();
    }
    for (const { before, after } of updated) {
      await trx
        .updateTable('partners')
        .set({ ...partnerColumns(after), version: before.version + 1, changed_in: version, updated_at: updatedAt })
        .where('id', '=', after.id)
        .execute();
    }

    const records: AuditRecord[] = [
      {
        action: 'registry.import',
        entity: 'registry',
        entityId: null,
        changes: [
          { field: 'source', after: registry.source },
          { field: 'mode', after: mode },
          ...(scope === undefined ? [] : [{ field: 'bapasId', after: scope }]),
          { field: 'created', after: outcome.created.length },
          { field: 'updated', after: outcome.updated.length },
          { field: 'retired', after: outcome.retired.length },
          { field: 'unchanged', after: outcome.unchanged.length },
        ],
      },
      ...created.map((partner) => ({
        action: 'partner.import' as const,
        entity: 'partner' as const,
        entityId: partner.id,
        changes: fieldChanges(undefined, partner),
      })),
      ...updated.map(({ before, after }) => ({
        action:
          before.partner.active !== false && after.active === false
            ? ('partner.retire' as const)
            : before.partner.active === false && after.active !== false
              ? ('partner.reactivate' as const)
              : ('partner.import' as const),
        entity: 'partner' as const,
        entityId: after.id,
        changes: fieldChanges(before.partner, after),
      })),
    ];
    await appendAudit(trx, actor, records);
    return undefined;
  });
  return { ...outcome!, registryVersion };
}

function outOfScope(path: StoreIssue['path'], scope: string): StoreIssue {
  return { path, code: 'out_of_scope', message: `an import for Bapas ${scope} holds only partners and POKMAS of Bapas ${scope}` };
}

/**
 * The guards against a cut or empty file: a registry with no active partner left is refused,
 * and so is a replace that retires more than half of the active partners of its scope, unless
 * the caller says it means it (`allowShrink`).
 */
function checkShrink(
  held: ReadonlyMap<string, Held>,
  created: readonly Partner[],
  updated: readonly { before: Held; after: Partner }[],
  retired: number,
  mode: 'upsert' | 'replace',
  scope: string | undefined,
  allowShrink: boolean,
): void {
  const activeAfter = new Map<string, boolean>([...held].map(([id, { partner }]) => [id, partner.active !== false]));
  for (const partner of created) activeAfter.set(partner.id, partner.active !== false);
  for (const { after } of updated) activeAfter.set(after.id, after.active !== false);
  const active = [...activeAfter.values()].filter(Boolean).length;
  if (active === 0) {
    throw new StoreError(
      'NO_ACTIVE_PARTNER',
      'import refused: it would leave no active partner in the registry, so nobody could be matched; nothing was changed',
    );
  }
  if (mode !== 'replace' || allowShrink) return;
  const activeBefore = [...held.values()].filter(
    ({ partner }) => partner.active !== false && (scope === undefined || partner.bapasId === scope),
  ).length;
  if (retired > activeBefore * MAX_SHRINK) {
    throw new StoreError(
      'SHRINK_REFUSED',
      `import refused: mode replace would retire ${retired} of the ${activeBefore} active partners${scope === undefined ? '' : ` of Bapas ${scope}`}, ` +
        `more than half; check that the file is complete, or repeat with allowShrink to retire them; nothing was changed`,
    );
  }
}
