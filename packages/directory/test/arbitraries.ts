import {
  AGE_GROUP_IDS,
  GENDER_IDS,
  MODE_IDS,
  type Partner,
  PARTNER_KIND_IDS,
  RELIGION_IDS,
  SECTOR_IDS,
  SERVICE_IDS,
} from '@pokmas/matcher';
import fc from 'fast-check';
import type { Pokmas } from '../src/index';

// Partners as a registry may hold them, bounded to what the schemas and the directory accept,
// with the characters a spreadsheet cell must survive: separators, quotes, brackets, line breaks.

const CHARS = [...'aZ09 ,;"\'\n[]|=+-@éñ'];
/**
 * Text that a cell keeps as it is: it neither starts nor ends with white space. It may begin
 * as a spreadsheet formula does (`=`, `+`, `-`, `@`), behind apostrophes or not, as a phone
 * number `+62 ...` or a name typed by hand may.
 */
const cellText = fc
  .tuple(
    fc.constantFrom('', "'", "''"),
    fc.constantFrom('A', 'b', '7', '=', '+', '-', '@'),
    fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 40 }),
  )
  .map(([apostrophes, first, rest]) => `${apostrophes}${first}${rest}`.trimEnd());

const nonEmpty = <T>(values: readonly T[]) => fc.shuffledSubarray([...values], { minLength: 1 });

const offering = (service: (typeof SERVICE_IDS)[number]) =>
  fc.record(
    { service: fc.constant(service), modes: nonEmpty(MODE_IDS), sectors: nonEmpty(SECTOR_IDS), religions: nonEmpty(RELIGION_IDS) },
    { requiredKeys: ['service'] },
  );

const eligibility = fc.oneof(
  fc.record({ genders: nonEmpty(GENDER_IDS) }),
  fc.record({ ageGroups: nonEmpty(AGE_GROUP_IDS) }),
  fc.record({ genders: nonEmpty(GENDER_IDS), ageGroups: nonEmpty(AGE_GROUP_IDS) }),
);

const contact = fc
  .record({ person: cellText, phone: cellText, email: cellText, address: cellText }, { requiredKeys: [] })
  .map((value) => (Object.keys(value).length > 0 ? value : undefined));

const BAPAS = ['001', '026', '046', '082'] as const;
const REGENCIES = ['11.71', '32.73', '32.10', '93.01'] as const;

const partner = fc.record(
  {
    name: cellText,
    kind: fc.constantFrom(...PARTNER_KIND_IDS),
    bapasId: fc.constantFrom(...BAPAS),
    inPokmas: fc.boolean(),
    // micro-degrees inside Indonesia's box
    location: fc
      .record({ lat: fc.integer({ min: -11_500_000, max: 6_500_000 }), lon: fc.integer({ min: 94_500_000, max: 141_500_000 }) })
      .map(({ lat, lon }) => ({ lat: lat / 1e6, lon: lon / 1e6 })),
    regencyCode: fc.constantFrom(...REGENCIES),
    serviceRadiusKm: fc.integer({ min: 1, max: 50_000 }).map((tenths) => tenths / 10),
    offerings: nonEmpty(SERVICE_IDS).chain((services) => fc.tuple(...services.map(offering))),
    capacity: fc.nat(100).chain((total) => fc.record({ total: fc.constant(total), used: fc.integer({ min: 0, max: total }) })),
    eligibility,
    languages: fc.uniqueArray(fc.constantFrom('id', 'jv', 'su', 'en', 'ban'), { minLength: 1 }),
    active: fc.boolean(),
    contact,
  },
  { requiredKeys: ['name', 'kind', 'bapasId', 'inPokmas', 'offerings', 'contact'] },
);

/** A registry's partners, ids unique, with the POKMAS they name (one per Bapas). */
export const registryArbitrary = fc
  .tuple(fc.array(partner, { minLength: 1, maxLength: 12 }), fc.record(Object.fromEntries(BAPAS.map((id) => [id, cellText]))))
  .map(([drafts, pokmasNames]) => {
    const partners: Partner[] = drafts.map(({ inPokmas, contact: details, ...rest }, index) => ({
      id: `P-${index + 1}`,
      ...rest,
      ...(inPokmas ? { pokmasId: `G-${rest.bapasId}` } : {}),
      ...(details ? { contact: details } : {}),
    }));
    const pokmas: Pokmas[] = [...new Set(partners.flatMap((item) => (item.pokmasId ? [item.bapasId] : [])))].map((bapasId) => ({
      id: `G-${bapasId}`,
      bapasId,
      name: pokmasNames[bapasId]!,
      field: 'law-society',
    }));
    return { partners, pokmas };
  });
