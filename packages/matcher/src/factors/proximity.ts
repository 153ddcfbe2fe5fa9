import type { ExplainInput } from './types';
import { decayAt, decayCurve, type DecayCurve } from '../geo';
import { km } from '../sentences';
import { defineFactor } from './types';

/** `32.73` as 3273, -1 when absent: the schema guarantees the NN.NN form. */
export const regencyNumber = (code: string | undefined): number => (code === undefined ? -1 : Number(code.replace('.', '')));

export interface ProximityQuery {
  readonly curve: DecayCurve;
  readonly regency: number;
  readonly sameRegency: number;
  readonly sameProvince: number;
}

/** Proximity without coordinates on both sides: by the Kemendagri codes. */
function byCode(query: ProximityQuery, regency: number): number {
  if (query.regency === -1 || regency === -1) return 0;
  if (regency === query.regency) return query.sameRegency;
  return Math.floor(regency / 100) === Math.floor(query.regency / 100) ? query.sameProvince : 0;
}

type Basis = 'distance' | 'same-regency' | 'same-province' | 'far-away' | 'location-unknown';

/** What proximity was measured by, for its reason: coordinates first, else the codes. */
function basis({ client, assessment }: ExplainInput): Basis {
  if (assessment.distanceKm !== null) return 'distance';
  const a = regencyNumber(client.client.regencyCode);
  const b = regencyNumber(assessment.prepared.partner.regencyCode);
  if (a === -1 || b === -1) return 'location-unknown';
  if (a === b) return 'same-regency';
  return Math.floor(a / 100) === Math.floor(b / 100) ? 'same-province' : 'far-away';
}

/**
 * Proximity: a gauss decay over great-circle distance (see `gaussDecay`; defaults: 1 up to
 * 5 km, 0.5 at 30 km, about 0.06 at 55 km). Without coordinates on both sides it falls back to
 * the regency codes: `sameRegency` (0.6) in the same regency, `sameProvince` (0.25) in the
 * same province, else 0. A missing location is never near: it scores 0.
 */
export const proximity = defineFactor({
  id: 'proximity',
  label: { id: 'Kedekatan', en: 'Proximity' },
  defaultWeight: 0.25,
  column: { kind: 'integer', of: (prepared) => regencyNumber(prepared.partner.regencyCode) },
  prepare(client, options): ProximityQuery {
    const { scaleKm, offsetKm, decay, sameRegency, sameProvince } = options.proximity;
    return {
      curve: decayCurve({ scaleKm, offsetKm, decay }),
      regency: regencyNumber(client.client.regencyCode),
      sameRegency,
      sameProvince,
    };
  },
  value: (query, regency, pair) => (Number.isNaN(pair.distanceKm) ? byCode(query, regency) : decayAt(pair.distanceKm, query.curve)),
  upper: (query, pair) =>
    Number.isNaN(pair.distanceKm) ? Math.max(query.sameRegency, query.sameProvince) : decayAt(pair.distanceKm, query.curve),
  explain(input) {
    const found = basis(input);
    if (found === 'distance') return [{ code: 'distance', params: { km: Math.round(input.assessment.distanceKm! * 10) / 10 } }];
    return [{ code: found, params: {} }];
  },
  templates: {
    distance: {
      id: (p, l) => `Berjarak sekitar ${km(p.km, l)} km dari klien.`,
      en: (p, l) => `About ${km(p.km, l)} km from the client.`,
    },
    'same-regency': {
      id: () => 'Berada di kabupaten/kota yang sama dengan klien.',
      en: () => 'In the same regency or city as the client.',
    },
    'same-province': {
      id: () => 'Berada di provinsi yang sama dengan klien.',
      en: () => 'In the same province as the client.',
    },
    'far-away': {
      id: () => 'Berada di provinsi lain.',
      en: () => 'In another province.',
    },
    'location-unknown': {
      id: () => 'Jarak tidak diketahui: lokasi klien atau mitra tidak lengkap.',
      en: () => 'Distance unknown: the client or the partner has no location.',
    },
  },
});
