import { type Pokmas, PokmasSchema } from '@pokmas/directory';
import { type Partner, PartnerSchema } from '@pokmas/matcher';
import { INSERT_BATCH, appendAudit } from '../audit/append';
import { type StoreContext, now } from '../context';
import { StoreError, type StoreIssue, issuesFromZod } from '../errors';
import { partnerColumns } from '../partners/rows';
import type { Actor, SeedRegistry, SeedResult } from '../store';
import { SYSTEM_ACTOR } from '../store';
import { Unchanged, registryWrite } from './registry-write';

/**
 * A registry from a file was validated when it was read; it is checked again here because the
 * store is where a bad one would stay: every partner and POKMAS against its schema, ids unique,
 * each partner's POKMAS listed and of its Bapas, and at least one partner active.
 */
function validateRegistry(registry: SeedRegistry): { partners: Partner[]; pokmas: Pokmas[] } {
  const { partners, pokmas } = validateRegistryRows(registry);
  if (!partners.some((partner) => partner.active !== false)) {
    throw new StoreError(
      'NO_ACTIVE_PARTNER',
      `registry refused: none of its ${partners.length} partners is active, so nobody could be matched`,
    );
  }
  return { partners, pokmas };
}

/**
 * Every row of a registry against its schema, ids unique, each partner's POKMAS listed (in the
 * registry or in `known`, the store's) and of its Bapas. Throws INVALID_REGISTRY with every issue.
 */
export function validateRegistryRows(
  registry: Pick<SeedRegistry, 'partners' | 'pokmas'>,
  known: ReadonlyMap<string, Pokmas> = new Map(),
): { partners: Partner[]; pokmas: Pokmas[] } {
  const issues: StoreIssue[] = [];
  const pokmas: Pokmas[] = [];
  const groups = new Map<string, Pokmas>(known);
  const listed = new Set<string>();
  registry.pokmas.forEach((input, index) => {
    const parsed = PokmasSchema.safeParse(input);
    if (!parsed.success) return issues.push(...issuesFromZod(parsed.error, ['pokmas', index]));
    if (listed.has(parsed.data.id))
      return issues.push({ path: ['pokmas', index, 'id'], code: 'duplicate', message: 'a POKMAS id listed twice' });
    listed.add(parsed.data.id);
    groups.set(parsed.data.id, parsed.data);
    pokmas.push(parsed.data);
  });
  const partners: Partner[] = [];
  const ids = new Set<string>();
  registry.partners.forEach((input, index) => {
    const parsed = PartnerSchema.safeParse(input);
    if (!parsed.success) return issues.push(...issuesFromZod(parsed.error, ['partners', index]));
    const partner = parsed.data;
    if (ids.has(partner.id))
      return issues.push({ path: ['partners', index, 'id'], code: 'duplicate', message: 'a partner id listed twice' });
    ids.add(partner.id);
    if (partner.pokmasId !== undefined) {
      const group = groups.get(partner.pokmasId);
      if (!group)
        issues.push({ path: ['partners', index, 'pokmasId'], code: 'unknown_pokmas', message: 'a POKMAS the registry does not list' });
      else if (group.bapasId !== partner.bapasId) {
        issues.push({
          path: ['partners', index, 'pokmasId'],
          code: 'pokmas_bapas',
          message: "a POKMAS of another Bapas than the partner's",
        });
      }
    }
    partners.push(partner);
  });
  if (issues.length > 0) throw new StoreError('INVALID_REGISTRY', 'registry refused', issues);
  return { partners, pokmas };
}

export async function seedIfEmpty(context: StoreContext, registry: SeedRegistry, actor: Actor = SYSTEM_ACTOR): Promise<SeedResult> {
  const { value, registryVersion } = await registryWrite(context, async (trx, version) => {
    // Counted under the registry lock: of instances that start together, one seeds.
    const held = await trx
      .selectFrom('partners')
      .select((eb) => eb.fn.countAll().as('count'))
      .unionAll(trx.selectFrom('pokmas').select((eb) => eb.fn.countAll().as('count')))
      .execute();
    if (held.some((row) => Number(row.count) > 0)) return new Unchanged({ seeded: false, partners: 0, pokmas: 0 });

    const { partners, pokmas } = validateRegistry(registry);
    const updatedAt = now();
    for (let start = 0; start < pokmas.length; start += INSERT_BATCH) {
      const batch = pokmas.slice(start, start + INSERT_BATCH);
      await trx
        .insertInto('pokmas')
        .values(batch.map((group) => ({ id: group.id, bapas_id: group.bapasId, changed_in: version, data: JSON.stringify(group) })))
        .execute();
    }
    for (let start = 0; start < partners.length; start += INSERT_BATCH) {
      const batch = partners.slice(start, start + INSERT_BATCH);
      await trx
        .insertInto('partners')
        .values(
          batch.map((partner) => ({ id: partner.id, ...partnerColumns(partner), version: 1, changed_in: version, updated_at: updatedAt })),
        )
        .execute();
    }
    // One entry for the import, and one per partner so that each history starts where it came
    // from; their fields are in the registry file, and are not copied a second time here.
    await appendAudit(trx, actor, [
      {
        action: 'registry.seed',
        entity: 'registry',
        entityId: null,
        changes: [
          { field: 'source', after: registry.source },
          { field: 'partners', after: partners.length },
          { field: 'pokmas', after: pokmas.length },
        ],
      },
      ...partners.map((partner) => ({ action: 'partner.seed' as const, entity: 'partner' as const, entityId: partner.id, changes: [] })),
    ]);
    return { seeded: true, partners: partners.length, pokmas: pokmas.length };
  });
  return { ...value, registryVersion };
}
