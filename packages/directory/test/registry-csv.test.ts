import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, type Directory, loadDemoRegistry, loadDirectory, parseRegistry, registryToCsv } from '../src/index';
import { barePartner, fullPartner, issuesOf, lawSociety } from './fixtures';

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory();
});

const HEADER = 'id,name,kind,bapasId,services';
const parse = (text: string) => parseRegistry(text, 'csv', directory);
const issues = (text: string) => issuesOf(() => parse(text));
/** A CSV of the header and the rows, each row given as its cells after the header's five. */
const sheet = (header: string, ...rows: string[]) => [header, ...rows].join('\n');

describe('CSV and JSON round-trip', () => {
  it('gives back the same partners, every field included, through CSV', () => {
    const partners = [
      fullPartner(),
      barePartner(),
      fullPartner({ id: 'LBH-2', name: 'Name with, a comma; and "quotes"\nand a line break', active: true }),
    ];
    const registry = parse(registryToCsv(partners, [lawSociety]));
    expect(registry.partners).toEqual(partners);
    expect(registry.pokmas).toEqual([lawSociety]);
  });

  it('gives back the demo registry, partners and POKMAS, through CSV', async () => {
    const demo = await loadDemoRegistry(directory);
    const again = parse(registryToCsv(demo.partners, demo.pokmas));
    expect(again.partners).toEqual(demo.partners);
    expect(again.pokmas).toEqual(demo.pokmas);
  });

  it('infers the POKMAS field again when only partners are written', async () => {
    const demo = await loadDemoRegistry(directory);
    const again = parse(registryToCsv(demo.partners));
    expect(again.partners).toEqual(demo.partners);
    expect(again.pokmas.map(({ id, field }) => ({ id, field }))).toEqual(demo.pokmas.map(({ id, field }) => ({ id, field })));
  });

  it('writes the documented columns in order, blank for absent fields', () => {
    const [header, row] = registryToCsv([barePartner()]).trim().split('\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(row).toBe(`P-2,Bengkel Contoh,enterprise,026,${',,,,,,,'}skills-training${',,,,,,,,,,'}`);
  });
});

describe('a registry spreadsheet opened in Excel or LibreOffice', () => {
  // What a spreadsheet would run as a formula, in the text fields a Bapas fills in.
  const hostile = fullPartner({
    name: '=HYPERLINK("http://example.org/x","klik")',
    contact: { person: '@SUM(1+1)', phone: '+62 812-0000-0001', email: '-2+3@example.org', address: '=1+1\nJl. Contoh No. 1' },
  });
  /** The written cells, row by row, by column, as a spreadsheet program reads the file. */
  const rowsOf = (csv: string) => {
    const [header = [], ...rows] = Papa.parse<string[]>(csv.trimEnd()).data;
    return rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index]])));
  };

  it('writes a text that a spreadsheet would run as a formula behind an apostrophe, which makes it text', () => {
    const [row] = rowsOf(registryToCsv([hostile]));
    expect(row).toMatchObject({
      name: `'=HYPERLINK("http://example.org/x","klik")`,
      contactPerson: "'@SUM(1+1)",
      phone: "'+62 812-0000-0001",
      email: "'-2+3@example.org",
      address: "'=1+1\nJl. Contoh No. 1",
    });
  });

  it('guards a text that begins with apostrophes before such a character with one apostrophe more', () => {
    const [row] = rowsOf(registryToCsv([fullPartner({ name: "'=1+1", contact: { person: "''@x", phone: "'62 812" } })]));
    expect(row).toMatchObject({ name: "''=1+1", contactPerson: "'''@x", phone: "'62 812" });
  });

  it('writes the header alone, with no blank row after it, for no partners', () => {
    expect(registryToCsv([])).toBe(`${CSV_COLUMNS.join(',')}\n`);
  });

  it('writes numbers as numbers: a negative latitude is not taken for a formula', () => {
    const csv = registryToCsv([fullPartner({ location: { lat: -6.9175, lon: 107.6191 }, serviceRadiusKm: 60 })]);
    expect(rowsOf(csv)[0]).toMatchObject({ lat: '-6.9175', lon: '107.6191', serviceRadiusKm: '60', capacityTotal: '10' });
    expect(csv).toContain(',-6.9175,107.6191,');
  });

  it('reads a guarded cell back as the text that was written', () => {
    const partners = [hostile, fullPartner({ id: 'LBH-2', name: "'=1+1", contact: { person: "''@x", phone: "'62 812" } })];
    const registry = parse(registryToCsv(partners, [lawSociety]));
    expect(registry.partners).toEqual(partners);
  });

  it('takes one apostrophe off a cell that begins with it before a formula character, and leaves any other apostrophe', () => {
    const registry = parse(
      sheet(`${HEADER},phone`, "L1,'=LBH,civil-society,026,legal-aid,'+62 812", "L2,'s-Hertogenbosch,civil-society,026,legal-aid,'62 812"),
    );
    expect(registry.partners.map(({ name, contact }) => [name, contact?.phone])).toEqual([
      ['=LBH', '+62 812'],
      ["'s-Hertogenbosch", "'62 812"],
    ]);
  });
});

