import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinRegencies, parseRegencyPoints } from '../src/regions';
import {
  type Directory,
  formatRegistryIssue,
  loadDirectory,
  loadRegistryFile,
  parseBapasCsv,
  registryFormatOf,
  registryToCsv,
  RegistryError,
  summarizeRegistry,
} from '../src/index';
import { barePartner, fullPartner, lawSociety } from './fixtures';

let directory: Directory;
let dir: string;
beforeAll(async () => {
  directory = await loadDirectory();
  dir = await mkdtemp(join(tmpdir(), 'registry-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadRegistryFile', () => {
  it('reads JSON and CSV by extension, to the same partners, recording the path', async () => {
    const partners = [fullPartner(), barePartner()];
    const jsonFile = join(dir, 'partners.JSON');
    const csvFile = join(dir, 'partners.csv');
    await writeFile(jsonFile, JSON.stringify({ pokmas: [lawSociety], partners }));
    await writeFile(csvFile, registryToCsv(partners, [lawSociety]));
    const fromJson = await loadRegistryFile(jsonFile);
    const fromCsv = await loadRegistryFile(csvFile, directory);
    expect(fromJson.partners).toEqual(partners);
    expect(fromCsv.partners).toEqual(partners);
    expect(fromCsv.pokmas).toEqual(fromJson.pokmas);
    expect(fromJson.source).toBe(jsonFile);
    expect(fromCsv.version).not.toBe(fromJson.version);
  });

  it('refuses a file of another extension without reading it', async () => {
    await expect(loadRegistryFile(join(dir, 'partners.xlsx'))).rejects.toThrow(RegistryError);
    await expect(loadRegistryFile(join(dir, 'partners.xlsx'))).rejects.toMatchObject({
      file: join(dir, 'partners.xlsx'),
      issues: [{ row: 0, field: '', message: 'a registry file ends in .json or .csv', section: 'file' }],
    });
    expect(registryFormatOf('a.Csv')).toBe('csv');
    expect(registryFormatOf('a.json.bak')).toBeUndefined();
  });

  it("passes on the file system's error for a missing file", async () => {
    await expect(loadRegistryFile(join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('names the file in the error of a refused file', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify([barePartner({ bapasId: '999' })]));
    await expect(loadRegistryFile(file, directory)).rejects.toMatchObject({ file, message: expect.stringContaining(file) });
  });
});

describe('RegistryError and its issues', () => {
  it('formats an issue by where it is: a row, a POKMAS row, or the file', () => {
    expect(formatRegistryIssue({ row: 3, field: 'kind', message: 'bad' })).toBe('row 3, kind: bad');
    expect(formatRegistryIssue({ row: 2, field: 'field', message: 'bad', section: 'pokmas' })).toBe('pokmas row 2, field: bad');
    expect(formatRegistryIssue({ row: 0, field: '', message: 'not JSON', section: 'file' })).toBe('file: not JSON');
  });

  it('keeps every issue but shows the first five in its message', () => {
    const issues = Array.from({ length: 7 }, (_, index) => ({ row: index + 2, field: 'id', message: 'bad' }));
    const error = new RegistryError(issues);
    expect(error.issues).toHaveLength(7);
    expect(error.message).toBe(`registry refused, 7 problems: ${issues.slice(0, 5).map(formatRegistryIssue).join('; ')}; and 2 more`);
  });
});

describe('summarizeRegistry', () => {
  it('counts partners per Bapas, service and kind, and the inactive and full ones', () => {
    const summary = summarizeRegistry([
      fullPartner(),
      barePartner({ capacity: { total: 2, used: 2 } }),
      barePartner({ id: 'P-3', bapasId: '046', offerings: [{ service: 'legal-aid' }, { service: 'health' }] }),
    ]);
    expect(summary).toEqual({
      partners: 3,
      byBapas: { '026': 2, '046': 1 },
      byService: { health: 1, 'legal-aid': 2, 'legal-services': 1, 'religious-guidance': 1, 'skills-training': 2 },
      byKind: { 'civil-society': 1, enterprise: 2 },
      inactive: 1,
      full: 1,
    });
  });
});

describe("the package's own data files, when malformed", () => {
  const header = 'id,name,class,seat,regency_code,regency_name,province_code,province_name,kanwil_2020,status,lat,lon';
  it('refuse a Bapas file without a needed column, or a row without coordinates', () => {
    expect(() => parseBapasCsv('id,name\n001,Bapas\n')).toThrow(/lacks the columns class, seat/);
    expect(() => parseBapasCsv(`${header}\n001,B,I,S,11.71,K,11,A,K,S1,,95.3\n`)).toThrow(/row 2: lat and lon must be numbers/);
    expect(() => parseBapasCsv(`${header}\n001,B,I,,11.71,K,11,A,K,S1,5.5,95.3\n`)).toThrow(/row 2: seat is empty/);
  });

  it('refuse regency points that are malformed, repeated or missing for a regency', () => {
    expect(() => parseRegencyPoints('{}')).toThrow(/must hold a list/);
    expect(() => parseRegencyPoints('[{"code": "11.01", "name": "A", "lat": "3"}]')).toThrow(/entry 1 needs/);
    const point = { code: '11.01', name: 'A', lat: 3, lon: 97 };
    expect(() => parseRegencyPoints(JSON.stringify([point, point]))).toThrow(/lists 11.01 twice/);
    const points = parseRegencyPoints(JSON.stringify([point]));
    expect(() => joinRegencies([{ code: '11.02', name: 'B', provinceCode: '11' }], points)).toThrow(/no point for 11.02/);
  });
});
