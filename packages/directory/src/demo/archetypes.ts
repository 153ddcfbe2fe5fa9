import type { AgeGroupId, GenderId, Offering, PartnerKindId, ReligionId } from '@pokmas/matcher';
import type { Random } from '@pokmas/matcher/internal';

/** What a demo partner is, before it is placed and given contacts. */
export interface PartnerDraft {
  kind: PartnerKindId;
  /** The name without the stem and seat: "LBH", "Bengkel Las". */
  label: string;
  offerings: Offering[];
  ageGroups?: AgeGroupId[];
  genders?: GenderId[];
  /** Base service radius in km, before the sparse-region factor. */
  radiusKm: number;
  capacity: [min: number, max: number];
  /** How far from the Bapas seat it may lie, in km. */
  spreadKm: number;
  /** Always active and never full: the partners every Bapas must be able to offer. */
  essential?: boolean;
  /** Gives no in-person service: no Bapas-local languages, any distance. */
  remoteOnly?: boolean;
}

export type Archetype = (random: Random, context: { faith: ReligionId }) => PartnerDraft;

const RELIGIOUS_LABELS: Record<ReligionId, readonly string[]> = {
  islam: ['Pondok Pesantren', 'Majelis Taklim', 'Yayasan Masjid'],
  protestant: ['Gereja Kristen', 'Persekutuan Gereja', 'Jemaat Gereja'],
  catholic: ['Paroki', 'Yayasan Katolik'],
  hindu: ['Pasraman', 'Yayasan Dharma'],
  buddhist: ['Vihara', 'Yayasan Buddhis'],
  confucian: ['Klenteng', 'Majelis Agama Khonghucu'],
  other: ['Paguyuban Penghayat'],
};

const maybe = <T>(random: Random, p: number, value: T): T[] => (random.chance(p) ? [value] : []);

// Law and society: legal and social communities.

/** A legal-aid institute: legal aid and legal services, for adults and juveniles, in every Bapas. */
export const legalAidInstitute: Archetype = (random) => ({
  kind: 'civil-society',
  label: 'LBH',
  offerings: [
    { service: 'legal-aid', modes: random.chance(0.3) ? ['in-person', 'remote'] : ['in-person'] },
    { service: 'legal-services' },
    ...maybe(random, 0.5, { service: 'legal-education' as const }),
  ],
  ageGroups: ['adult', 'juvenile'],
  radiusKm: random.int(40, 120),
  capacity: [15, 40],
  spreadKm: 8,
  essential: true,
});

export const lawFaculty: Archetype = (random) => ({
  kind: 'academic',
  label: random.pick(['Klinik Hukum Fakultas Hukum Universitas', 'Pusat Bantuan Hukum Kampus']),
  offerings: [
    { service: 'legal-education', modes: ['in-person', 'remote'] },
    { service: 'legal-services' },
    ...maybe(random, 0.4, { service: 'legal-aid' as const }),
  ],
  ...(random.chance(0.4) ? { ageGroups: ['adult', 'juvenile'] as AgeGroupId[] } : {}),
  radiusKm: random.int(40, 80),
  capacity: [20, 60],
  spreadKm: 10,
});

export const socialFoundation: Archetype = (random) => {
  const women = random.chance(0.2);
  return {
    kind: 'civil-society',
    label: women ? 'Yayasan Perempuan' : random.pick(['Yayasan Sosial', 'Lembaga Pendampingan', 'Perkumpulan Peduli']),
    offerings: [{ service: 'mentoring' }, { service: 'social-support' }, ...maybe(random, 0.6, { service: 'guidance' as const })],
    ...(women ? { genders: ['female'] as GenderId[] } : {}),
    ...(random.chance(0.3) ? { ageGroups: ['adult', 'juvenile'] as AgeGroupId[] } : {}),
    radiusKm: random.int(25, 60),
    capacity: [10, 30],
    spreadKm: 10,
  };
};

export const childProtection: Archetype = (random) => ({
  kind: 'civil-society',
  label: 'Lembaga Perlindungan Anak',
  offerings: [
    { service: 'mentoring', modes: ['in-person', 'home-visit'] },
    { service: 'guidance' },
    ...maybe(random, 0.5, { service: 'legal-aid' as const }),
  ],
  ageGroups: ['juvenile'],
  radiusKm: random.int(25, 60),
  capacity: [8, 25],
  spreadKm: 10,
});

export const communityFigure: Archetype = (random) => ({
  kind: 'individual',
  label: random.pick(['Tokoh Masyarakat', 'Ketua RW']),
  offerings: [
    { service: 'supervision', modes: ['home-visit'] },
    { service: 'mentoring', modes: ['in-person', 'home-visit'] },
  ],
  ...(random.chance(0.2) ? { ageGroups: ['adult', 'juvenile'] as AgeGroupId[] } : {}),
  radiusKm: random.int(8, 15),
  capacity: [2, 6],
  spreadKm: 8,
});

export const observer: Archetype = (random) => ({
  kind: 'observer',
  label: 'Forum Pemerhati Pemasyarakatan',
  offerings: [{ service: 'supervision' }, { service: 'guidance' }, ...maybe(random, 0.5, { service: 'mentoring' as const })],
  radiusKm: random.int(20, 50),
  capacity: [4, 12],
  spreadKm: 10,
});

export const socialAffairsOffice: Archetype = (random) => ({
  kind: 'government',
  label: 'Unit Layanan Sosial Kecamatan',
  offerings: [{ service: 'social-support' }, { service: 'guidance' }],
  radiusKm: random.int(30, 60),
  capacity: [20, 50],
  spreadKm: 6,
});

