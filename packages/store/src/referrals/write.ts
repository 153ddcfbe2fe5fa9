import { randomUUID } from 'node:crypto';
import type { Partner } from '@pokmas/matcher';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/append';
import { type StoreContext, now } from '../context';
import { StoreError } from '../errors';
import { registryVersion as currentRegistryVersion, registryWrite } from '../registry/registry-write';
import type { z } from 'zod';
import type { Actor, NewReferral, Referral, ReferralMove, ReferralOutcome, ReferralWrite } from '../store';
import type { Tables } from '../tables';
import { type ReferralStatus, holdsPlace, isFinal, mayMove, movesFrom, transitionFor } from './lifecycle';
import { readReferral } from './read';
import { referralNumber } from './rows';
import { MoveSchema, NewReferralSchema, parseOrRefuse } from './schema';

/**
 * Makes the referral and holds its place in one registry write: the registry's row lock puts
 * every referral write in line, so the free places read here are the ones the hold is taken
 * from, and the partner's `changed_in` tells the matcher of every instance to count the hold.
 */
export async function createReferral(context: StoreContext, input: NewReferral, actor: Actor): Promise<ReferralWrite> {
  const referral = parseOrRefuse(NewReferralSchema, input);
  const { value: id, registryVersion } = await registryWrite(context, (trx, version) => insertReferral(trx, version, referral, actor));
  return { referral: (await readReferral(context.db, id))!, registryVersion };
}

/**
 * Makes every referral or none, in one registry write (a cohort placed by an allocation): each
 * partner must still have a free place for each referral to it, and none may have changed
 * after `unchangedSince` (its places, by a referral or an edit, included).
 */
export async function createReferrals(
  context: StoreContext,
  inputs: readonly NewReferral[],
  actor: Actor,
): Promise<{ referrals: Referral[]; registryVersion: number }> {
  const referrals = inputs.map((input, index) => parseOrRefuse(NewReferralSchema, input, [index]));
  const { value: ids, registryVersion } = await registryWrite(context, async (trx, version) => {
    const ids: string[] = [];
    for (const referral of referrals) ids.push(await insertReferral(trx, version, referral, actor));
    return ids;
  });
  const made: Referral[] = [];
  for (const id of ids) made.push((await readReferral(context.db, id))!);
  return { referrals: made, registryVersion };
}

/** One referral and its hold, inside a registry write: the checks, the row, the event, the audit entry. */
async function insertReferral(
  trx: Transaction<Tables>,
  version: number,
  referral: z.infer<typeof NewReferralSchema>,
  actor: Actor,
): Promise<string> {
  const row = await trx
    .selectFrom('partners')
    .select(['version', 'held', 'data', 'changed_in'])
    .where('id', '=', referral.partnerId)
    .executeTakeFirst();
  if (!row) throw new StoreError('NOT_FOUND', 'no partner with this id');
  if (referral.partnerVersion !== undefined && row.version !== referral.partnerVersion) {
    throw new StoreError('PARTNER_CHANGED', 'the partner changed after the check; check the referral again', [], row.version);
  }
  // A partner changed by an earlier referral of this same write is not "changed since".
  if (referral.unchangedSince !== undefined && row.changed_in > referral.unchangedSince && row.changed_in !== version) {
    throw new StoreError('PARTNER_CHANGED', `partner ${referral.partnerId} changed after the allocation was solved; solve it again`);
  }
  const partner = JSON.parse(row.data) as Partner;
  if (partner.active === false) {
    throw new StoreError('INVALID_REFERRAL', 'the partner is retired', [
      { path: ['partnerId'], code: 'inactive', message: 'the partner is retired (active: false)' },
    ]);
  }
  if (partner.capacity && partner.capacity.total - partner.capacity.used - row.held <= 0) {
    throw new StoreError('NO_CAPACITY', `partner ${referral.partnerId} has no free place`);
  }
  const at = now();
  const seq =
    Number(
      (
        await trx
          .selectFrom('referrals')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirst()
      )?.seq ?? 0,
    ) + 1;
  const id = randomUUID();
  await trx
    .insertInto('referrals')
    .values({
      id,
      seq,
      number: referralNumber(seq),
      status: 'requested',
      partner_id: referral.partnerId,
      bapas_id: referral.bapasId,
      client_ref: referral.clientRef,
      services: JSON.stringify(referral.services),
      match: JSON.stringify(referral.match ?? null),
      outcome: null,
      version: 1,
      created_at: at,
      updated_at: at,
      expires_at: new Date(referral.expiresAt).toISOString(),
      ended_at: null,
      erased_at: null,
    })
    .execute();
  await changeHeld(trx, referral.partnerId, +1, version);
  await appendEvent(trx, actor, { id, partnerId: referral.partnerId, bapasId: referral.bapasId }, null, 'requested', at, {
    note: referral.note,
  });
  await appendAudit(trx, actor, [
    {
      action: 'referral.create',
      entity: 'referral',
      entityId: id,
      changes: [
        { field: 'status', after: 'requested' },
        { field: 'partnerId', after: referral.partnerId },
        { field: 'services', after: referral.services },
      ],
    },
  ]);
  return id;
}

