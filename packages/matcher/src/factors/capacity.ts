import { defineFactor } from './types';

/**
 * Capacity headroom: the share of the partner's places that are free. A partner without a
 * recorded capacity is unlimited and scores 1. Partners with no free place never get here.
 */
export const capacity = defineFactor({
  id: 'capacity',
  label: { id: 'Kapasitas', en: 'Capacity' },
  defaultWeight: 0.1,
  column: {
    kind: 'number',
    // A partner with no places at all scores 0 (it is never scored: the at-capacity rule turns it away).
    of: ({ freePlaces, partner }) =>
      freePlaces === null || !partner.capacity ? 1 : partner.capacity.total === 0 ? 0 : freePlaces / partner.capacity.total,
  },
  prepare: () => null,
  value: (_query, headroom) => headroom,
  upper: () => 1,
  explain({ assessment }) {
    const { freePlaces, partner } = assessment.prepared;
    if (freePlaces === null || !partner.capacity) return [{ code: 'capacity-unlimited', params: {} }];
    return [{ code: 'capacity-free', params: { free: freePlaces, total: partner.capacity.total } }];
  },
  templates: {
    'capacity-free': {
      id: (p) => `Masih ada ${p.free} dari ${p.total} tempat.`,
      en: (p) => `${p.free} of ${p.total} places free.`,
    },
    'capacity-unlimited': {
      id: () => 'Tidak ada batas kapasitas yang tercatat.',
      en: () => 'No capacity limit recorded.',
    },
  },
});
