import { FIELD_IDS, type FieldId, IdSchema, type Partner, getService } from '@pokmas/matcher';
import { z } from 'zod';

/** A POKMAS LIPAS: a group of partners formed by one Bapas for one field of guidance. */
export const PokmasSchema = z.strictObject({
  id: IdSchema,
  bapasId: IdSchema,
  name: z.string().trim().min(1, 'give the POKMAS a name').max(200),
  /** The 2020 decree asks each Bapas for one of each: law and society, self-reliance and personality. */
  field: z.enum(FIELD_IDS, { error: 'the field of a POKMAS is law-society or self-reliance' }),
});
export type Pokmas = z.infer<typeof PokmasSchema>;

/**
 * The field most of a POKMAS's offerings belong to, for a file that names a POKMAS without
 * its field; `undefined` on a tie, where the file must say.
 */
export function inferPokmasField(partners: readonly Partner[]): FieldId | undefined {
  const counts = new Map<FieldId, number>(FIELD_IDS.map((field) => [field, 0]));
  for (const partner of partners) {
    for (const offering of partner.offerings) {
      const field = getService(offering.service).field;
      counts.set(field, (counts.get(field) ?? 0) + 1);
    }
  }
  const [first, second] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return first && second && first[1] > second[1] ? first[0] : undefined;
}
