import { describe, expect } from 'vitest';
import type { Actor, NewReferral, ReferralMove, Store } from '../../src/index';
import { ADMIN, partner, registry } from '../helpers/registry';
import { type StoreTest, expectHeldAgrees, paths, refusal } from '../helpers/store-test';

export const COUNSELLOR: Actor = { login: 'budi', role: 'counsellor' };
export const PARTNER_ACCOUNT: Actor = { login: 'mitra-p1', role: 'partner' };

const DAY = 86_400_000;

/** A referral to `partnerId` as the API would make it after the matcher's check. */
export async function newReferral(store: Store, partnerId = 'P-1', overrides: Partial<NewReferral> = {}): Promise<NewReferral> {
  const record = await store.getPartner(partnerId);
  const referral: NewReferral = {
    clientRef: 'K-0001',
    bapasId: '026',
    partnerId,
    services: ['legal-aid'],
    match: { score: 0.8, factors: [], reasons: [{ code: 'distance', params: { km: 1 } }] },
    partnerVersion: record?.version ?? 1,
    expiresAt: new Date(Date.now() + 14 * DAY).toISOString(),
    ...overrides,
  };
  // An override of undefined leaves the field out, as a caller that never names it.
  return Object.fromEntries(Object.entries(referral).filter(([, value]) => value !== undefined)) as unknown as NewReferral;
}

const move = (to: ReferralMove['to'], as: ReferralMove['as'], extra: Partial<ReferralMove> = {}): ReferralMove => ({ to, as, ...extra });