describe('a CSV registry', () => {
  it('needs only id, name, kind, bapasId and services, in any order and any case', () => {
    const registry = parse(sheet('Services,Bapas ID,KIND,name,id', 'legal-aid,026,civil-society,LBH Contoh,L1'));
    expect(registry.partners).toEqual([
      { id: 'L1', name: 'LBH Contoh', kind: 'civil-society', bapasId: '026', offerings: [{ service: 'legal-aid' }] },
    ]);
  });

  it('reads a semicolon-separated file, as spreadsheets in Indonesian locales save it', () => {
    const registry = parse(
      'id;name;kind;bapasId;services;lat;lon\nL1;LBH Contoh;civil-society;026;"legal-aid; legal-services";-6.9;107.6\n',
    );
    expect(registry.partners[0]).toMatchObject({
      offerings: [{ service: 'legal-aid' }, { service: 'legal-services' }],
      location: { lat: -6.9, lon: 107.6 },
    });
  });

  it('restores ids a spreadsheet took for numbers: Bapas 26 is 026, regency 32.1 is 32.10', () => {
    const registry = parse(sheet(`${HEADER},regencyCode`, 'L1,LBH,civil-society,26,legal-aid,32.1'));
    expect(registry.partners[0]).toMatchObject({ bapasId: '026', regencyCode: '32.10' });
  });

  it('takes a blank capacityUsed as none used, and yes/no for active', () => {
    const registry = parse(
      sheet(`${HEADER},capacityTotal,active`, 'L1,LBH,civil-society,026,legal-aid,8,no', 'L2,LBH,civil-society,026,legal-aid,,YES'),
    );
    expect(registry.partners.map(({ capacity, active }) => ({ capacity, active }))).toEqual([
      { capacity: { total: 8, used: 0 }, active: false },
      { capacity: undefined, active: true },
    ]);
  });

  it('reads a BOM and skips blank rows, keeping spreadsheet row numbers', () => {
    const found = issues(`\uFEFF${sheet(HEADER, 'L1,LBH,civil-society,026,legal-aid', ',,,,', '', 'L2,LBH,civil-society,999,legal-aid')}`);
    expect(found).toEqual([expect.objectContaining({ row: 5, field: 'bapasId' })]);
  });

  it('names the POKMAS in its columns, or by its id when unnamed', () => {
    const registry = parse(
      sheet(
        `${HEADER},pokmasId,pokmasName,pokmasField`,
        'L1,LBH,civil-society,026,legal-aid,G1,,',
        'L2,Klinik,enterprise,026,health,G1,,law-society',
        'L3,Kebun,enterprise,026,skills-training,G2,Kelompok Dua,',
      ),
    );
    expect(registry.pokmas).toEqual([
      { id: 'G1', bapasId: '026', name: 'G1', field: 'law-society' },
      { id: 'G2', bapasId: '026', name: 'Kelompok Dua', field: 'self-reliance' },
    ]);
  });
});

