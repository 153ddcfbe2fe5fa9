import { beforeAll, describe, expect, it } from 'vitest';
import { type Directory, loadDirectory, parseRegistry, RegistryError } from '../src/index';
import { barePartner, fullPartner, issuesOf, lawSociety } from './fixtures';

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory();
});

const json = (value: unknown) => JSON.stringify(value);
const parse = (value: unknown) => parseRegistry(json(value), 'json', directory);
const issues = (value: unknown) => issuesOf(() => parse(value));

describe('a JSON registry', () => {
  it('loads an object with POKMAS and partners', () => {
    const registry = parse({ description: 'test', pokmas: [lawSociety], partners: [fullPartner(), barePartner()] });
    expect(registry.partners).toEqual([fullPartner(), barePartner()]);
    expect(registry.pokmas).toEqual([lawSociety]);
    expect(registry.source).toBe('inline');
  });

  it('loads a bare list of partners, implying their POKMAS', () => {
    const registry = parse([barePartner({ pokmasId: 'G1' }), barePartner({ id: 'P-3', pokmasId: 'G1' })]);
    expect(registry.partners).toHaveLength(2);
    expect(registry.pokmas).toEqual([{ id: 'G1', bapasId: '026', name: 'G1', field: 'self-reliance' }]);
  });

  it('versions the content: the same text the same version, any change another', () => {
    const text = json([barePartner()]);
    const again = parseRegistry(text, 'json', directory).version;
    expect(parseRegistry(text, 'json', directory).version).toBe(again);
    expect(parseRegistry(json([barePartner({ name: 'Bengkel Lain' })]), 'json', directory).version).not.toBe(again);
  });

  it('reports each bad row with its position in the list, field and reason, all at once', () => {
    const found = issues([
      barePartner(),
      barePartner({ id: 'P-3', bapasId: '999' }),
      barePartner({ id: 'P-4', regencyCode: '32.99' }),
      barePartner({ id: 'P-5', offerings: [{ service: 'legal-aide' as never }] }),
      barePartner({ id: 'P-2' }),
      barePartner({ id: 'P-6', location: { lat: 1.35, lon: 92.0 } }),
    ]);
    expect(found).toEqual([
      { row: 2, field: 'bapasId', message: expect.stringContaining('unknown Bapas id "999"'), section: 'partners' },
      { row: 3, field: 'regencyCode', message: expect.stringContaining('unknown regency code 32.99'), section: 'partners' },
      { row: 4, field: 'offerings.0.service', message: expect.stringContaining('unknown service "legal-aide"'), section: 'partners' },
      { row: 5, field: 'id', message: 'duplicate partner id P-2: already used on row 1', section: 'partners' },
      { row: 6, field: 'location.lon', message: expect.stringContaining('longitude 92 is outside Indonesia'), section: 'partners' },
    ]);
  });

  it('refuses coordinates outside Indonesia on either axis', () => {
    expect(issues([barePartner({ location: { lat: 7.5, lon: 150 } })]).map((issue) => issue.field)).toEqual([
      'location.lat',
      'location.lon',
    ]);
    expect(issues([barePartner({ location: { lat: -12, lon: 107 } })])).toEqual([
      expect.objectContaining({ field: 'location.lat', message: expect.stringContaining('latitude -12 is outside Indonesia') }),
    ]);
  });

  it('refuses partners at a planned Bapas, which is not yet an office', () => {
    expect(issues([barePartner({ bapasId: '009' })])).toEqual([
      expect.objectContaining({ row: 1, field: 'bapasId', message: expect.stringContaining('planned') }),
    ]);
  });

  it("reports the matcher schema's problems by field: kind, capacity, unknown fields", () => {
    const found = issues([
      barePartner({ kind: 'pesantren' as never }),
      barePartner({ id: 'P-3', capacity: { total: 2, used: 3 } }),
      { ...barePartner({ id: 'P-4' }), website: 'x' },
      { id: 'P-5' },
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, field: 'kind', message: expect.stringContaining('unknown partner kind "pesantren"') }),
        expect.objectContaining({ row: 2, field: 'capacity.used', message: 'used cannot exceed total' }),
        expect.objectContaining({ row: 3, field: '', message: 'unknown field website' }),
        expect.objectContaining({ row: 4, field: 'name', message: 'required' }),
      ]),
    );
  });

  it('checks POKMAS: known Bapas, known field, unique ids, and that partners belong to their Bapas', () => {
    const found = issues({
      pokmas: [lawSociety, { ...lawSociety, id: 'X', bapasId: '999' }, { ...lawSociety, id: 'Y', field: 'economy' }, lawSociety],
      partners: [barePartner({ pokmasId: 'PKM-026-HK', bapasId: '046' }), barePartner({ id: 'P-3', pokmasId: 'NOPE' })],
    });
    expect(found).toEqual([
      {
        row: 1,
        field: 'pokmasId',
        message: "POKMAS PKM-026-HK belongs to Bapas 026, not to this partner's Bapas 046",
        section: 'partners',
      },
      { row: 2, field: 'pokmasId', message: 'unknown POKMAS id NOPE; list it under pokmas', section: 'partners' },
      { row: 2, field: 'bapasId', message: expect.stringContaining('unknown Bapas id "999"'), section: 'pokmas' },
      { row: 3, field: 'field', message: expect.stringContaining('unknown POKMAS field "economy"'), section: 'pokmas' },
      { row: 4, field: 'id', message: 'duplicate POKMAS id PKM-026-HK: already used on row 1', section: 'pokmas' },
    ]);
  });

  it('asks for the field of an implied POKMAS whose services do not settle it', () => {
    const found = issues([barePartner({ pokmasId: 'G1', offerings: [{ service: 'legal-aid' }, { service: 'health' }] })]);
    expect(found).toEqual([
      expect.objectContaining({ row: 1, field: 'pokmasId', message: expect.stringContaining('give the field of POKMAS G1') }),
    ]);
  });

  it('refuses text that is not JSON, or not a registry, as a whole file', () => {
    const text = (raw: string) => issuesOf(() => parseRegistry(raw, 'json', directory));
    expect(text('{"partners": [')).toEqual([{ row: 0, field: '', message: expect.stringContaining('not valid JSON'), section: 'file' }]);
    expect(text('"partners"')).toEqual([expect.objectContaining({ row: 0, section: 'file' })]);
    expect(text('{"partner": []}')).toEqual([
      { row: 0, field: 'partner', message: expect.stringContaining('unknown key "partner"'), section: 'file' },
      { row: 0, field: 'partners', message: 'expected a list of partners', section: 'file' },
    ]);
    expect(text('{"partners": [], "pokmas": {}}')).toEqual([
      expect.objectContaining({ field: 'pokmas', message: 'expected a list of POKMAS' }),
    ]);
  });

  it('says in its message where the problems are, naming the file', () => {
    let error: unknown;
    try {
      parseRegistry(json([barePartner({ bapasId: '999' })]), 'json', directory, 'partners.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).file).toBe('partners.json');
    expect((error as RegistryError).message).toMatch(
      /^partners\.json: registry refused, 1 problem: row 1, bapasId: unknown Bapas id "999"/,
    );
  });
});
