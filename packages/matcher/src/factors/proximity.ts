import { gaussDecay, provinceOf } from '../geo';
import type { Factor, FactorInput } from './types';

type Basis = 'distance' | 'same-regency' | 'same-province' | 'far-away' | 'location-unknown';

/** What proximity is measured by: coordinates first, else the Kemendagri codes. */
function basis({ client, assessment }: FactorInput): Basis {
  if (assessment.distanceKm !== null) return 'distance';
  const a = client.client.regencyCode;
  const b = assessment.prepared.partner.regencyCode;
  if (a === undefined || b === undefined) return 'location-unknown';
  if (a === b) return 'same-regency';
  return provinceOf(a) === provinceOf(b) ? 'same-province' : 'far-away';
}

/**
 * Proximity: a gauss decay over great-circle distance (see `gaussDecay`; defaults: 1 up to
 * 5 km, 0.5 at 30 km, about 0.06 at 55 km). Without coordinates on both sides it falls back to
 * the regency codes: `sameRegency` (0.6) in the same regency, `sameProvince` (0.25) in the
 * same province, else 0. A missing location is never near: it scores 0.
 */
export const proximity: Factor = {
  id: 'proximity',
  score(input) {
    const params = input.options.proximity;
    switch (basis(input)) {
      case 'distance':
        return gaussDecay(input.assessment.distanceKm!, params);
      case 'same-regency':
        return params.sameRegency;
      case 'same-province':
        return params.sameProvince;
      default:
        return 0;
    }
  },
  explain(input) {
    const found = basis(input);
    if (found === 'distance') {
      return [{ code: 'distance', params: { km: Math.round(input.assessment.distanceKm! * 10) / 10 } }];
    }
    return [{ code: found, params: {} }];
  },
};