export async function transitionReferral(
  context: StoreContext,
  id: string,
  input: ReferralMove,
  ifVersion: number,
  actor: Actor,
): Promise<ReferralWrite> {
  const move = parseOrRefuse(MoveSchema, input);
  const { registryVersion } = await registryWrite(context, async (trx, version) => {
    const row = await trx.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new StoreError('NOT_FOUND', 'no referral with this id');
    if (row.version !== ifVersion) {
      throw new StoreError('VERSION_MISMATCH', `the referral is at version ${row.version}; fetch it again`, [], row.version);
    }
    const from = row.status as ReferralStatus;
    const transition = transitionFor(from, move.to);
    if (!transition) {
      const allowed = movesFrom(from).filter((to) => to !== 'expired');
      throw new StoreError(
        'INVALID_TRANSITION',
        isFinal(from)
          ? `the referral is ${from}, a final status: it moves no more`
          : `a referral that is ${from} may move to ${allowed.join(', ')}, not to ${move.to}`,
      );
    }
    if (!mayMove(move.as, transition)) {
      const who = transition.who.filter((mover) => mover !== 'system');
      throw new StoreError(
        'TRANSITION_FORBIDDEN',
        who.length === 0
          ? `only the system moves a referral to ${move.to}`
          : `moving to ${move.to} needs the role ${['admin', ...who].join(' or ')}`,
      );
    }
    checkReason(transition.reasons, move.reason);
    const outcome = transition.outcome ? checkOutcome(JSON.parse(row.services) as string[], move.outcome) : undefined;
    if (!transition.outcome && move.outcome !== undefined) {
      throw refuse('outcome', 'unexpected', `an outcome is given only when completing`);
    }
    await moveReferral(trx, actor, row, move.to, version, { reason: move.reason, note: move.note, outcome });
  });
  return { referral: (await readReferral(context.db, id))!, registryVersion };
}

