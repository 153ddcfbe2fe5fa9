import type { Location, Partner, ReligionId } from '@pokmas/matcher';
import { createRandom, type Random } from '@pokmas/matcher/internal';
import type { BapasOffice } from '../bapas';
import type { Directory } from '../directory';
import type { Pokmas } from '../registry/pokmas';
import {
  type Archetype,
  childProtection,
  clinic,
  communityFigure,
  cooperative,
  family,
  farm,
  lawFaculty,
  legalAidInstitute,
  observer,
  type PartnerDraft,
  religiousInstitution,
  remoteLegalLine,
  serviceBusiness,
  socialAffairsOffice,
  socialFoundation,
  trainingCentre,
  university,
  workshop,
} from './archetypes';
import { FAMILY_NAMES, FICTIONAL_MARK, GIVEN_NAMES, STEM_FIRST, STEM_SECOND, STREETS } from './names';

/** The seed of the committed demo registry. */
export const DEMO_SEED = 2020;

/** The demo registry file: its POKMAS and partners, and how to make it again. */
export interface DemoRegistryFile {
  description: string;
  generator: string;
  seed: number;
  pokmas: Pokmas[];
  partners: Partner[];
}

// Faiths of the religious partners by province code, the main one first. Where a second faith
// is common, some self-reliance POKMAS get a religious partner of it too.
const FAITHS: Record<string, readonly ReligionId[]> = {
  '12': ['islam', 'protestant'],
  '51': ['hindu', 'islam'],
  '53': ['catholic', 'protestant'],
  '61': ['islam', 'catholic'],
  '62': ['islam', 'protestant'],
  '64': ['islam', 'protestant'],
  '65': ['islam', 'protestant'],
  '71': ['protestant', 'islam'],
  '81': ['protestant', 'islam'],
  '91': ['protestant', 'catholic', 'islam'],
  '92': ['protestant', 'islam'],
  '93': ['catholic', 'protestant'],
  '96': ['protestant', 'islam'],
  '31': ['islam', 'protestant', 'catholic', 'buddhist'],
};
const faithsOf = (office: BapasOffice): readonly ReligionId[] => FAITHS[office.provinceCode] ?? ['islam'];

// Regional languages (ISO 639) by province code, spoken alongside Indonesian.
const LANGUAGES: Record<string, string> = {
  '11': 'ace',
  '13': 'min',
  '32': 'su',
  '33': 'jv',
  '34': 'jv',
  '35': 'jv',
  '51': 'ban',
  '52': 'sas',
  '63': 'bjn',
  '73': 'bug',
};

// Outside Java, Bali and Lombok, partners travel farther.
const DENSE_PROVINCES = new Set(['31', '32', '33', '34', '35', '36', '51', '52']);

/** Bapas offices (by id) whose law-and-society POKMAS also has a national remote legal line. */
const REMOTE_LEGAL_HOSTS = ['022', '074'];

const LAW_SOCIETY_CORE: readonly Archetype[] = [legalAidInstitute, socialFoundation, communityFigure];
const LAW_SOCIETY_EXTRA: readonly Archetype[] = [lawFaculty, observer, socialAffairsOffice, family, childProtection];
const SELF_RELIANCE_EXTRA: readonly Archetype[] = [university, trainingCentre, cooperative, serviceBusiness];

const round5 = (value: number): number => Math.round(value * 1e5) / 1e5;

/** A point `km` away from `origin` in a random direction (flat-earth offsets: fine at this scale). */
function jitter(random: Random, origin: Location, maxKm: number): Location {
  const km = 0.5 + random.next() * (maxKm - 0.5);
  const bearing = random.next() * 2 * Math.PI;
  const lat = origin.lat + (km / 111.32) * Math.cos(bearing);
  const lon = origin.lon + (km / (111.32 * Math.cos((origin.lat * Math.PI) / 180))) * Math.sin(bearing);
  return { lat: round5(lat), lon: round5(lon) };
}

function draftsFor(random: Random, office: BapasOffice): { lawSociety: PartnerDraft[]; selfReliance: PartnerDraft[] } {
  const faiths = faithsOf(office);
  const context = { faith: faiths[0]! };
  const lawSociety = [
    ...LAW_SOCIETY_CORE,
    ...random.shuffle(LAW_SOCIETY_EXTRA).slice(0, random.int(1, 3)),
    ...(REMOTE_LEGAL_HOSTS.includes(office.id) ? [remoteLegalLine] : []),
  ].map((archetype) => archetype(random, context));

  const trade = random.chance(0.5) ? [workshop, farm] : [farm, workshop];
  const secondFaith =
    faiths.length > 1 && random.chance(0.6) ? [religiousInstitution(random, { faith: random.pick(faiths.slice(1)) })] : [];
  const selfReliance = [
    religiousInstitution(random, context),
    ...secondFaith,
    trade[0]!(random, context),
    clinic(random, context),
    ...random
      .shuffle([trade[1]!, ...SELF_RELIANCE_EXTRA])
      .slice(0, Math.max(1, random.int(4, 6) - 3 - secondFaith.length))
      .map((archetype) => archetype(random, context)),
  ];
  return { lawSociety, selfReliance };
}

