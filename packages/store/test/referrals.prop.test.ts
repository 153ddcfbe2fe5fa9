import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type Actor,
  isFinal,
  mayMove,
  openStore,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  type ReferralStatus,
  type Role,
  StoreError,
  transitionFor,
} from '../src/index';
import { SQLITE } from './helpers/databases';
import { partner, registry } from './helpers/registry';
import { expectHeldAgrees } from './helpers/store-test';

// Random sequences of moves by random roles: a move outside the lifecycle table never succeeds,
// a final status never changes, the held count always equals the referrals that hold a place,
// and the free places never go below zero. The model is the table itself; the store is checked
// against it after every step, with its held counts read from the database's own rows.
const ROLES_USED: readonly (Role | 'system')[] = ['admin', 'bapas-admin', 'counsellor', 'partner', 'planner', 'system'];
const REASONS = ['no-capacity', 'not-suitable', 'other', 'duplicate', 'not-engaged', 'client-moved', 'mistaken'] as const;

const stepArb = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      pick: fc.nat(),
      to: fc.constantFrom(...REFERRAL_STATUSES),
      as: fc.constantFrom(...ROLES_USED),
      reason: fc.option(fc.constantFrom(...REASONS), { nil: undefined }),
      stale: fc.nat(5).map((n) => n === 0),
    }),
  },
  // A move the table allows from the referral's status, by a role it names: so that long runs
  // of real lifecycles happen, not only refusals.
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('guided' as const), pick: fc.nat(), choice: fc.nat() }) },
);

describe('referral lifecycle, as a property', () => {
  test('no move outside the table succeeds, finals stay final, held equals holding, free places stay at 0 or more', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 25 }), async (steps) => {
        const fresh = await SQLITE.create();
        const store = await openStore(fresh.options);
        try {
          await store.seedIfEmpty(registry([partner('P-1', { capacity: { total: 4, used: 1 } })]));
          const model = new Map<string, { status: ReferralStatus; version: number }>();
          for (const step of steps) {
            if (step.kind === 'create') {
              const holding = [...model.values()].filter((referral) => !isFinal(referral.status)).length;
              const result = await store
                .createReferral(
                  {
                    clientRef: `K-${model.size}`,
                    bapasId: '026',
                    partnerId: 'P-1',
                    services: ['legal-aid'],
                    match: {},
                    partnerVersion: 1,
                    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
                  },
                  { login: 'c', role: 'counsellor' },
                )
                .catch((error: unknown) => error);
              if (holding >= 3) expect((result as StoreError).code).toBe('NO_CAPACITY');
              else {
                expect(result).not.toBeInstanceOf(Error);
                const { referral } = result as { referral: { id: string } };
                model.set(referral.id, { status: 'requested', version: 1 });
              }
            } else {
              const ids = [...model.keys()];
              if (ids.length === 0) continue;
              const id = ids[step.pick % ids.length]!;
              const known = model.get(id)!;
              if (step.kind === 'guided') {
                const moves = REFERRAL_TRANSITIONS.filter((row) => row.from.includes(known.status) && row.to !== 'expired');
                if (moves.length === 0) continue;
                const row = moves[step.choice % moves.length]!;
                const who = row.who[step.choice % row.who.length]!;
                Object.assign(step, {
                  to: row.to,
                  as: who,
                  reason: row.reasons?.[step.choice % row.reasons.length],
                  stale: false,
                });
              }
              const move = step as Extract<typeof step, { kind: 'move' }>;
              const transition = transitionFor(known.status, move.to);
              const actor: Actor = { login: move.as, role: move.as === 'system' ? null : move.as };
              const result = await store
                .transitionReferral(
                  id,
                  {
                    to: move.to,
                    as: move.as,
                    ...(move.reason === undefined ? {} : { reason: move.reason }),
                    ...(move.to === 'completed' ? { outcome: { services: [{ service: 'legal-aid', result: 'achieved' }] } } : {}),
                  },
                  move.stale ? known.version + 1 : known.version,
                  actor,
                )
                .then(
                  (write) => write.referral,
                  (error: unknown) => error,
                );
              const allowed =
                !move.stale &&
                transition !== undefined &&
                mayMove(move.as, transition) &&
                (transition.reasons === undefined
                  ? move.reason === undefined
                  : move.reason !== undefined && transition.reasons.includes(move.reason));
              if (allowed) {
                expect(result, JSON.stringify(move)).toMatchObject({ status: move.to, version: known.version + 1 });
                model.set(id, { status: move.to, version: known.version + 1 });
              } else {
                expect(result, JSON.stringify(move)).toBeInstanceOf(StoreError);
                expect((await store.getReferral(id))?.status).toBe(known.status);
              }
            }
            const held = (await expectHeldAgrees(fresh)).get('P-1')!;
            expect(held).toBeLessThanOrEqual(3);
            expect(held).toBe([...model.values()].filter((referral) => !isFinal(referral.status)).length);
          }
        } finally {
          await store.close();
          await fresh.drop();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