describe('a bad CSV registry is refused whole, every bad row reported with its spreadsheet row', () => {
  it.each([
    ['an unknown service', 'L1,LBH,civil-society,026,legal-aide', 'services', 'unknown service "legal-aide"'],
    [
      'an unknown mode',
      'L1,LBH,civil-society,026,legal-aid[modes=online]',
      'services',
      'legal-aid: unknown mode "online"; use in-person, remote, home-visit',
    ],
    ['an unknown attribute', 'L1,LBH,civil-society,026,legal-aid[mode=remote]', 'services', 'unknown attribute "mode"'],
    ['an attribute without values', 'L1,LBH,civil-society,026,legal-aid[modes=]', 'services', 'give at least one mode after modes='],
    ['an attribute given twice', 'L1,LBH,civil-society,026,"legal-aid[modes=remote|modes=in-person]"', 'services', 'modes is given twice'],
    ['an unclosed bracket', 'L1,LBH,civil-society,026,legal-aid[modes=remote', 'services', 'cannot read "legal-aid[modes=remote"'],
    ['no service', 'L1,LBH,civil-society,026, ; ', 'services', 'give at least one service'],
    ['a service offered twice', 'L1,LBH,civil-society,026,legal-aid; legal-aid', 'services', 'legal-aid is offered twice'],
    ['an unknown kind', 'L1,LBH,pesantren,026,legal-aid', 'kind', 'unknown partner kind "pesantren"'],
    ['an unknown Bapas id', 'L1,LBH,civil-society,999,legal-aid', 'bapasId', 'unknown Bapas id "999"'],
    ['a bad id', 'L 1,LBH,civil-society,026,legal-aid', 'id', 'use letters, digits'],
    ['a missing name', 'L1,,civil-society,026,legal-aid', 'name', 'required'],
  ])('%s', (_, row, field, message) => {
    expect(issues(sheet(HEADER, 'L0,Fine,civil-society,026,legal-aid', row))).toEqual([
      { row: 3, field, message: expect.stringContaining(message), section: 'partners' },
    ]);
  });

  it.each([
    ['an unknown regency code', 'regencyCode', '32.99', 'regencyCode', 'unknown regency code 32.99'],
    ['a decimal comma', 'lat,lon', '"-6,9",107.6', 'lat', 'is not a number; use a dot for decimals'],
    ['a latitude without longitude', 'lat,lon', '-6.9,', 'lon', 'give lon with lat, or neither'],
    ['coordinates outside Indonesia', 'lat,lon', '-6.9,17.6', 'lon', 'longitude 17.6 is outside Indonesia'],
    ['used beyond total', 'capacityTotal,capacityUsed', '3,5', 'capacityUsed', 'used cannot exceed total'],
    ['used without total', 'capacityTotal,capacityUsed', ',5', 'capacityTotal', 'give capacityTotal when capacityUsed is given'],
    ['a negative radius', 'serviceRadiusKm', '-5', 'serviceRadiusKm', 'Too small'],
    ['an unknown gender', 'genders', 'women', 'genders', 'unknown gender "women"'],
    ['an unknown age group', 'ageGroups', '"adult,child"', 'ageGroups', 'unknown age group "child"'],
    ['a language that is no code', 'languages', 'Indonesian', 'languages', 'an ISO 639 code'],
    ['an unreadable active', 'active', 'maybe', 'active', '"maybe" is not true or false'],
    ['a POKMAS field that is none', 'pokmasId,pokmasField', 'G1,economy', 'pokmasField', 'unknown POKMAS field "economy"'],
    ['a POKMAS field without a POKMAS', 'pokmasId,pokmasField', ',law-society', 'pokmasId', 'give pokmasId with pokmasName or pokmasField'],
  ])('%s', (_, columns, cells, field, message) => {
    expect(issues(sheet(`${HEADER},${columns}`, `L1,LBH,civil-society,026,legal-aid,${cells}`))).toEqual([
      { row: 2, field, message: expect.stringContaining(message), section: 'partners' },
    ]);
  });

  it('reports duplicate ids on the later row, naming the first', () => {
    expect(
      issues(sheet(HEADER, 'L1,A,civil-society,026,legal-aid', 'L2,B,civil-society,026,legal-aid', 'L1,C,civil-society,026,legal-aid')),
    ).toEqual([{ row: 4, field: 'id', message: 'duplicate partner id L1: already used on row 2', section: 'partners' }]);
  });

  it('reports a POKMAS named two ways on the row that disagrees', () => {
    const found = issues(
      sheet(`${HEADER},pokmasId,pokmasName`, 'L1,A,civil-society,026,legal-aid,G1,Satu', 'L2,B,civil-society,026,legal-aid,G1,Dua'),
    );
    expect(found).toEqual([
      { row: 3, field: 'pokmasName', message: expect.stringContaining('POKMAS G1 is given as "Satu" on row 2'), section: 'partners' },
    ]);
  });

  it('reports a POKMAS spanning two Bapas on the row of the other Bapas', () => {
    const found = issues(sheet(`${HEADER},pokmasId`, 'L1,A,civil-society,026,legal-aid,G1', 'L2,B,civil-society,046,legal-aid,G1'));
    expect(found).toEqual([
      { row: 3, field: 'pokmasId', message: expect.stringContaining('POKMAS G1 belongs to Bapas 026'), section: 'partners' },
    ]);
  });

  it('reports every bad row at once, in row order', () => {
    const found = issues(
      sheet(HEADER, 'L1,A,civil-society,999,legal-aid', 'L2,B,civil-society,026,legal-aid', 'L3,C,pesantren,026,nothing'),
    );
    expect(found.map(({ row, field }) => `${row}:${field}`)).toEqual(['2:bapasId', '4:services', '4:kind']);
  });

  it('refuses a header without the required columns, or with an unknown one', () => {
    expect(issues(sheet('id,name,kind', 'L1,A,civil-society'))).toEqual([
      { row: 1, field: 'bapasId, services', message: 'missing required columns', section: 'partners' },
    ]);
    expect(issues(sheet(`${HEADER},website`, 'L1,A,civil-society,026,legal-aid,x'))).toEqual([
      { row: 1, field: 'website', message: expect.stringContaining('unknown column'), section: 'partners' },
    ]);
  });

  it('refuses a header that names a column twice', () => {
    expect(issues(sheet(`${HEADER},Bapas ID`, 'L1,A,civil-society,026,legal-aid,046'))).toEqual([
      { row: 1, field: 'bapasId', message: 'the column appears twice', section: 'partners' },
    ]);
  });

  it('refuses a row with more cells than the header has columns', () => {
    expect(issues(sheet(HEADER, 'L1,A,civil-society,026,legal-aid,extra'))).toEqual([
      { row: 2, field: '', message: '6 cells, but the header has 5 columns', section: 'partners' },
    ]);
  });

  it('refuses a file with an unclosed quote', () => {
    expect(issues(sheet(HEADER, 'L1,"A,civil-society,026,legal-aid'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 2, message: expect.stringContaining('Quoted field unterminated') })]),
    );
  });
});

describe('problems in one cell', () => {
  it('are all reported, not only the first', () => {
    const found = issues(sheet(HEADER, 'L1,A,civil-society,026,"legal-aid[modes=remote,remote]; health[modes=in-person,in-person]"'));
    expect(found).toEqual([
      { row: 2, field: 'services', message: 'remote is listed twice', section: 'partners' },
      { row: 2, field: 'services', message: 'in-person is listed twice', section: 'partners' },
    ]);
  });

  it('are reported once when the cell cannot be read at all', () => {
    expect(issues(sheet(HEADER, 'L1,A,civil-society,026,nothing'))).toEqual([
      { row: 2, field: 'services', message: expect.stringContaining('unknown service "nothing"'), section: 'partners' },
    ]);
  });
});
