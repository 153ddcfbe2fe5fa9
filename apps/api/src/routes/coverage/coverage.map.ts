import { getService, type Lang, type Location, type PlaceCoverage, type ServiceId } from '@pokmas/matcher';
import { geoMercator, type GeoProjection } from 'd3-geo';
import { coast, coastPath } from './coverage.coast';
import { legendOf, RAMP, stepOf } from './coverage.scale';

/** What the map draws: the measured places (Bapas seats) and the services they were measured for. */
export interface CoverageMapInput {
  readonly places: readonly PlaceCoverage[];
  readonly services: readonly ServiceId[];
  readonly registryVersion: string;
  readonly lang: Lang;
  /** Fit the map to the places (a province's offices), named in the title; absent: all of Indonesia. */
  readonly focus?: { readonly name: string } | undefined;
}

/** A box in degrees. */
export interface GeoBox {
  readonly west: number;
  readonly east: number;
  readonly south: number;
  readonly north: number;
}

/** Indonesia from Sabang to Merauke, Miangas to Rote, with a margin. */
export const INDONESIA_BOX: GeoBox = { west: 94, east: 142, south: -11.5, north: 6.5 };

const WIDTH = 960;
const MAP = { x: 56, y: 80, width: WIDTH - 56 - 24 } as const;
const DOT_RADIUS = [7, 6.5, 6, 5.5, 4] as const; // by colour step: a gap draws the eye, full coverage recedes

/** Sea, land and lines. Indonesia is lighter than its neighbours, so that its borders read. */
export const MAP_COLOURS = {
  sea: '#d6e4ee',
  land: '#fbfaf5',
  neighbours: '#e2e0da',
  coastline: '#6f6a60',
  graticule: '#b9cad7',
  outline: '#1b1f24',
} as const;

const STRINGS = {
  id: {
    title: 'Cakupan layanan POKMAS per Bapas',
    subtitle: (n: number) =>
      `Bagian dari ${n} layanan yang dapat diberikan mitra aktif kepada klien dewasa di kedudukan Bapas (tatap muka dalam jangkauan, atau daring).`,
    version: (version: string) => `Data mitra versi ${version}. Arahkan penunjuk ke titik untuk melihat layanan yang belum ada.`,
    legend: 'Layanan tercakup',
    covered: (covered: number, n: number, percent: number) => `${covered} dari ${n} layanan tercakup (${percent}%)`,
    gaps: 'Belum ada',
    none: 'Semua layanan tercakup',
    summary: (places: number, full: number) => `${places} Bapas, ${full} di antaranya tercakup penuh.`,
    attribution: 'Peta dasar: Natural Earth (domain publik). Titik: kedudukan Bapas.',
    north: 'LU',
    south: 'LS',
    east: 'BT',
  },
  en: {
    title: 'POKMAS service coverage per Bapas',
    subtitle: (n: number) =>
      `Share of ${n} services that active partners can give an adult client at the Bapas seat (in person within reach, or remotely).`,
    version: (version: string) => `Partner registry version ${version}. Point at a dot to see the services missing there.`,
    legend: 'Services covered',
    covered: (covered: number, n: number, percent: number) => `${covered} of ${n} services covered (${percent}%)`,
    gaps: 'Missing',
    none: 'Every service covered',
    summary: (places: number, full: number) => `${places} Bapas, ${full} of them fully covered.`,
    attribution: 'Base map: Natural Earth (public domain). Dots: Bapas seats.',
    north: 'N',
    south: 'S',
    east: 'E',
  },
} as const;

/** Text for XML: the five characters with a meaning in markup, escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const round = (value: number) => Math.round(value * 10) / 10;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The box a map of some places shows: theirs, with a margin of an eighth of its span on every
 * side (at least 0.3°), and at least 1.5° by 1° so that one office, or two in one town, still
 * shows its surroundings.
 */
export function focusBox(points: readonly Location[]): GeoBox {
  const lons = points.map((point) => point.lon);
  const lats = points.map((point) => point.lat);
  const widen = (min: number, max: number, least: number): [number, number] => {
    const margin = Math.max(0.3, (max - min) / 8);
    const [low, high] = [min - margin, max + margin];
    const short = Math.max(0, least - (high - low)) / 2;
    return [low - short, high + short];
  };
  const [west, east] = widen(Math.min(...lons), Math.max(...lons), 1.5);
  const [south, north] = widen(Math.min(...lats), Math.max(...lats), 1);
  return { west, east, south: Math.max(-80, south), north: Math.min(80, north) };
}

interface Frame {
  readonly projection: GeoProjection;
  readonly height: number;
}

/**
 * Mercator fitted to `box` across the map's width: the frame's height follows the box's shape
 * (between 0.3 and 0.9 of the width; a box of another shape is centred, showing more around it),
 * and everything outside the frame is clipped.
 */