function personName(random: Random): string {
  return `${random.pick(GIVEN_NAMES)} ${random.pick(FAMILY_NAMES)}`;
}

function toPartner(random: Random, draft: PartnerDraft, office: BapasOffice, pokmasId: string, id: string): Partner {
  const sparse = DENSE_PROVINCES.has(office.provinceCode) ? 1 : 2;
  const total = random.int(draft.capacity[0], draft.capacity[1]);
  // A few partners are inactive or full, as in any real list; never the essential ones.
  const state = draft.essential ? 'open' : random.chance(0.03) ? 'inactive' : random.chance(0.04) ? 'full' : 'open';
  const used = state === 'full' ? total : Math.min(total - 1, Math.floor(random.next() * total * 0.8));
  const local = LANGUAGES[office.provinceCode];
  const languages = draft.remoteOnly ? ['id', 'en'] : local && random.chance(0.6) ? ['id', local] : ['id'];
  // A person or a family is its own contact; an organisation names an invented stem.
  const person = personName(random);
  const personal = draft.kind === 'individual' || draft.kind === 'family';
  const name = personal ? `${draft.label} ${person}` : `${draft.label} ${random.pick(STEM_FIRST)} ${random.pick(STEM_SECOND)}`;
  const seat = office.seat;
  const eligibility = {
    ...(draft.genders ? { genders: draft.genders } : {}),
    ...(draft.ageGroups ? { ageGroups: draft.ageGroups } : {}),
  };
  return {
    id,
    name: draft.remoteOnly ? `${name} ${FICTIONAL_MARK}` : `${name} ${seat} ${FICTIONAL_MARK}`,
    kind: draft.kind,
    bapasId: office.id,
    pokmasId,
    location: jitter(random, office.location, draft.spreadKm),
    regencyCode: office.regencyCode,
    serviceRadiusKm: draft.radiusKm * sparse,
    offerings: draft.offerings,
    capacity: { total, used },
    ...(Object.keys(eligibility).length > 0 ? { eligibility } : {}),
    languages,
    ...(state === 'inactive' ? { active: false } : {}),
    contact: {
      person: personal ? person : personName(random),
      phone: `+62 8${random.int(11, 59)}-0000-${String(random.int(0, 9999)).padStart(4, '0')}`,
      email: `${id.toLowerCase()}@example.org`,
      address: `Jl. ${random.pick(STREETS)} No. ${random.int(1, 120)}, ${seat}`,
    },
  };
}

/**
 * The demo registry: for every office of the directory (`offices`: no planned one), two POKMAS as the
 * 2020 decree asks, one for law and society and one for self-reliance and personality, of
 * about five fictional partners each. Pure: the same seed and directory give the same value.
 *
 * @example
 * const file = generateDemoRegistry(DEMO_SEED, await loadDirectory());
 * await writeFile(DEMO_REGISTRY_FILE, formatDemoRegistry(file));
 */
export function generateDemoRegistry(seed: number, directory: Directory): DemoRegistryFile {
  const random = createRandom(seed);
  const pokmas: Pokmas[] = [];
  const partners: Partner[] = [];
  for (const office of directory.offices) {
    const { lawSociety, selfReliance } = draftsFor(random, office);
    let number = 0;
    const groups = [
      { field: 'law-society', suffix: 'HK', title: 'Hukum dan Kemasyarakatan', drafts: lawSociety },
      { field: 'self-reliance', suffix: 'KK', title: 'Kemandirian dan Kepribadian', drafts: selfReliance },
    ] as const;
    for (const group of groups) {
      const pokmasId = `PKM-${office.id}-${group.suffix}`;
      pokmas.push({
        id: pokmasId,
        bapasId: office.id,
        name: `POKMAS LIPAS ${group.title} ${office.seat} ${FICTIONAL_MARK}`,
        field: group.field,
      });
      for (const draft of group.drafts) {
        number += 1;
        partners.push(toPartner(random, draft, office, pokmasId, `P-${office.id}-${String(number).padStart(2, '0')}`));
      }
    }
  }
  return {
    description:
      'Demo registry: every partner, person, phone number and address in it is fictional. Generated by packages/directory/scripts/generate-demo.ts; do not edit by hand.',
    generator: 'packages/directory/scripts/generate-demo.ts',
    seed,
    pokmas,
    partners,
  };
}

/** The file's text: one POKMAS or partner per line, so that a regenerated file diffs by partner. */
export function formatDemoRegistry(file: DemoRegistryFile): string {
  const list = (items: readonly unknown[]) => `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
  return [
    '{',
    `  "description": ${JSON.stringify(file.description)},`,
    `  "generator": ${JSON.stringify(file.generator)},`,
    `  "seed": ${JSON.stringify(file.seed)},`,
    `  "pokmas": ${list(file.pokmas)},`,
    `  "partners": ${list(file.partners)}`,
    '}',
    '',
  ].join('\n');
}