/** The one path of every move: status, version, the place freed on a final status, the event, the audit entry. */
async function moveReferral(
  trx: Transaction<Tables>,
  actor: Actor,
  row: { id: string; status: string; version: number; partner_id: string; bapas_id: string },
  to: ReferralStatus,
  registryVersion: number,
  extra: { reason?: string | undefined; note?: string | undefined; outcome?: ReferralOutcome | undefined },
): Promise<void> {
  const at = now();
  const from = row.status as ReferralStatus;
  const result = await trx
    .updateTable('referrals')
    .set({
      status: to,
      version: row.version + 1,
      updated_at: at,
      ...(isFinal(to) ? { ended_at: at } : {}),
      ...(extra.outcome ? { outcome: JSON.stringify(extra.outcome) } : {}),
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new StoreError('VERSION_MISMATCH', 'the referral changed meanwhile; fetch it again');
  if (holdsPlace(from) && !holdsPlace(to)) await changeHeld(trx, row.partner_id, -1, registryVersion);
  await appendEvent(trx, actor, { id: row.id, partnerId: row.partner_id, bapasId: row.bapas_id }, from, to, at, extra);
  await appendAudit(trx, actor, [
    {
      action: to === 'expired' ? 'referral.expire' : 'referral.transition',
      entity: 'referral',
      entityId: row.id,
      changes: [
        { field: 'status', before: from, after: to },
        ...(extra.reason === undefined ? [] : [{ field: 'reason', after: extra.reason }]),
        ...(extra.outcome === undefined ? [] : [{ field: 'outcome', after: extra.outcome }]),
      ],
    },
  ]);
}

function refuse(field: string, code: string, message: string): StoreError {
  return new StoreError('INVALID_REFERRAL', 'move refused', [{ path: [field], code, message }]);
}

function checkReason(reasons: readonly string[] | undefined, reason: string | undefined): void {
  if (reasons === undefined) {
    if (reason !== undefined) throw refuse('reason', 'unexpected', 'this move takes no reason; leave reason out');
    return;
  }
  if (reason === undefined) throw refuse('reason', 'required', `give a reason: one of ${reasons.join(', ')}`);
  if (!reasons.includes(reason)) throw refuse('reason', 'invalid', `a reason for this move is one of ${reasons.join(', ')}`);
}

/** One outcome for each service of the referral, and none for another. */
function checkOutcome(services: readonly string[], outcome: ReferralOutcome | undefined): ReferralOutcome {
  if (outcome === undefined) throw refuse('outcome', 'required', `give an outcome for each service: ${services.join(', ')}`);
  const given = outcome.services.map((entry) => entry.service);
  const issues = [
    ...services.filter((service) => !given.includes(service)).map((service) => `no outcome for ${service}`),
    ...given
      .filter((service, index) => !services.includes(service) || given.indexOf(service) !== index)
      .map((service) => `${service} is not a service of the referral, or is given twice`),
  ];
  if (issues.length > 0) throw refuse('outcome.services', 'mismatch', issues.join('; '));
  return outcome;
}

async function changeHeld(trx: Transaction<Tables>, partnerId: string, by: 1 | -1, registryVersion: number): Promise<void> {
  await trx
    .updateTable('partners')
    .set((eb) => ({ held: eb('held', '+', by), changed_in: registryVersion }))
    .where('id', '=', partnerId)
    .execute();
}

async function appendEvent(
  trx: Transaction<Tables>,
  actor: Actor,
  referral: { id: string; partnerId: string; bapasId: string },
  from: ReferralStatus | null,
  to: ReferralStatus,
  at: string,
  extra: { reason?: string | undefined; note?: string | undefined },
): Promise<void> {
  await trx
    .insertInto('referral_events')
    .values({
      referral_id: referral.id,
      at,
      account: actor.login,
      role: actor.role,
      from_status: from,
      to_status: to,
      reason: extra.reason ?? null,
      note: extra.note ?? null,
      partner_id: referral.partnerId,
      bapas_id: referral.bapasId,
    })
    .execute();
}

/** Expires each referral still requested at its time; the registry's row lock makes it once per referral. */
export async function expireReferrals(
  context: StoreContext,
  at: Date = new Date(),
): Promise<{ expired: string[]; registryVersion: number }> {
  const cutoff = at.toISOString();
  // Read first, outside a write: a sweep that finds nothing due takes no lock and raises no version.
  const due = await context.db
    .selectFrom('referrals')
    .select('id')
    .where('status', '=', 'requested')
    .where('expires_at', '<=', cutoff)
    .limit(1)
    .executeTakeFirst();
  if (!due) return { expired: [], registryVersion: await currentRegistryVersion(context) };
  const { value, registryVersion } = await registryWrite(context, async (trx, version) => {
    const rows = await trx
      .selectFrom('referrals')
      .select(['id', 'status', 'version', 'partner_id', 'bapas_id'])
      .where('status', '=', 'requested')
      .where('expires_at', '<=', cutoff)
      .orderBy('seq')
      .execute();
    for (const row of rows) await moveReferral(trx, { login: null, role: null }, row, 'expired', version, {});
    return rows.map((row) => row.id);
  });
  return { expired: value, registryVersion };
}

/** Erases the pseudonym and the notes of the referrals `where` picks; audited; answers how many. */
async function erase(
  context: StoreContext,
  actor: Actor,
  pick: (trx: Transaction<Tables>) => Promise<string[]>,
  audit: { action: 'referral.retention' | 'referral.erase'; entity: 'referral'; entityId: null },
): Promise<number> {
  return context.db.transaction().execute(async (trx) => {
    const ids = await pick(trx);
    if (ids.length === 0) return 0;
    const at = now();
    for (let start = 0; start < ids.length; start += 500) {
      const batch = ids.slice(start, start + 500);
      await trx.updateTable('referrals').set({ client_ref: null, erased_at: at }).where('id', 'in', batch).execute();
      await trx.updateTable('referral_events').set({ note: null }).where('referral_id', 'in', batch).execute();
    }
    // The audit entry never repeats the pseudonym: it names how many, and the referrals.
    await appendAudit(trx, actor, [
      { action: audit.action, entity: audit.entity, entityId: audit.entityId, changes: [{ field: 'referrals', after: ids.length }] },
    ]);
    return ids.length;
  });
}

export async function applyRetention(context: StoreContext, days: number, at: Date = new Date()): Promise<{ erased: number }> {
  if (!Number.isFinite(days) || days < 0)
    throw new StoreError('INVALID_QUERY', 'retention refused', [
      { path: ['days'], code: 'invalid', message: 'a number of days, 0 or more' },
    ]);
  const cutoff = new Date(at.getTime() - days * 86_400_000).toISOString();
  const erased = await erase(
    context,
    { login: null, role: null },
    async (trx) =>
      (
        await trx
          .selectFrom('referrals')
          .select('id')
          .where('ended_at', 'is not', null)
          .where('ended_at', '<=', cutoff)
          .where('erased_at', 'is', null)
          .execute()
      ).map((row) => row.id),
    { action: 'referral.retention', entity: 'referral', entityId: null },
  );
  return { erased };
}

export async function eraseClientReferrals(context: StoreContext, clientRef: string, actor: Actor): Promise<number> {
  return erase(
    context,
    actor,
    async (trx) => (await trx.selectFrom('referrals').select('id').where('client_ref', '=', clientRef).execute()).map((row) => row.id),
    { action: 'referral.erase', entity: 'referral', entityId: null },
  );
}