function frameOf(box: GeoBox): Frame {
  const corners = [
    [box.west, box.north],
    [box.east, box.south],
  ] as [number, number][];
  const unit = geoMercator().scale(1).translate([0, 0]);
  const [x0, y0] = unit(corners[0]!)!;
  const [x1, y1] = unit(corners[1]!)!;
  const height = Math.round(clamp((MAP.width * (y1 - y0)) / (x1 - x0), MAP.width * 0.3, MAP.width * 0.9));
  const extent: [[number, number], [number, number]] = [
    [MAP.x, MAP.y],
    [MAP.x + MAP.width, MAP.y + height],
  ];
  const projection = geoMercator().fitExtent(extent, { type: 'MultiPoint', coordinates: corners }).clipExtent(extent);
  return { projection, height };
}

// The coast of a frame depends on the frame alone: drawn once per box (a province, the nation).
const coastCache = new Map<string, { neighbours: string; indonesia: string }>();
const COAST_CACHE_SIZE = 64;

function coastOf(box: GeoBox, frame: Frame) {
  const key = [box.west, box.east, box.south, box.north, frame.height].join(' ');
  let paths = coastCache.get(key);
  if (!paths) {
    const { indonesia, neighbours } = coast();
    paths = { neighbours: coastPath(neighbours, frame.projection), indonesia: coastPath(indonesia, frame.projection) };
    if (coastCache.size >= COAST_CACHE_SIZE) coastCache.clear();
    coastCache.set(key, paths);
  }
  return paths;
}

/** Lines every 5°, 2°, 1° or half a degree, as many as suit the span shown. */
const graticuleStep = (span: number) => (span > 24 ? 5 : span > 10 ? 2 : span > 4 ? 1 : 0.5);

function graticule(frame: Frame, lang: Lang): string[] {
  const t = STRINGS[lang];
  const bottom = MAP.y + frame.height;
  const [west, north] = frame.projection.invert!([MAP.x, MAP.y])!;
  const [east, south] = frame.projection.invert!([MAP.x + MAP.width, bottom])!;
  const step = graticuleStep(east - west);
  const ticks = (from: number, to: number) => {
    const values: number[] = [];
    for (let value = Math.ceil(from / step) * step; value <= to; value += step) values.push(Math.round(value * 10) / 10);
    return values;
  };
  const lines: string[] = [];
  for (const lon of ticks(west, east)) {
    const x = round(frame.projection([lon, 0])![0]);
    lines.push(`<line x1="${x}" y1="${MAP.y}" x2="${x}" y2="${bottom}"/>`);
    lines.push(`<text stroke="none" text-anchor="middle" x="${x}" y="${bottom + 14}">${lon}° ${t.east}</text>`);
  }
  for (const lat of ticks(south, north)) {
    const y = round(frame.projection([west, lat])![1]);
    const label = lat === 0 ? '0°' : `${Math.abs(lat)}° ${lat > 0 ? t.north : t.south}`;
    lines.push(`<line${lat === 0 ? ' stroke-dasharray="4 3"' : ''} x1="${MAP.x}" y1="${y}" x2="${MAP.x + MAP.width}" y2="${y}"/>`);
    lines.push(`<text stroke="none" text-anchor="end" x="${MAP.x - 6}" y="${y + 4}">${label}</text>`);
  }
  return lines;
}

function dot(place: PlaceCoverage, at: readonly [number, number], n: number, lang: Lang): string {
  const t = STRINGS[lang];
  const percent = Math.round(place.share * 100);
  const name = place.label ?? place.id;
  const lines = [place.group ? `${name} (${place.group})` : name, t.covered(place.covered, n, percent)];
  lines.push(place.gaps.length > 0 ? `${t.gaps}: ${place.gaps.map((service) => getService(service).label[lang]).join(', ')}` : t.none);
  const tooltip = lines.map(escapeXml).join('&#10;');
  const step = stepOf(place.share);
  return (
    `<circle class="bapas" data-id="${escapeXml(place.id)}" cx="${at[0]}" cy="${at[1]}" r="${DOT_RADIUS[step]}" ` +
    `fill="${RAMP[step]}"><title>${tooltip}</title></circle>`
  );
}

/**
 * On a zoomed map, each dot's name beside it (an <img> shows no tooltip): to the right of the
 * dot, or to its left near the frame's right edge, on a white halo so it reads over the coast.
 */
function nameLabel(place: PlaceCoverage, at: readonly [number, number], right: number): string {
  const name = escapeXml(place.label ?? place.id);
  const left = at[0] > right - 160;
  return (
    `<text x="${round(at[0] + (left ? -10 : 10))}" y="${round(at[1] + 4)}"${left ? ' text-anchor="end"' : ''} ` +
    `stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${name}</text>`
  );
}

