import { IdSchema, ServiceIdSchema } from '@pokmas/matcher';
import { z } from 'zod';
import { ROLES } from '../accounts/account-schema';
import { StoreError, issuesFromZod } from '../errors';
import { MAX_NOTE_LENGTH } from '../store';
import { OUTCOME_RESULTS, REFERRAL_STATUSES } from './lifecycle';

const NoteSchema = z
  .string()
  .trim()
  .min(1, 'leave note out rather than empty')
  .max(MAX_NOTE_LENGTH, `a note has at most ${MAX_NOTE_LENGTH} characters`);

export const NewReferralSchema = z.strictObject({
  clientRef: IdSchema,
  bapasId: IdSchema,
  partnerId: IdSchema,
  services: z
    .array(ServiceIdSchema)
    .min(1, 'refer for at least one service')
    .max(16)
    .refine((services) => new Set(services).size === services.length, 'list each service once'),
  match: z.unknown(),
  note: NoteSchema.optional(),
  partnerVersion: z.number().int().min(1).optional(),
  unchangedSince: z.number().int().min(0).optional(),
  expiresAt: z.iso.datetime(),
});

export const OutcomeSchema = z.strictObject({
  services: z
    .array(z.strictObject({ service: ServiceIdSchema, result: z.enum(OUTCOME_RESULTS) }))
    .min(1, 'give an outcome for each service of the referral'),
  sessionsAttended: z.number().int().min(0).max(10_000).optional(),
});

export const MoveSchema = z.strictObject({
  to: z.enum(REFERRAL_STATUSES, { error: `a status is one of ${REFERRAL_STATUSES.join(', ')}` }),
  reason: z.string().optional(),
  note: NoteSchema.optional(),
  outcome: OutcomeSchema.optional(),
  as: z.enum([...ROLES, 'system']),
});

/** Parses with `schema`, or throws INVALID_REFERRAL naming every bad field. */
export function parseOrRefuse<T>(schema: z.ZodType<T>, input: unknown, prefix: readonly PropertyKey[] = []): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new StoreError('INVALID_REFERRAL', 'referral refused', issuesFromZod(parsed.error, prefix));
  return parsed.data;
}
