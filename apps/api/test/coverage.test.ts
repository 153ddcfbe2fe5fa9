import { type BapasOffice, createDirectory } from '@pokmas/directory';
import { getService, SERVICE_IDS, type Partner, type PlaceCoverage } from '@pokmas/matcher';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareRegistry } from '../src/lib/registry-store';
import { COVERAGE_CSV_COLUMNS, coverageCsv } from '../src/routes/coverage/coverage.csv';
import { bapasCoverage } from '../src/routes/coverage/coverage.data';
import { MAP_COLOURS, renderCoverageMap } from '../src/routes/coverage/coverage.map';
import { RAMP, stepOf } from '../src/routes/coverage/coverage.scale';
import { findAll, parseXml } from './coverage-xml';
import { fixtureRegistry, makeApp, PARTNERS, type TestApp } from './fixtures';

// The fixture registry: P-001 (job placement, skills training) and P-002 (religious guidance,
// mental strengthening) in person near Bandung within the default 50 km, which reaches the
// seats of Bapas 026 Bandung (1.7 and 7.0 km), 031 Subang (42.8 and 48.0 km) and 029 Garut
// (48.3 km from P-001, 52.5 km from P-002); P-003 legal aid in Kota Bandung without
// coordinates, in person and remotely; P-004 inactive.

let ctx: TestApp;
let offices: BapasOffice[];
beforeAll(async () => {
  ctx = await makeApp();
  offices = ctx.directory.bapas.filter((office) => office.status !== 'planned');
});

const get = (path: string) => ctx.app.request(path);
const json = async (path: string) => {
  const res = await get(path);
  expect(res.status).toBe(200);
  return res.json();
};

const placeOf = (body: { places: { id: string }[] }, id: string) => {
  const found = body.places.find((place) => place.id === id);
  if (!found) throw new Error(`no place ${id}`);
  return found as { id: string; covered: number; gaps: string[]; services: Record<string, unknown>[]; label: string; group: string };
};