export function referralsContract(it: StoreTest): void {
  describe('making a referral', () => {
    it('stores it requested, holds a place and tells the change feed', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const before = await store.registryVersion();
      const { referral, registryVersion } = await store.createReferral(await newReferral(store), COUNSELLOR);
      expect(referral).toMatchObject({
        number: 'RJ-000001',
        status: 'requested',
        partnerId: 'P-1',
        bapasId: '026',
        clientRef: 'K-0001',
        services: ['legal-aid'],
        version: 1,
        history: [{ account: 'budi', role: 'counsellor', from: null, to: 'requested' }],
      });
      expect(registryVersion).toBe(before + 1);
      expect((await store.getPartner('P-1'))?.held).toBe(1);
      // The partner's own version (its ETag) does not move: a hold is not an edit.
      expect((await store.getPartner('P-1'))?.version).toBe(1);
      const changes = await store.changesSince(before);
      expect(changes.partners.map((record) => [record.partner.id, record.held])).toEqual([['P-1', 1]]);
      expect((await store.createReferral(await newReferral(store), COUNSELLOR)).referral.number).toBe('RJ-000002');
    });

    it('refuses when no place is free, and holds nothing', async ({ store, fresh }) => {
      await store.seedIfEmpty(registry([partner('P-1', { capacity: { total: 3, used: 2 } })]));
      await store.createReferral(await newReferral(store), COUNSELLOR);
      await refusal(store.createReferral(await newReferral(store), COUNSELLOR), 'NO_CAPACITY');
      expect((await store.getPartner('P-1'))?.held).toBe(1);
      expect((await store.listReferrals()).referrals).toHaveLength(1);
      await expectHeldAgrees(fresh);
    });

    it('refuses a referral checked against an older version of the partner', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const referral = await newReferral(store);
      await store.patchPartner('P-1', { name: 'Baru (fiktif)' }, 1, ADMIN);
      const error = await refusal(store.createReferral(referral, COUNSELLOR), 'PARTNER_CHANGED');
      expect(error.currentVersion).toBe(2);
    });

    it('refuses bad fields all at once, an unknown partner and a retired one', async ({ store }) => {
      await store.seedIfEmpty(registry([partner('P-1'), partner('P-2', { active: false })]));
      const bad = { ...(await newReferral(store)), services: [], note: 'x'.repeat(1001), clientRef: '' };
      expect(new Set(paths(await refusal(store.createReferral(bad, COUNSELLOR), 'INVALID_REFERRAL')))).toEqual(
        new Set(['clientRef', 'note', 'services']),
      );
      await refusal(store.createReferral(await newReferral(store, 'P-404'), COUNSELLOR), 'NOT_FOUND');
      await refusal(store.createReferral(await newReferral(store, 'P-2'), COUNSELLOR), 'INVALID_REFERRAL');
      expect((await store.listReferrals()).referrals).toEqual([]);
    });

    it('never stores a client detail beyond the pseudonym', async ({ store, fresh }) => {
      await store.seedIfEmpty(registry());
      await store.createReferral(await newReferral(store, 'P-1', { note: 'jadwal Senin pagi' }), COUNSELLOR);
      const dump = await fresh.dump();
      expect(dump).toContain('K-0001');
      for (const field of ['ageGroup', 'gender', 'religion', 'languages', '"location"', 'juvenile']) expect(dump).not.toContain(field);
    });
  });

  describe('making a cohort of referrals at once', () => {
    it('makes all of them, or none when one partner has no place left or changed since', async ({ store, fresh }) => {
      await store.seedIfEmpty(registry([partner('P-1', { capacity: { total: 3, used: 1 } }), partner('P-2')]));
      const solvedAt = await store.registryVersion();
      const one = (clientRef: string, partnerId: string) =>
        newReferral(store, partnerId, { clientRef, unchangedSince: solvedAt, partnerVersion: undefined });
      const tooMany = await Promise.all([one('K-1', 'P-1'), one('K-2', 'P-1'), one('K-3', 'P-1'), one('K-4', 'P-2')]);
      await refusal(store.createReferrals(tooMany, COUNSELLOR), 'NO_CAPACITY');
      expect((await store.listReferrals()).referrals).toEqual([]);
      await expectHeldAgrees(fresh);

      const fits = await Promise.all([one('K-1', 'P-1'), one('K-2', 'P-1'), one('K-4', 'P-2')]);
      const made = await store.createReferrals(fits, COUNSELLOR);
      expect(made.referrals.map((referral) => [referral.clientRef, referral.partnerId, referral.number])).toEqual([
        ['K-1', 'P-1', 'RJ-000001'],
        ['K-2', 'P-1', 'RJ-000002'],
        ['K-4', 'P-2', 'RJ-000003'],
      ]);
      // Solved before those holds: P-2 changed since, so a cohort solved then is refused whole.
      await refusal(store.createReferrals([await one('K-5', 'P-2')], COUNSELLOR), 'PARTNER_CHANGED');
      expect((await store.listReferrals()).referrals).toHaveLength(3);
      await expectHeldAgrees(fresh);
    });
  });

  describe('moving a referral', () => {
    it('follows the table, records each move and frees the place at a final status', async ({ store, fresh }) => {
      await store.seedIfEmpty(registry());
      const { referral } = await store.createReferral(await newReferral(store), COUNSELLOR);
      const accepted = await store.transitionReferral(referral.id, move('accepted', 'partner'), 1, PARTNER_ACCOUNT);
      const started = await store.transitionReferral(referral.id, move('in-progress', 'partner'), 2, PARTNER_ACCOUNT);
      expect((await store.getPartner('P-1'))?.held).toBe(1);
      const done = await store.transitionReferral(
        referral.id,
        move('completed', 'partner', { outcome: { services: [{ service: 'legal-aid', result: 'achieved' }], sessionsAttended: 6 } }),
        3,
        PARTNER_ACCOUNT,
      );
      expect(accepted.referral.status).toBe('accepted');
      expect(started.referral.version).toBe(3);
      expect(done.referral).toMatchObject({ status: 'completed', version: 4, outcome: { sessionsAttended: 6 } });
      expect(done.referral.endedAt).toBeDefined();
      expect(done.referral.history.map((entry) => [entry.from, entry.to])).toEqual([
        [null, 'requested'],
        ['requested', 'accepted'],
        ['accepted', 'in-progress'],
        ['in-progress', 'completed'],
      ]);
      expect((await store.getPartner('P-1'))?.held).toBe(0);
      await expectHeldAgrees(fresh);
      const audit = await store.listAudit({ filters: { entity: 'referral', entityId: referral.id } });
      expect(audit.entries.map((entry) => entry.action)).toEqual([
        'referral.transition',
        'referral.transition',
        'referral.transition',
        'referral.create',
      ]);
    });

    it('refuses a move the table does not allow, naming the allowed ones', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const { referral } = await store.createReferral(await newReferral(store), COUNSELLOR);
      const error = await refusal(
        store.transitionReferral(referral.id, move('completed', 'partner'), 1, PARTNER_ACCOUNT),
        'INVALID_TRANSITION',
      );
      expect(error.message).toBe('a referral that is requested may move to accepted, declined, cancelled, not to completed');
      await store.transitionReferral(referral.id, move('declined', 'partner', { reason: 'no-capacity' }), 1, PARTNER_ACCOUNT);
      const final = await refusal(
        store.transitionReferral(referral.id, move('accepted', 'partner'), 2, PARTNER_ACCOUNT),
        'INVALID_TRANSITION',
      );
      expect(final.message).toBe('the referral is declined, a final status: it moves no more');
    });

    it('refuses a role the table does not name, a stale version, a missing or wrong reason', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const { referral } = await store.createReferral(await newReferral(store), COUNSELLOR);
      const forbidden = await refusal(
        store.transitionReferral(referral.id, move('accepted', 'counsellor'), 1, COUNSELLOR),
        'TRANSITION_FORBIDDEN',
      );
      expect(forbidden.message).toBe('moving to accepted needs the role admin or partner or bapas-admin');
      await refusal(store.transitionReferral(referral.id, move('expired', 'admin'), 1, ADMIN), 'TRANSITION_FORBIDDEN');
      expect(
        (await refusal(store.transitionReferral(referral.id, move('accepted', 'partner'), 7, PARTNER_ACCOUNT), 'VERSION_MISMATCH'))
          .currentVersion,
      ).toBe(1);
      expect(
        paths(await refusal(store.transitionReferral(referral.id, move('declined', 'partner'), 1, PARTNER_ACCOUNT), 'INVALID_REFERRAL')),
      ).toEqual(['reason']);
      await refusal(
        store.transitionReferral(referral.id, move('declined', 'partner', { reason: 'duplicate' }), 1, PARTNER_ACCOUNT),
        'INVALID_REFERRAL',
      );
      await refusal(
        store.transitionReferral(referral.id, move('accepted', 'partner', { reason: 'other' }), 1, PARTNER_ACCOUNT),
        'INVALID_REFERRAL',
      );
      expect((await store.getReferral(referral.id))?.version).toBe(1);
      await refusal(store.transitionReferral('nope', move('accepted', 'partner'), 1, PARTNER_ACCOUNT), 'NOT_FOUND');
    });

    it('completes only with one outcome for each service', async ({ store }) => {
      await store.seedIfEmpty(
        registry([
          partner('P-1', {
            offerings: [
              { service: 'legal-aid', modes: ['in-person'] },
              { service: 'mentoring', modes: ['in-person'] },
            ],
          }),
        ]),
      );
      const { referral } = await store.createReferral(
        await newReferral(store, 'P-1', { services: ['legal-aid', 'mentoring'] }),
        COUNSELLOR,
      );
      await store.transitionReferral(referral.id, move('accepted', 'admin'), 1, ADMIN);
      await store.transitionReferral(referral.id, move('in-progress', 'partner'), 2, PARTNER_ACCOUNT);
      const half = await refusal(
        store.transitionReferral(
          referral.id,
          move('completed', 'partner', { outcome: { services: [{ service: 'legal-aid', result: 'achieved' }] } }),
          3,
          PARTNER_ACCOUNT,
        ),
        'INVALID_REFERRAL',
      );
      expect(half.issues[0]?.message).toBe('no outcome for mentoring');
      await refusal(store.transitionReferral(referral.id, move('completed', 'partner'), 3, PARTNER_ACCOUNT), 'INVALID_REFERRAL');
      expect((await store.getReferral(referral.id))?.status).toBe('in-progress');
    });
  });

  describe('expiry, the event feed, erasure', () => {
    it('expires unanswered referrals once, freeing their places', async ({ store, another }) => {
      await store.seedIfEmpty(registry());
      const soon = await store.createReferral(
        await newReferral(store, 'P-1', { expiresAt: new Date(Date.now() + DAY).toISOString() }),
        COUNSELLOR,
      );
      const later = await store.createReferral(
        await newReferral(store, 'P-1', { expiresAt: new Date(Date.now() + 20 * DAY).toISOString() }),
        COUNSELLOR,
      );
      // Two instances on PostgreSQL; on SQLite one (two in one thread would wait on each other's lock).
      const other = store.dialect === 'postgres' ? await another() : store;
      const at = new Date(Date.now() + 2 * DAY);
      const [first, second] = await Promise.all([store.expireReferrals(at), other.expireReferrals(at)]);
      expect([...first.expired, ...second.expired]).toEqual([soon.referral.id]);
      expect((await store.getReferral(soon.referral.id))?.history.at(-1)).toMatchObject({
        from: 'requested',
        to: 'expired',
        account: null,
        role: null,
      });
      expect((await store.getReferral(later.referral.id))?.status).toBe('requested');
      expect((await store.getPartner('P-1'))?.held).toBe(1);
    });

    it('gives every event in commit order within a scope, resumable from any cursor', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const one = await store.createReferral(await newReferral(store, 'P-1'), COUNSELLOR);
      const two = await store.createReferral(await newReferral(store, 'P-3', { bapasId: '001' }), COUNSELLOR);
      await store.transitionReferral(one.referral.id, move('accepted', 'partner'), 1, PARTNER_ACCOUNT);
      const all = await store.referralEvents();
      expect(all.events.map((event) => [event.type, event.referralId])).toEqual([
        ['referral.requested', one.referral.id],
        ['referral.requested', two.referral.id],
        ['referral.accepted', one.referral.id],
      ]);
      expect(JSON.stringify(all)).not.toContain('K-0001');
      const page = await store.referralEvents({ limit: 1 });
      const rest = await store.referralEvents({ after: page.cursor });
      expect([...page.events, ...rest.events]).toEqual(all.events);
      expect((await store.referralEvents({ after: all.cursor })).events).toEqual([]);
      expect((await store.referralEvents({ bapasId: '001' })).events.map((event) => event.referralId)).toEqual([two.referral.id]);
      expect((await store.referralEvents({ partnerId: 'P-1' })).events).toHaveLength(2);
      await refusal(store.referralEvents({ after: -1 }), 'INVALID_QUERY');
    });

    it('lists within filters, newest first, with a cursor', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const made = [];
      for (let index = 0; index < 5; index++)
        made.push((await store.createReferral(await newReferral(store, 'P-1', { clientRef: `K-${index}` }), COUNSELLOR)).referral);
      await store.transitionReferral(made[1]!.id, move('accepted', 'partner'), 1, PARTNER_ACCOUNT);
      const first = await store.listReferrals({ limit: 2 });
      const second = await store.listReferrals({ limit: 2, cursor: first.nextCursor! });
      expect([...first.referrals, ...second.referrals].map((referral) => referral.clientRef)).toEqual(['K-4', 'K-3', 'K-2', 'K-1']);
      expect((await store.listReferrals({ filters: { status: 'accepted' } })).referrals.map((referral) => referral.clientRef)).toEqual([
        'K-1',
      ]);
      expect((await store.listReferrals({ filters: { clientRef: 'K-3' } })).referrals).toHaveLength(1);
      expect((await store.listReferrals({ filters: { bapasId: '001' } })).referrals).toEqual([]);
      await refusal(store.listReferrals({ filters: { status: 'lost' as never } }), 'INVALID_QUERY');
    });

    it('erases a pseudonym and its notes at once, or after retention, and audits both without it', async ({ store, fresh }) => {
      await store.seedIfEmpty(registry());
      const kept = await store.createReferral(await newReferral(store, 'P-1', { clientRef: 'K-keep' }), COUNSELLOR);
      await store.createReferral(await newReferral(store, 'P-1', { clientRef: 'K-gone', note: 'catatan' }), COUNSELLOR);
      expect(await store.eraseClientReferrals('K-gone', ADMIN)).toBe(1);
      const dump = await fresh.dump();
      expect(dump).not.toContain('K-gone');
      expect(dump).not.toContain('catatan');
      expect((await store.listAudit({ filters: { action: 'referral.erase' } })).entries).toHaveLength(1);

      await store.transitionReferral(kept.referral.id, move('cancelled', 'counsellor', { reason: 'duplicate' }), 1, COUNSELLOR);
      expect((await store.applyRetention(730)).erased).toBe(0);
      expect((await store.applyRetention(730, new Date(Date.now() + 731 * DAY))).erased).toBe(1);
      expect(await store.getReferral(kept.referral.id)).toMatchObject({ clientRef: null, status: 'cancelled' });
      expect(await fresh.dump()).not.toContain('K-keep');
    });
  });

  describe('places under concurrency', () => {
    it('gives exactly k referrals for k free places to N callers on two instances', async ({ store, another, fresh }) => {
      await store.seedIfEmpty(registry([partner('P-1', { capacity: { total: 5, used: 1 } })]));
      const other = store.dialect === 'postgres' ? await another() : store;
      const referral = await newReferral(store);
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, index) =>
          (index % 2 === 0 ? store : other).createReferral({ ...referral, clientRef: `K-${index}` }, COUNSELLOR),
        ),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(4);
      for (const result of results) if (result.status === 'rejected') expect((result.reason as { code?: string }).code).toBe('NO_CAPACITY');
      expect((await store.getPartner('P-1'))?.held).toBe(4);
      await expectHeldAgrees(fresh);
    });
  });
}
