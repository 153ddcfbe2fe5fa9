import type { Partner } from '@pokmas/matcher';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/append';
import { type StoreContext, now } from '../context';
import { StoreError, type StoreIssue } from '../errors';
import { Unchanged, registryWrite } from '../registry/registry-write';
import type { Actor, AuditAction, PartnerWrite } from '../store';
import type { Tables } from '../tables';
import { fieldChanges } from './field-changes';
import { applyMergePatch, isJsonObject } from './merge-patch';
import { RECORD_COLUMNS, partnerColumns, toRecord } from './rows';
import { parsePartner, refuse, relationIssues } from './validate';

export async function createPartner(context: StoreContext, input: unknown, actor: Actor): Promise<PartnerWrite> {
  const { partner, issues } = parsePartner(input);
  if (!partner) refuse(issues);
  const { value, registryVersion } = await registryWrite(context, async (trx, version) => {
    const taken = await trx.selectFrom('partners').select('id').where('id', '=', partner.id).executeTakeFirst();
    if (taken) throw new StoreError('PARTNER_EXISTS', 'a partner with this id exists; change it with PUT or PATCH');
    const relations = await relationIssues(context, trx, partner);
    if (relations.length > 0) refuse(relations);
    const updatedAt = now();
    await trx
      .insertInto('partners')
      .values({ id: partner.id, ...partnerColumns(partner), version: 1, changed_in: version, updated_at: updatedAt })
      .execute();
    await appendAudit(trx, actor, [
      { action: 'partner.create', entity: 'partner', entityId: partner.id, changes: fieldChanges(undefined, partner) },
    ]);
    return { partner, version: 1, updatedAt, held: 0 };
  });
  return { ...value, registryVersion };
}

export async function replacePartner(
  context: StoreContext,
  id: string,
  input: unknown,
  ifVersion: number,
  actor: Actor,
): Promise<PartnerWrite> {
  const { partner, issues } = parsePartner(input);
  const bodyId = isJsonObject(input) ? input.id : undefined;
  const mismatch: StoreIssue[] =
    typeof bodyId === 'string' && bodyId !== id
      ? [{ path: ['id'], code: 'id_mismatch', message: "the id in the body differs from the partner's id; a partner's id never changes" }]
      : [];
  if (!partner || mismatch.length > 0) refuse([...mismatch, ...issues]);
  return update(context, id, ifVersion, actor, 'partner.replace', () => partner);
}

export async function patchPartner(
  context: StoreContext,
  id: string,
  patch: unknown,
  ifVersion: number,
  actor: Actor,
): Promise<PartnerWrite> {
  if (!isJsonObject(patch)) {
    throw new StoreError('INVALID_PATCH', 'patch refused', [
      { path: [], code: 'not_an_object', message: 'a merge patch of a partner is a JSON object of the fields to change' },
    ]);
  }
  if (Object.hasOwn(patch, 'id') && patch.id !== id) {
    throw new StoreError('INVALID_PATCH', 'patch refused', [
      { path: ['id'], code: 'id_change', message: "a partner's id never changes; leave id out" },
    ]);
  }
  return update(context, id, ifVersion, actor, 'partner.patch', (current) => {
    const { partner, issues } = parsePartner(applyMergePatch(current, patch));
    if (!partner) refuse(issues);
    return partner;
  });
}

/**
 * The one path of every change to an existing partner: the version check, the new partner
 * made from the current one, validated whole, and a conditional update in the same transaction.
 */
async function update(
  context: StoreContext,
  id: string,
  ifVersion: number,
  actor: Actor,
  kind: Extract<AuditAction, 'partner.replace' | 'partner.patch'>,
  next: (current: Partner) => Partner,
): Promise<PartnerWrite> {
  const { value, registryVersion } = await registryWrite(context, async (trx, version) => {
    const row = await trx.selectFrom('partners').select(RECORD_COLUMNS).where('id', '=', id).executeTakeFirst();
    if (!row) throw new StoreError('NOT_FOUND', 'no partner with this id');
    if (row.version !== ifVersion) throw versionMismatch(row.version);
    const current = toRecord(row);
    const partner = next(current.partner);
    const changes = fieldChanges(current.partner, partner);
    if (changes.length === 0) return new Unchanged(current);
    const relations = await relationIssues(context, trx, partner);
    if (relations.length > 0) refuse(relations);
    const updatedAt = now();
    const written = await conditionalUpdate(trx, id, ifVersion, partner, version, updatedAt);
    if (!written) throw versionMismatch(await currentVersion(trx, id));
    const retired = current.partner.active !== false && partner.active === false;
    const reactivated = current.partner.active === false && partner.active !== false;
    const action = retired ? 'partner.retire' : reactivated ? 'partner.reactivate' : kind;
    await appendAudit(trx, actor, [{ action, entity: 'partner', entityId: id, changes }]);
    return { partner, version: ifVersion + 1, updatedAt, held: current.held };
  });
  return { ...value, registryVersion };
}

/** Writes only if the version is still the one checked: the check and the write are one statement. */
async function conditionalUpdate(
  trx: Transaction<Tables>,
  id: string,
  ifVersion: number,
  partner: Partner,
  registryVersion: number,
  updatedAt: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('partners')
    .set({ ...partnerColumns(partner), version: ifVersion + 1, changed_in: registryVersion, updated_at: updatedAt })
    .where('id', '=', id)
    .where('version', '=', ifVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

async function currentVersion(trx: Transaction<Tables>, id: string): Promise<number> {
  return (await trx.selectFrom('partners').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}

function versionMismatch(current: number): StoreError {
  return new StoreError(
    'VERSION_MISMATCH',
    `the partner is at version ${current}; fetch it again and repeat the change on it`,
    [],
    current,
  );
}
