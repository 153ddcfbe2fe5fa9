import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussDecay, haversineKm } from '../src/index';

describe('haversineKm', () => {
  it('measures one degree along the equator as about 111.195 km', () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111.195, 3);
  });

  it('puts Jakarta and Bandung about 119 km apart', () => {
    expect(haversineKm({ lat: -6.1754, lon: 106.8272 }, { lat: -6.9147, lon: 107.6098 })).toBeCloseTo(119, 0);
  });

  it('is symmetric and zero only at the same point', () => {
    const point = fc.record({ lat: fc.double({ min: -11, max: 6, noNaN: true }), lon: fc.double({ min: 95, max: 141, noNaN: true }) });
    fc.assert(
      fc.property(point, point, (a, b) => {
        expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
        expect(haversineKm(a, a)).toBe(0);
      }),
    );
  });
});

describe('gaussDecay', () => {
  const params = { scaleKm: 25, offsetKm: 5, decay: 0.5 };

  it('is 1 within the offset and `decay` at offset + scale', () => {
    expect(gaussDecay(0, params)).toBe(1);
    expect(gaussDecay(5, params)).toBe(1);
    expect(gaussDecay(30, params)).toBeCloseTo(0.5, 12);
    expect(gaussDecay(55, { ...params, decay: 0.25 })).toBeCloseTo(0.25 ** 4, 12);
  });

  it('never increases with distance and stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (a, b) => {
        const [near, far] = a <= b ? [a, b] : [b, a];
        expect(gaussDecay(far, params)).toBeLessThanOrEqual(gaussDecay(near, params));
        expect(gaussDecay(far, params)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