function legend(places: readonly PlaceCoverage[], y: number, lang: Lang): string[] {
  const t = STRINGS[lang];
  const items = legendOf(places).map(({ colour, label, count }, step) => {
    const left = MAP.x + 150 + step * 130;
    const r = DOT_RADIUS[step]!;
    return (
      `<rect x="${left + 7 - r}" y="${y - 4 - r}" width="${2 * r}" height="${2 * r}" rx="${r}" fill="${colour}" stroke="${MAP_COLOURS.outline}" stroke-width="0.8"/>` +
      `<text x="${left + 20}" y="${y}">${escapeXml(`${label} (${count})`)}</text>`
    );
  });
  return [`<g class="legend"><text font-weight="600" x="${MAP.x}" y="${y}">${escapeXml(t.legend)}</text>`, ...items, '</g>'];
}

/**
 * A map of the places on Natural Earth's coastline, each a dot coloured (and sized) by its share
 * of services covered, with a legend and the attribution: standalone SVG that a browser shows
 * as it is. The whole of Indonesia, or with `focus` the places' own box (a province's offices),
 * in Mercator, each dot named beside it. Places outside the frame are drawn at its edge rather than lost. The least
 * covered are drawn last, on top. Styled with presentation attributes only, no `<style>`: a
 * content security policy on the response, or a viewer that ignores CSS, leaves it looking the
 * same. Pure: the same input gives the same bytes.
 */
export function renderCoverageMap({ places, services, registryVersion, lang, focus }: CoverageMapInput): string {
  const t = STRINGS[lang];
  const box = focus && places.length > 0 ? focusBox(places.map((place) => place.location)) : INDONESIA_BOX;
  const frame = frameOf(box);
  const bottom = MAP.y + frame.height;
  const legendY = bottom + 38;
  const height = legendY + 28;
  const paths = coastOf(box, frame);
  const at = (place: PlaceCoverage): [number, number] => {
    const [x, y] = frame.projection([place.location.lon, place.location.lat]) ?? [Number.NaN, Number.NaN];
    return [round(clamp(x, MAP.x, MAP.x + MAP.width)), round(clamp(y, MAP.y, bottom))];
  };
  const drawn = [...places].sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const full = places.filter((place) => place.gaps.length === 0).length;
  const title = focus ? `${t.title}: ${focus.name}` : t.title;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="map-title map-desc" lang="${lang}" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="11" fill="#333">`,
    `<title id="map-title">${escapeXml(title)}</title>`,
    `<desc id="map-desc">${escapeXml(`${t.subtitle(services.length)} ${t.summary(places.length, full)} ${t.version(registryVersion)} ${t.attribution}`)}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text font-size="18" font-weight="600" fill="#111" x="${MAP.x}" y="30">${escapeXml(title)}</text>`,
    `<text x="${MAP.x}" y="48">${escapeXml(t.subtitle(services.length))}</text>`,
    `<text x="${MAP.x}" y="63">${escapeXml(`${t.summary(places.length, full)} ${t.version(registryVersion)}`)}</text>`,
    `<rect class="frame" x="${MAP.x}" y="${MAP.y}" width="${MAP.width}" height="${frame.height}" fill="${MAP_COLOURS.sea}"/>`,
    `<g class="graticule" stroke="${MAP_COLOURS.graticule}" stroke-width="0.6" fill="#4a5360">`,
    ...graticule(frame, lang),
    '</g>',
    `<path class="neighbours" fill="${MAP_COLOURS.neighbours}" stroke="${MAP_COLOURS.coastline}" stroke-width="0.4" stroke-linejoin="round" d="${paths.neighbours}"/>`,
    `<path class="coastline" fill="${MAP_COLOURS.land}" stroke="${MAP_COLOURS.coastline}" stroke-width="0.6" stroke-linejoin="round" d="${paths.indonesia}"/>`,
    `<rect x="${MAP.x}" y="${MAP.y}" width="${MAP.width}" height="${frame.height}" fill="none" stroke="#8fa1b3" stroke-width="1"/>`,
    `<g class="places" stroke="${MAP_COLOURS.outline}" stroke-width="0.9">`,
    ...drawn.map((place) => dot(place, at(place), services.length, lang)),
    '</g>',
    ...(focus && places.length > 0
      ? ['<g class="names" font-size="12" fill="#1b1f24">', ...drawn.map((place) => nameLabel(place, at(place), MAP.x + MAP.width)), '</g>']
      : []),
    ...legend(places, legendY, lang),
    `<text class="attribution" x="${MAP.x}" y="${legendY + 20}" fill="#4a5360">${escapeXml(t.attribution)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