export const family: Archetype = (random) => ({
  kind: 'family',
  label: 'Keluarga Asuh',
  offerings: [{ service: 'supervision', modes: ['home-visit'] }, { service: 'social-support' }],
  ...(random.chance(0.5) ? { ageGroups: ['adult', 'juvenile'] as AgeGroupId[] } : {}),
  radiusKm: random.int(5, 12),
  capacity: [1, 3],
  spreadKm: 8,
});

/** A national remote legal consultation line (two in the registry): any distance, adults and juveniles. */
export const remoteLegalLine: Archetype = () => ({
  kind: 'civil-society',
  label: 'Layanan Konsultasi Hukum Daring',
  offerings: [
    { service: 'legal-aid', modes: ['remote'] },
    { service: 'legal-services', modes: ['remote'] },
    { service: 'legal-education', modes: ['remote'] },
  ],
  ageGroups: ['adult', 'juvenile'],
  radiusKm: 25,
  capacity: [60, 120],
  spreadKm: 4,
  essential: true,
  remoteOnly: true,
});

// Self-reliance and personality: economic and religious-professional communities.

/** A religious institution gives religious guidance for its own faith only. */
export const religiousInstitution: Archetype = (random, { faith }) => {
  const label = random.pick(RELIGIOUS_LABELS[faith]);
  const boarding = label === 'Pondok Pesantren';
  return {
    kind: 'religious-institution',
    label,
    offerings: [
      { service: 'religious-guidance', religions: [faith] },
      { service: 'mental-strengthening' },
      ...maybe(random, boarding ? 0.7 : 0.2, { service: 'education' as const }),
    ],
    ...(boarding && random.chance(0.3) ? { genders: ['male'] as GenderId[] } : {}),
    ...(random.chance(0.4) ? { ageGroups: ['adult', 'juvenile'] as AgeGroupId[] } : {}),
    radiusKm: random.int(15, 40),
    capacity: [10, 60],
    spreadKm: 12,
  };
};

export const workshop: Archetype = (random) => ({
  kind: 'enterprise',
  label: random.pick(['Bengkel Las', 'Bengkel Motor', 'Mebel', 'Konveksi']),
  offerings: [
    { service: 'skills-training', sectors: ['industry'] },
    { service: 'job-placement', sectors: ['industry'] },
  ],
  radiusKm: random.int(15, 35),
  capacity: [3, 12],
  spreadKm: 12,
});

export const farm: Archetype = (random) => ({
  kind: 'enterprise',
  label: random.pick(['Kebun', 'Peternakan', 'Tambak', 'Kelompok Tani']),
  offerings: [
    { service: 'skills-training', sectors: ['agribusiness'] },
    { service: 'job-placement', sectors: ['agribusiness'] },
    ...maybe(random, 0.5, { service: 'self-employment' as const, sectors: ['agribusiness' as const] }),
  ],
  radiusKm: random.int(20, 40),
  capacity: [4, 15],
  spreadKm: 25,
});

export const serviceBusiness: Archetype = (random) => ({
  kind: 'enterprise',
  label: random.pick(['Pangkas Rambut', 'Cuci Mobil', 'Katering', 'Sablon']),
  offerings: [
    { service: 'skills-training', sectors: ['services'] },
    { service: 'job-placement', sectors: ['services'] },
  ],
  radiusKm: random.int(10, 25),
  capacity: [2, 8],
  spreadKm: 8,
});

export const trainingCentre: Archetype = (random) => ({
  kind: random.chance(0.5) ? 'government' : 'civil-society',
  label: random.pick(['Balai Latihan Kerja', 'Lembaga Pelatihan Kerja']),
  offerings: [
    { service: 'skills-training', sectors: ['industry', 'services'] },
    { service: 'job-placement', sectors: ['industry', 'services'] },
    ...maybe(random, 0.4, { service: 'self-employment' as const }),
  ],
  ...(random.chance(0.3) ? { ageGroups: ['adult', 'juvenile'] as AgeGroupId[] } : {}),
  radiusKm: random.int(30, 60),
  capacity: [20, 60],
  spreadKm: 10,
});

export const cooperative: Archetype = (random) => ({
  kind: 'enterprise',
  label: 'Koperasi Usaha',
  offerings: [
    { service: 'business-capital' },
    { service: 'self-employment', sectors: [random.pick(['industry', 'agribusiness', 'services'] as const)] },
  ],
  radiusKm: random.int(20, 40),
  capacity: [5, 20],
  spreadKm: 10,
});

export const clinic: Archetype = (random) => {
  const rehab = random.chance(0.4);
  return {
    kind: rehab ? 'civil-society' : 'enterprise',
    label: rehab ? 'Yayasan Rehabilitasi' : 'Klinik Pratama',
    offerings: [
      { service: 'health' },
      { service: 'psychological-support', modes: random.chance(0.4) ? ['in-person', 'remote'] : ['in-person'] },
      ...(rehab ? [{ service: 'mental-strengthening' as const }] : []),
    ],
    radiusKm: random.int(20, 50),
    capacity: [10, 40],
    spreadKm: 8,
  };
};

export const university: Archetype = (random) => ({
  kind: 'academic',
  label: random.pick(['Universitas', 'Sekolah Tinggi', 'Institut']),
  offerings: [
    { service: 'education', modes: random.chance(0.3) ? ['in-person', 'remote'] : ['in-person'] },
    { service: 'legal-education' },
    ...maybe(random, 0.3, { service: 'psychological-support' as const }),
  ],
  radiusKm: random.int(40, 100),
  capacity: [20, 80],
  spreadKm: 10,
});
