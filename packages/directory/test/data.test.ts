import { readFile } from 'node:fs/promises';
import { haversineKm } from '@pokmas/matcher';
import { getProvinces, getRegencies } from 'idn-area-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Directory, INDONESIA_BOUNDS, isInIndonesia, loadDirectory } from '../src/index';

/** How far a Bapas seat may lie from its regency's point before it needs explaining. */
const NEAR_KM = 30;

/**
 * Seats farther than NEAR_KM from their regency's point, each checked by hand: the regency
 * point is the centre of a large regency (or of a city's wide territory), not its seat.
 * The distance is the largest accepted.
 */
const FAR_FROM_REGENCY_POINT: Record<string, { seat: string; maxKm: number }> = {
  '060': { seat: 'Sintang (Kabupaten Sintang, 21,600 km²)', maxKm: 70 },
  '061': { seat: 'Palangkaraya (a city of 2,400 km²)', maxKm: 55 },
  '063': { seat: 'Pangkalan Bun (Kabupaten Kotawaringin Barat)', maxKm: 36 },
  '072': { seat: 'Luwuk (Kabupaten Banggai)', maxKm: 41 },
  '082': { seat: 'Merauke (Kabupaten Merauke, 45,000 km²)', maxKm: 125 },
  '083': { seat: 'Manokwari (Kabupaten Manokwari)', maxKm: 37 },
};

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory();
});

describe('the shipped Bapas list', () => {
  it('holds every office of the source, and one planned office', async () => {
    const source = await readFile(new URL('../data/bapas.csv', import.meta.url), 'utf8');
    const rows = source.trim().split('\n').length - 1;
    expect(directory.bapas).toHaveLength(rows);
    expect(directory.bapas.filter((office) => office.status === 'planned').map((office) => office.seat)).toEqual(['Dumai']);
  });

  it('gives each office a unique three-digit id', () => {
    const ids = directory.bapas.map((office) => office.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^\d{3}$/);
  });

  it('places every office in a regency and province of idn-area-data, with the same names', async () => {
    const regencies = new Map((await getRegencies({ transform: true })).map((regency) => [regency.code, regency]));
    const provinces = new Map((await getProvinces()).map((province) => [province.code, province]));
    for (const office of directory.bapas) {
      const regency = regencies.get(office.regencyCode);
      expect(regency, `${office.id} ${office.regencyCode}`).toBeDefined();
      expect(regency?.name).toBe(office.regencyName);
      expect(regency?.provinceCode).toBe(office.provinceCode);
      expect(provinces.get(office.provinceCode)?.name).toBe(office.provinceName);
    }
  });

  it('puts every seat inside Indonesia', () => {
    const outside = directory.bapas.filter((office) => !isInIndonesia(office.location));
    expect(outside).toEqual([]);
  });

  it(`puts every seat within ${NEAR_KM} km of its regency's point, but for the listed exceptions`, () => {
    const far = directory.bapas
      .map((office) => ({ id: office.id, km: haversineKm(office.location, directory.getRegency(office.regencyCode)!.location) }))
      .filter(({ km }) => km > NEAR_KM);
    expect(far.map(({ id }) => id).sort()).toEqual(Object.keys(FAR_FROM_REGENCY_POINT).sort());
    for (const { id, km } of far) expect(km, FAR_FROM_REGENCY_POINT[id]!.seat).toBeLessThanOrEqual(FAR_FROM_REGENCY_POINT[id]!.maxKm);
  });

  it('reads an unverified class as null, not as a guess', () => {
    expect(directory.getBapas('011')).toMatchObject({ seat: 'Batam', class: null });
    expect(directory.getBapas('026')).toMatchObject({ name: 'Bapas Kelas I Bandung', class: 'I', regencyCode: '32.73' });
  });
});

describe('the shipped regions', () => {
  it('has the 38 provinces and every regency of idn-area-data, each with a point', async () => {
    expect(directory.provinces).toHaveLength((await getProvinces()).length);
    expect(directory.provinces).toHaveLength(38);
    expect(directory.regencies).toHaveLength((await getRegencies()).length);
    expect(directory.regencies).toHaveLength(514);
  });

  it('puts every regency point inside Indonesia', () => {
    expect(directory.regencies.filter((regency) => !isInIndonesia(regency.location)).map((regency) => regency.code)).toEqual([]);
  });

  it('names regency points as idn-area-data names the regencies', async () => {
    const points = JSON.parse(await readFile(new URL('../data/regency-coords.json', import.meta.url), 'utf8')) as {
      code: string;
      name: string;
    }[];
    for (const point of points) expect(directory.getRegency(point.code)?.name, point.code).toBe(point.name);
  });

  it('bounds Indonesia from Sabang to Merauke', () => {
    expect(isInIndonesia({ lat: 5.89, lon: 95.32 })).toBe(true); // Sabang
    expect(isInIndonesia({ lat: -8.5, lon: 140.4 })).toBe(true); // Merauke
    expect(isInIndonesia({ lat: 1.29, lon: 103.85 })).toBe(true); // inside the box, though Singapore: the check is rough
    expect(isInIndonesia({ lat: 107.6, lon: -6.9 })).toBe(false); // swapped
    expect(isInIndonesia({ lat: -6.9, lon: INDONESIA_BOUNDS.maxLon + 0.1 })).toBe(false);
  });
});
