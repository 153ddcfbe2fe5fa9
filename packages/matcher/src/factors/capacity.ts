import type { Factor } from './types';

/**
 * Capacity headroom: the share of the partner's places that are free. A partner without a
 * recorded capacity is unlimited and scores 1. Partners with no free place never get here.
 */
export const capacity: Factor = {
  id: 'capacity',
  score({ assessment }) {
    const { freePlaces, partner } = assessment.prepared;
    if (freePlaces === null || !partner.capacity) return 1;
    return freePlaces / partner.capacity.total;
  },
  explain({ assessment }) {
    const { freePlaces, partner } = assessment.prepared;
    if (freePlaces === null || !partner.capacity) return [{ code: 'capacity-unlimited', params: {} }];
    return [{ code: 'capacity-free', params: { free: freePlaces, total: partner.capacity.total } }];
  },
};
