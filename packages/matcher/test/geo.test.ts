import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxLowerBoundKm, cosLatitude } from '../src/geo';
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

describe('boxLowerBoundKm', () => {
  const lat = fc.double({ min: -90, max: 90, noNaN: true });
  const lon = fc.double({ min: -180, max: 180, noNaN: true });
  // A box of up to a few degrees anywhere on Earth (poles and the antimeridian included), a
  // point inside it, and a point anywhere.
  const boxWithPoint = fc
    .record({ lat, lon, height: fc.double({ min: 0, max: 3, noNaN: true }), width: fc.double({ min: 0, max: 3, noNaN: true }) })
    .chain(({ lat: south, lon: west, height, width }) => {
      const latMax = Math.min(90, south + height);
      const lonMax = Math.min(180, west + width);
      return fc
        .record({ lat: fc.double({ min: south, max: latMax, noNaN: true }), lon: fc.double({ min: west, max: lonMax, noNaN: true }) })
        .map((inside) => ({ box: { latMin: south, latMax, lonMin: west, lonMax }, inside }));
    });
  const boundFrom = (from: { lat: number; lon: number }, box: { latMin: number; latMax: number; lonMin: number; lonMax: number }) =>
    boxLowerBoundKm(
      from.lat,
      from.lon,
      cosLatitude(from.lat),
      box.latMin,
      box.latMax,
      box.lonMin,
      box.lonMax,
      Math.min(cosLatitude(box.latMin), cosLatitude(box.latMax)),
    );

  it('never exceeds the distance to a point of the box, as haversineKm computes it', () => {
    fc.assert(
      fc.property(boxWithPoint, fc.record({ lat, lon }), ({ box, inside }, from) => {
        expect(boundFrom(from, box)).toBeLessThanOrEqual(haversineKm(from, inside));
      }),
      { numRuns: 2000 },
    );
  });

  it('is 0 inside the box and close to the true gap outside it', () => {
    const box = { latMin: -7, latMax: -6.75, lonMin: 107.5, lonMax: 107.75 };
    expect(boundFrom({ lat: -6.9, lon: 107.6 }, box)).toBe(0);
    // Due west of the box, on a latitude inside it: the gap is along that parallel, nearly.
    const west = { lat: -6.9, lon: 107 };
    expect(boundFrom(west, box)).toBeCloseTo(haversineKm(west, { lat: -6.9, lon: 107.5 }), 1);
    // Across the antimeridian the short way round: 2 degrees, not 358.
    const east = { latMin: 0, latMax: 1, lonMin: 179, lonMax: 180 };
    expect(boundFrom({ lat: 0.5, lon: -179 }, east)).toBeCloseTo(haversineKm({ lat: 0.5, lon: -179 }, { lat: 0.5, lon: 180 }), 1);
  });
});