describe('GET /v1/coverage', () => {
  it('measures every Bapas office, planned ones left out, for all sixteen services', async () => {
    const body = await json('/v1/coverage');
    expect(body.places.map((place: { id: string }) => place.id)).toEqual(offices.map((office) => office.id));
    expect(body.places.some((place: { id: string }) => place.id === '009')).toBe(false); // planned
    expect(body.services).toEqual([...SERVICE_IDS]);
    expect(body.registry).toEqual({ version: 'r1', partners: PARTNERS.length });
    expect(body.summary).toEqual(body.national);
  });

  it('gives each Bapas its gaps by the reach rules of the recommendations', async () => {
    const body = await json('/v1/coverage');
    const bandung = placeOf(body, '026');
    expect(bandung).toMatchObject({ label: 'Bapas Kelas I Bandung', covered: 5 });
    expect(bandung.gaps).toHaveLength(11);
    expect(bandung.gaps).not.toContain('job-placement');
    expect(bandung.services.find((cell) => cell.service === 'job-placement')).toMatchObject({
      partners: 1,
      inPerson: 1,
      nearestKm: 1.68,
      freePlaces: 8,
    });
    // P-003 has no coordinates: in reach in person in its own regency, distance unknown.
    expect(bandung.services.find((cell) => cell.service === 'legal-aid')).toMatchObject({ partners: 1, inPerson: 1, nearestKm: null });

    expect(placeOf(body, '031').covered).toBe(5);
    expect(placeOf(body, '029').gaps).toContain('religious-guidance'); // P-002 is 52.5 km away
    expect(placeOf(body, '029').covered).toBe(3);
    // Far away, only the remote legal aid reaches; the inactive Jakarta partner never counts.
    const aceh = placeOf(body, '001');
    expect(aceh.gaps).toEqual(SERVICE_IDS.filter((service) => service !== 'legal-aid'));
    expect(aceh.services.find((cell) => cell.service === 'legal-aid')).toMatchObject({ partners: 1, inPerson: 0, remoteOnly: 1 });
  });

  it('summarises per service, per Kanwil and for the nation', async () => {
    const body = await json('/v1/coverage');
    const byService = Object.fromEntries(body.national.byService.map((s: { service: string }) => [s.service, s]));
    expect(byService['job-placement']).toMatchObject({ coveredPlaces: 3, inPersonPlaces: 3 });
    expect(byService['religious-guidance']).toMatchObject({ coveredPlaces: 2 });
    expect(byService['legal-aid']).toMatchObject({ coveredPlaces: offices.length, inPersonPlaces: 1, share: 1 });
    expect(byService['health']).toMatchObject({ coveredPlaces: 0, share: 0 });
    expect(body.national.fullyCovered).toBe(0);
    expect(body.national.mostGaps).toHaveLength(10);
    expect(body.national.mostGaps[0].gapCount).toBe(15);

    const kanwil = body.kanwil as { group: string; places: number }[];
    expect(kanwil.map((group) => group.group)).toEqual([...new Set(offices.map((office) => office.kanwil))].sort());
    expect(kanwil.reduce((sum, group) => sum + group.places, 0)).toBe(offices.length);
  });

  it('selects one Bapas with bapasId, keeping the national summary', async () => {
    const body = await json('/v1/coverage?bapasId=026');
    expect(body.places.map((place: { id: string }) => place.id)).toEqual(['026']);
    expect(body.summary).toMatchObject({ places: 1, fullyCovered: 0, share: 5 / 16 });
    expect(body.kanwil).toHaveLength(1);
    expect(body.national.places).toBe(offices.length);
  });

  it('selects the Bapas of a province by its Kemendagri code', async () => {
    const body = await json('/v1/coverage?province=32');
    const westJava = offices.filter((office) => office.provinceCode === '32').map((office) => office.id);
    expect(westJava.length).toBeGreaterThan(1);
    expect(body.places.map((place: { id: string }) => place.id)).toEqual(westJava);
    expect(body.kanwil.map((group: { group: string }) => group.group)).toEqual([offices.find((office) => office.id === '026')!.kanwil]);
  });

  it('answers an empty selection for a province without a Bapas office', async () => {
    const without = ctx.directory.provinces.find((province) => !offices.some((office) => office.provinceCode === province.code));
    if (!without) return; // every province has an office in this directory
    const body = await json(`/v1/coverage?province=${without.code}`);
    expect(body.places).toEqual([]);
    expect(body.summary).toMatchObject({ places: 0, share: 0 });
  });

  it('measures only the services asked for, one or several, in taxonomy order', async () => {
    const one = await json('/v1/coverage?service=legal-aid');
    expect(one.services).toEqual(['legal-aid']);
    expect(
      one.places.every((place: { services: unknown[]; gaps: unknown[] }) => place.services.length === 1 && place.gaps.length === 0),
    ).toBe(true);
    expect(one.national.share).toBe(1);

    const two = await json('/v1/coverage?service=legal-aid&service=job-placement&service=legal-aid');
    expect(two.services).toEqual(['job-placement', 'legal-aid']);
    expect(placeOf(two, '026').covered).toBe(2);
    expect(two.national.byService.map((s: { service: string }) => s.service)).toEqual(['job-placement', 'legal-aid']);
  });

  it('combines filters: a Bapas outside the province gives an empty selection', async () => {
    const body = await json('/v1/coverage?bapasId=001&province=32');
    expect(body.places).toEqual([]);
  });

  it('answers 404 problem+json for an unknown or planned Bapas and an unknown province', async () => {
    for (const [path, text] of [
      ['/v1/coverage?bapasId=999', 'No Bapas has the id 999'],
      ['/v1/coverage?bapasId=009', 'planned'],
      ['/v1/coverage?province=99', 'No province has the code 99'],
      ['/v1/coverage/map.svg?bapasId=999', 'No Bapas has the id 999'],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await res.json();
      expect(problem).toMatchObject({ status: 404, type: 'urn:pokmas:problem:not-found' });
      expect(problem.detail).toContain(text);
    }
  });

  it('answers 422 problem+json naming the parameter for malformed filters', async () => {
    for (const [query, field] of [
      ['province=Jawa%20Barat', 'province'],
      ['province=321', 'province'],
      ['service=haircuts', 'service'],
      ['bapasId=%3Cscript%3E', 'bapasId'],
      ['format=xlsx', 'format'],
    ] as const) {
      const res = await get(`/v1/coverage?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await res.json();
      expect(problem.issues.map((issue: { path: unknown[] }) => issue.path[0])).toContain(field);
    }
  });
});

describe('GET /v1/coverage?format=csv', () => {
  const parseCsv = (text: string) =>
    text
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));

  it('answers one row per Bapas and service under a header row', async () => {
    const res = await get('/v1/coverage?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('pokmas-coverage-r1.csv');
    const text = await res.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...COVERAGE_CSV_COLUMNS]);
    expect(rows).toHaveLength(offices.length * 16);
    expect(rows.every((row) => row.length === COVERAGE_CSV_COLUMNS.length)).toBe(true);
  });

  it('writes the same numbers as the JSON, with gap 1 where no partner serves', async () => {
    const text = await (await get('/v1/coverage?format=csv&bapasId=026&service=job-placement&service=health')).text();
    const [header, ...rows] = parseCsv(text);
    const records = rows.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index]])));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      bapas_id: '026',
      bapas_name: 'Bapas Kelas I Bandung',
      province_code: '32',
      regency_code: '32.73',
      service: 'job-placement',
      service_name: 'Penyaluran tenaga kerja',
      partners: '1',
      in_person: '1',
      nearest_km: '1.68',
      free_places: '8',
      genders: 'female male',
      gap: '0',
    });
    expect(records[1]).toMatchObject({ service: 'health', partners: '0', nearest_km: '', gap: '1' });
  });

  it('quotes fields with commas or quotes and guards spreadsheet formulas as the registry export does', () => {
    const place = (id: string, label: string, group: string): PlaceCoverage => ({
      id,
      label,
      group,
      regencyCode: '32.73',
      location: { lat: -6.9, lon: 107.6 },
      covered: 1,
      share: 1,
      gaps: [],
      services: [
        {
          service: 'legal-aid',
          partners: 2,
          inPerson: 1,
          remoteOnly: 1,
          nearestKm: 1.5,
          freePlaces: 3,
          unlimitedPartners: 0,
          atCapacity: 0,
          genders: ['female', 'male'],
        },
      ],
    });
    const csv = coverageCsv([place('X1', 'Bapas, Kelas "I"', 'Kanwil'), place('X2', '=HYPERLINK("x")', "'@kanwil")], new Map());
    const [, quoted, guarded] = csv.split('\r\n');
    const rest = `32.73,legal-aid,${getService('legal-aid').label.id},2,1,1,1.5,3,0,0,female male,0,,,,`;
    expect(quoted).toBe(`X1,"Bapas, Kelas ""I""",Kanwil,,,${rest}`);
    // An apostrophe already there is doubled, so that a reader can take the guard off again.
    expect(guarded).toBe(`X2,"'=HYPERLINK(""x"")","''@kanwil",,,${rest}`);
  });
});

describe('coverage cache', () => {
  it('measures once per registry version and again after a reload', async () => {
    const { app, live: store, directory } = await makeApp();
    const first = bapasCoverage(store.current(), directory);
    expect(bapasCoverage(store.current(), directory)).toBe(first);

    const health: Partner = { ...PARTNERS[0]!, id: 'P-REMOTE-HEALTH', offerings: [{ service: 'health', modes: ['remote'] }] };
    store.swap(prepareRegistry(fixtureRegistry('fixture-2', [...PARTNERS, health])));
    const body = await (await app.request('/v1/coverage?service=health')).json();
    expect(body.registry.version).toBe('fixture-2');
    expect(body.national.share).toBe(1);
    expect(bapasCoverage(store.current(), directory)).not.toBe(first);
  });

  it('does not serve one directory the coverage of another', async () => {
    const { live: store, directory } = await makeApp();
    const fewer = createDirectory({ ...directory, bapas: directory.bapas.slice(0, 3) });
    expect((await bapasCoverage(store.current(), directory)).places.length).toBeGreaterThan(3);
    expect((await bapasCoverage(store.current(), fewer)).places).toHaveLength(3);
  });
});

describe('GET /v1/coverage/map.svg', () => {
  it('draws a well-formed SVG with exactly one dot per Bapas office, each with a tooltip', async () => {
    const res = await get('/v1/coverage/map.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const root = parseXml(await res.text());
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    const dots = findAll(root, (element) => element.name === 'circle' && element.attributes.class === 'bapas');
    expect(dots.map((dot) => dot.attributes['data-id']).sort()).toEqual(offices.map((office) => office.id).sort());
    expect(findAll(root, (element) => element.name === 'circle')).toHaveLength(offices.length);
    for (const dot of dots) {
      expect(dot.children.map((child) => child.name)).toEqual(['title']);
      expect(RAMP).toContain(dot.attributes.fill);
    }
  });

  it('colours a Bapas by its share covered and names its gaps in the tooltip', async () => {
    const root = parseXml(await (await get('/v1/coverage/map.svg?lang=en')).text());
    const dot = (id: string) => findAll(root, (element) => element.attributes['data-id'] === id)[0]!;
    expect(dot('026').attributes.fill).toBe(RAMP[0]); // 5 of 16: 31%
    expect(dot('001').attributes.fill).toBe(RAMP[0]); // 1 of 16
    const tooltip = dot('026').children[0]!.text;
    expect(tooltip).toContain('Bapas Kelas I Bandung');
    expect(tooltip).toContain('5 of 16 services covered (31%)');
    expect(tooltip).toMatch(/Missing: .*Health/);
  });

  it('has a title, a legend with every colour and a graticule with labels', async () => {
    const root = parseXml(await (await get('/v1/coverage/map.svg?lang=en')).text());
    expect(root.children[0]).toMatchObject({ name: 'title', text: 'POKMAS service coverage per Bapas' });
    const legend = findAll(root, (element) => element.attributes.class === 'legend')[0]!;
    expect(findAll(legend, (element) => element.name === 'rect').map((rect) => rect.attributes.fill)).toEqual([...RAMP]);
    const labels = findAll(root, (element) => element.name === 'text').map((text) => text.text);
    expect(labels).toEqual(expect.arrayContaining(['95° E', '140° E', '0°', '5° N', '10° S']));
  });

  it('draws only the Bapas selected by the filters', async () => {
    const root = parseXml(await (await get('/v1/coverage/map.svg?province=32&service=legal-aid')).text());
    const dots = findAll(root, (element) => element.name === 'circle');
    expect(dots).toHaveLength(offices.filter((office) => office.provinceCode === '32').length);
    expect(new Set(dots.map((dot) => dot.attributes.fill))).toEqual(new Set([RAMP[4]])); // legal aid everywhere
  });

  it('steps the colours finer near full coverage, where the aim is', () => {
    expect([0, 0.49, 0.5, 0.75, 0.875, 0.9, 15 / 16, 0.999, 1].map(stepOf)).toEqual([0, 0, 1, 2, 2, 3, 3, 3, 4]);
  });

  it('keeps its markup well-formed whatever the names hold', () => {
    const place = {
      id: 'X-1',
      label: 'Bapas <Kelas> "I" & \'Co\'',
      group: 'Kanwil ]]> <!-- -->',
      location: { lat: -6.9, lon: 107.6 },
      covered: 0,
      share: 0,
      gaps: ['legal-aid' as const],
      services: [],
    };
    const root = parseXml(renderCoverageMap({ places: [place], services: ['legal-aid'], registryVersion: 'v<1>&', lang: 'en' }));
    const dot = findAll(root, (element) => element.name === 'circle')[0]!;
    expect(dot.children[0]!.text).toContain('Bapas <Kelas> "I" & \'Co\' (Kanwil ]]> <!-- -->)');
    expect(findAll(root, (element) => element.name === 'text').some((text) => text.text.includes('version v<1>&'))).toBe(true);
  });

  it('draws a place outside Indonesia at the edge of the map rather than off it', () => {
    const far = { id: 'F', location: { lat: 40, lon: 179 }, covered: 1, share: 1, gaps: [], services: [] };
    const root = parseXml(renderCoverageMap({ places: [far], services: ['legal-aid'], registryVersion: '1', lang: 'id' }));
    const frame = findAll(root, (element) => element.name === 'rect' && element.attributes.class === 'frame')[0]!;
    const dot = findAll(root, (element) => element.name === 'circle')[0]!;
    const right = Number(frame.attributes.x) + Number(frame.attributes.width);
    expect(Number(dot.attributes.cx)).toBe(right);
    expect(Number(dot.attributes.cy)).toBe(Number(frame.attributes.y));
  });

  it('refuses an unknown language with 422', async () => {
    expect((await get('/v1/coverage/map.svg?lang=fr')).status).toBe(422);
  });
});

describe('the coverage map on a real coastline', () => {
  const mapOf = async (query = '') => {
    const res = await get(`/v1/coverage/map.svg${query}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    return { text, root: parseXml(text) };
  };
  const frameOf = (root: ReturnType<typeof parseXml>) => {
    const frame = findAll(root, (element) => element.attributes.class === 'frame')[0]!;
    const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((name) => Number(frame.attributes[name]));
    return { x: x!, y: y!, width: width!, height: height! };
  };
  const dotBox = (root: ReturnType<typeof parseXml>) => {
    const dots = findAll(root, (element) => element.name === 'circle');
    const xs = dots.map((dot) => Number(dot.attributes.cx));
    const ys = dots.map((dot) => Number(dot.attributes.cy));
    return { width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  };

  it("draws Indonesia's coastline from Natural Earth inside the frame, and says where it comes from", async () => {
    const { text, root } = await mapOf();
    const coastline = findAll(root, (element) => element.name === 'path' && element.attributes.class === 'coastline')[0]!;
    const d = coastline.attributes.d!;
    // Thousands of islands at 1:50m: far more than a hundred rings drawn, each one closed.
    expect(d.match(/M/g)!.length).toBeGreaterThan(100);
    expect(d.match(/Z/g)!.length).toBeGreaterThan(100);
    const frame = frameOf(root);
    const numbers = d
      .split(/[MLZ ]/)
      .filter(Boolean)
      .map(Number);
    const xs = numbers.filter((_, index) => index % 2 === 0);
    const ys = numbers.filter((_, index) => index % 2 === 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(frame.x);
    expect(Math.max(...xs)).toBeLessThanOrEqual(frame.x + frame.width);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(frame.y);
    expect(Math.max(...ys)).toBeLessThanOrEqual(frame.y + frame.height);
    // The neighbours sharing Borneo, New Guinea and Timor are drawn apart.
    expect(findAll(root, (element) => element.attributes.class === 'neighbours')[0]!.attributes.d!.length).toBeGreaterThan(1000);
    const attribution = findAll(root, (element) => element.attributes.class === 'attribution')[0]!;
    expect(attribution.text).toContain('Natural Earth');
    expect(findAll(root, (element) => element.name === 'desc')[0]!.text).toContain('Natural Earth');
    expect(text.length).toBeLessThan(300_000);
  });

  it('puts a Bapas on land where it stands: Bandung west of Garut, Jayapura far east', async () => {
    const { root } = await mapOf();
    const at = (id: string) => findAll(root, (element) => element.attributes['data-id'] === id)[0]!.attributes;
    expect(Number(at('026').cx)).toBeLessThan(Number(at('029').cx));
    const frame = frameOf(root);
    const jayapura = offices.find((office) => office.seat.includes('Jayapura'));
    expect(jayapura).toBeDefined();
    expect(Number(at(jayapura!.id).cx)).toBeGreaterThan(frame.x + frame.width * 0.9);
  });

  it('has a legend with every step, worst first, counting the Bapas in each', async () => {
    const { root } = await mapOf('?lang=en');
    const legend = findAll(root, (element) => element.attributes.class === 'legend')[0]!;
    expect(findAll(legend, (element) => element.name === 'rect').map((rect) => rect.attributes.fill)).toEqual([...RAMP]);
    const labels = findAll(legend, (element) => element.name === 'text').map((text) => text.text);
    expect(labels[0]).toBe('Services covered');
    expect(labels.slice(1)).toEqual([`< 50% (${offices.length})`, '50–74% (0)', '75–89% (0)', '90–99% (0)', '100% (0)']);
  });

  it('makes gaps stand out: darker and larger the more is missing, full coverage pale and small', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((at) => {
        const c = parseInt(hex.slice(at, at + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light! + 0.05) / (dark! + 0.05);
    };
    const lightness = RAMP.map(luminance);
    expect([...lightness].sort((a, b) => a - b)).toEqual(lightness); // worst darkest
    // Graphics need 3:1 (WCAG 1.4.11): a gap against the land and the sea, every dot against its outline or the land.
    for (const colour of RAMP.slice(0, 2)) {
      expect(contrast(colour, MAP_COLOURS.land)).toBeGreaterThanOrEqual(3);
      expect(contrast(colour, MAP_COLOURS.sea)).toBeGreaterThanOrEqual(3);
    }
    for (const colour of RAMP) {
      expect(Math.max(contrast(colour, MAP_COLOURS.outline), contrast(colour, MAP_COLOURS.land))).toBeGreaterThanOrEqual(3);
    }
    const radius = (share: number) =>
      Number(
        findAll(
          parseXml(
            renderCoverageMap({
              places: [{ id: 'X', location: { lat: -6.9, lon: 107.6 }, covered: 0, share, gaps: [], services: [] }],
              services: ['legal-aid'],
              registryVersion: '1',
              lang: 'en',
            }),
          ),
          (element) => element.name === 'circle',
        )[0]!.attributes.r,
      );
    expect(radius(0)).toBeGreaterThan(radius(1));
  });

  it('zooms to a province: its offices spread over the map, with finer graticule and the province named', async () => {
    const national = await mapOf();
    const westJava = await mapOf('?province=32&lang=en');
    const frame = frameOf(westJava.root);
    const spread = dotBox(westJava.root);
    // Across the whole country West Java's offices huddle together; zoomed they fill most of the frame.
    const nationalFrame = frameOf(national.root);
    const westJavaIds = new Set(offices.filter((office) => office.provinceCode === '32').map((office) => office.id));
    const nationalDots = findAll(national.root, (element) => element.name === 'circle' && westJavaIds.has(element.attributes['data-id']!));
    const nationalXs = nationalDots.map((dot) => Number(dot.attributes.cx));
    expect((Math.max(...nationalXs) - Math.min(...nationalXs)) / nationalFrame.width).toBeLessThan(0.1);
    expect(Math.max(spread.width / frame.width, spread.height / frame.height)).toBeGreaterThan(0.6);
    expect(national.root.attributes.viewBox).not.toBe(westJava.root.attributes.viewBox);
    expect(findAll(westJava.root, (element) => element.name === 'title')[0]!.text).toContain('Jawa Barat');
    const labels = findAll(westJava.root, (element) => element.name === 'text').map((text) => text.text);
    expect(labels.some((label) => /^10[678](\.5)?° E$/.test(label))).toBe(true);
    // Zoomed, each dot is named beside it: an <img> shows no tooltip.
    const names = findAll(westJava.root, (element) => element.attributes.class === 'names')[0]!;
    expect(names.children.map((text) => text.text)).toContain('Bapas Kelas II Garut');
    expect(names.children).toHaveLength(westJavaIds.size);
    expect(findAll(national.root, (element) => element.attributes.class === 'names')).toEqual([]);
    // Every dot stays inside the frame.
    for (const dot of findAll(westJava.root, (element) => element.name === 'circle')) {
      expect(Number(dot.attributes.cx)).toBeGreaterThanOrEqual(frame.x);
      expect(Number(dot.attributes.cx)).toBeLessThanOrEqual(frame.x + frame.width);
    }
  });

  it('draws the same bytes for the same data', async () => {
    expect((await mapOf('?province=32')).text).toBe((await mapOf('?province=32')).text);
    expect((await mapOf()).text).toBe((await mapOf()).text);
  });
});

describe('the nearest partner beyond reach, in the CSV', () => {
  const records = async (query: string) => {
    const text = await (await get(`/coverage.csv?${query}`)).text();
    const [header, ...rows] = text
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    return rows.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index]])));
  };

  it('names, for a gap, the nearest partner offering the service and its distance', async () => {
    // Garut lacks religious guidance: P-002 offers it 52.5 km away, beyond its 50 km.
    const [garut] = await records('bapasId=029&service=religious-guidance');
    expect(garut).toMatchObject({ gap: '1', partners: '0', nearest_km: '', beyond_reach_partner_id: 'P-002', beyond_reach_reason: '' });
    expect(garut!.beyond_reach_partner_name).toBe('Pesantren Al-Ikhlas');
    expect(Number(garut!.beyond_reach_km)).toBeCloseTo(52.5, 0);
  });

  it('gives a reason, never a made-up partner, where nobody offers the service', async () => {
    const [health] = await records('bapasId=026&service=health');
    expect(health).toMatchObject({
      gap: '1',
      beyond_reach_partner_id: '',
      beyond_reach_partner_name: '',
      beyond_reach_km: '',
      beyond_reach_reason: 'not-offered',
    });
  });

  it('leaves the columns empty where the service is covered', async () => {
    const [covered] = await records('bapasId=026&service=job-placement');
    expect(covered).toMatchObject({ gap: '0', beyond_reach_partner_id: '', beyond_reach_km: '', beyond_reach_reason: '' });
  });
});

describe('GET /coverage, the page', () => {
  const pageOf = async (query = '') => {
    const res = await get(`/coverage${query}`);
    expect(res.status).toBe(200);
    return res.text();
  };
  const attr = (html: string, id: string, name: string) => {
    const tag = html.match(new RegExp(`<[^>]*id="${id}"[^>]*>`))?.[0] ?? '';
    return tag.match(new RegExp(`${name}="([^"]*)"`))?.[1]?.replaceAll('&amp;', '&');
  };

  it('shows the map itself, with its legend and its attribution, and keeps the links to the map and the CSV', async () => {
    const html = await pageOf();
    expect(html).toMatch(/<img src="\/coverage\/map\.svg" alt="[^"]+"/);
    expect(attr(html, 'coverage-map-link', 'href')).toBe('/coverage/map.svg');
    expect(attr(html, 'coverage-data-link', 'href')).toBe('/coverage.csv');
    const legend = html.slice(html.indexOf('id="coverage-legend"'));
    for (const colour of RAMP) expect(legend).toContain(`background-color: ${colour}`);
    expect(legend).toContain(`&lt; 50% (${offices.length})`);
    expect(html).toContain('Natural Earth');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<style');
  });

  it('links the English map and CSV from the English page, and keeps the province chosen', async () => {
    const en = await pageOf('?lang=en');
    expect(attr(en, 'coverage-map-link', 'href')).toBe('/coverage/map.svg?lang=en');
    expect(attr(en, 'coverage-data-link', 'href')).toBe('/coverage.csv?lang=en');
    expect(en).toContain('<img src="/coverage/map.svg?lang=en"');
    expect(en).toMatch(/<form method="get" action="\/coverage"[^>]*>\s*<input type="hidden" name="lang" value="en"/);

    const westJava = await pageOf('?province=32&lang=en');
    expect(attr(westJava, 'coverage-map-link', 'href')).toBe('/coverage/map.svg?province=32&lang=en');
    expect(attr(westJava, 'coverage-data-link', 'href')).toBe('/coverage.csv?province=32&lang=en');
    expect(westJava).toMatch(/<option value="32" selected="">Jawa Barat<\/option>/);
    // The links answer: the map in English, the CSV of the province.
    expect(await (await get('/coverage/map.svg?province=32&lang=en')).text()).toContain('Services covered');
    const csv = await (await get('/coverage.csv?province=32&lang=en')).text();
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + offices.filter((office) => office.provinceCode === '32').length * 16);
    expect(csv).toContain(',job-placement,Job placement,');
    expect(await (await get('/coverage.csv?province=32')).text()).toContain(',job-placement,Penyaluran tenaga kerja,');
    expect((await get('/coverage.csv?lang=fr')).status).toBe(422);
  });

  it('lists the gaps per Kanwil: a Bapas with a known gap, and what it misses', async () => {
    const html = await pageOf('?lang=en');
    const garut = html.match(/<tr data-bapas="029" data-gaps="([^"]*)">([\s\S]*?)<\/tr>/);
    expect(garut).not.toBeNull();
    expect(garut![1]!.split(' ')).toContain('religious-guidance');
    // 13 of 16 missing: said as the three it has.
    expect(garut![2]).toContain('13 of 16');
    expect(garut![2]).toMatch(/all except .*Legal aid/);
    const kanwil = offices.find((office) => office.id === '029')!.kanwil;
    const section = html.slice(html.indexOf(`data-kanwil="${kanwil}"`));
    expect(section.slice(0, section.indexOf('</section>'))).toContain('data-bapas="026"');
  });

  it('lists per service the Bapas that lack it', async () => {
    const html = await pageOf('?province=32&lang=en');
    const row = (service: string) => html.match(new RegExp(`<tr data-service="${service}" data-lacking="([^"]*)">([\\s\\S]*?)</tr>`))!;
    const inProvince = offices.filter((office) => office.provinceCode === '32').length;
    expect(row('health')[2]).toMatch(new RegExp(`${inProvince} of ${inProvince}</strong>: all</td>`)); // nobody offers it
    expect(row('legal-aid')[2]).toMatch(new RegExp(`0 of ${inProvince}</strong>: none</td>`));
    const religious = row('religious-guidance');
    expect(religious[1]!.split(' ')).toContain('029');
    expect(religious[1]!.split(' ')).not.toContain('026');
  });

  it('narrows the page to the province chosen and says so', async () => {
    const html = await pageOf('?province=32&lang=en');
    expect(html).toContain('Summary: Jawa Barat');
    expect(html).not.toContain('data-bapas="001"');
    expect(html).toContain('data-bapas="026"');
  });

  it('shows the nation, and says why, for a province code that names no province', async () => {
    const html = await pageOf('?province=99&lang=en');
    expect(html).toContain('No province has the code 99');
    expect(html).toContain('data-bapas="001"');
    expect(attr(html, 'coverage-map-link', 'href')).toBe('/coverage/map.svg?lang=en');
    const escaped = await pageOf('?province=%3Cb%3E');
    expect(escaped).not.toContain('<b>');
  });
});

describe('the OpenAPI document', () => {
  it('describes both coverage routes, their filters and the CSV and SVG answers', async () => {
    const doc = await json('/openapi.json');
    const list = doc.paths['/v1/coverage'].get;
    expect(list.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'bapasId',
      'format',
      'province',
      'service',
    ]);
    expect(Object.keys(list.responses['200'].content).sort()).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '404', '422']));
    const map = doc.paths['/v1/coverage/map.svg'].get;
    expect(Object.keys(map.responses['200'].content)).toEqual(['image/svg+xml']);
    expect(doc.components.schemas).toHaveProperty('CoverageResponse');
    expect(doc.components.schemas).toHaveProperty('CoveragePlace');
  });
});
