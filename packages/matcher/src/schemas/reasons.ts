import { z } from 'zod';
import { IdSchema, LanguageCodeSchema, ReligionSchema, ServiceIdSchema } from './common';

/** One reason: its code, the parameters that code carries and nothing else, and a sentence. */
const reason = <const C extends string, const P extends z.ZodRawShape>(code: C, params: P) =>
  z.object({ code: z.literal(code), params: z.strictObject(params), text: z.string() });

const services = z.array(ServiceIdSchema);

/**
 * Every reason a match can carry, as a union on `code`: each code's parameters are typed, so a
 * sentence template can only read what its code carries. The factors write most of them (see
 * each factor's `explain`); `accepts-juveniles` is said of every juvenile's match.
 */
export const ReasonSchema = z.discriminatedUnion('code', [
  reason('covers-needs', { count: z.number().int(), total: z.number().int(), services }),
  reason('misses-needs', { services }),
  reason('religion-match', { religion: ReligionSchema }),
  reason('remote-offering', { services }),
  reason('home-visit-offering', { services }),
  reason('distance', { km: z.number() }),
  reason('same-regency', {}),
  reason('same-province', {}),
  reason('far-away', {}),
  reason('location-unknown', {}),
  reason('capacity-free', { free: z.number().int(), total: z.number().int() }),
  reason('capacity-unlimited', {}),
  reason('same-bapas', { bapasId: IdSchema }),
  reason('other-bapas', { bapasId: IdSchema }),
  reason('shared-language', { languages: z.array(LanguageCodeSchema) }),
  reason('no-shared-language', {}),
  reason('accepts-juveniles', {}),
]);
export type Reason = z.infer<typeof ReasonSchema>;
export type ReasonCode = Reason['code'];

/** The codes, in the order the schema lists them. */
export const REASON_CODES: readonly ReasonCode[] = ReasonSchema.options.map((option) => option.shape.code.value);

/** A reason before its sentence is written: what factors produce. */
export type ReasonDraft = Reason extends infer R ? (R extends { text: string } ? Omit<R, 'text'> : never) : never;
/** The draft of one code. */
export type ReasonDraftOf<C extends ReasonCode> = Extract<ReasonDraft, { code: C }>;
/** The parameters of one code. */
export type ReasonParams<C extends ReasonCode> = ReasonDraftOf<C>['params'];
