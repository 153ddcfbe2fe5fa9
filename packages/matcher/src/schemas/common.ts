import { z } from 'zod';
import { AGE_GROUP_IDS, GENDER_IDS, LANGS, MODE_IDS, PARTNER_KIND_IDS, RELIGION_IDS, SECTOR_IDS, SERVICE_IDS } from '../taxonomy';

export const ServiceIdSchema = z.enum(SERVICE_IDS);
export const SectorSchema = z.enum(SECTOR_IDS);
export const ModeSchema = z.enum(MODE_IDS);
export const PartnerKindSchema = z.enum(PARTNER_KIND_IDS);
export const ReligionSchema = z.enum(RELIGION_IDS);
export const GenderSchema = z.enum(GENDER_IDS);
export const AgeGroupSchema = z.enum(AGE_GROUP_IDS);
export const LangSchema = z.enum(LANGS);

/** A WGS84 point. */
export const LocationSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type Location = z.infer<typeof LocationSchema>;

/** A Kemendagri regency or city code such as `32.73` (Kota Bandung). */
export const RegencyCodeSchema = z.string().regex(/^\d{2}\.\d{2}$/, 'a Kemendagri regency code has the form NN.NN, such as 32.73');

/** A stable identifier: letters, digits and `-_.:`; never a name or an identity number. */
export const IdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits and - _ . : only, starting with a letter or digit');

/** ISO 639 language code (`id`, `jv`, `su`, `en`, `ban` ...). */
export const LanguageCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code such as id, jv or su');

/**
 * Flags every repeated item of a list, naming its index and the value repeated. It runs even
 * when items have issues of their own, so one parse reports every problem at once.
 */
export function noRepeats(key: (item: unknown) => unknown, field: readonly PropertyKey[], advice: string) {
  const check = (values: readonly unknown[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    values.forEach((item, index) => {
      const value = key(item);
      if (value === undefined) return;
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index, ...field], message: `${String(value)} ${advice}` });
      seen.add(value);
    });
  };
  return [check, { when: (payload: { value: unknown }) => Array.isArray(payload.value) }] as const;
}

/** The `id` of an item that may not have parsed. */
export const idKey = (item: unknown): unknown => (typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined);

/** The `service` of an item that may not have parsed. */
export const serviceKey = (item: unknown): unknown =>
  typeof item === 'object' && item !== null ? (item as { service?: unknown }).service : undefined;

/** A list without repeats (the message names the repeated value). */
export function distinct<T extends z.ZodType>(item: T) {
  return z.array(item).superRefine(...noRepeats((value) => value, [], 'is listed twice'));
}
