import { getService, type Lang, type PlaceCoverage, type ServiceId } from '@pokmas/matcher';

/** What the map draws: the measured places (Bapas seats) and the services they were measured for. */
export interface CoverageMapInput {
  readonly places: readonly PlaceCoverage[];
  readonly services: readonly ServiceId[];
  readonly registryVersion: string;
  readonly lang: Lang;
}

// Indonesia's bounding box, drawn in an equirectangular projection: plain, and exact enough
// this near the equator (1 degree of longitude is 0.98 to 1 degree of latitude in length).
const LON = { min: 94, max: 142 } as const;
const LAT = { min: -11.5, max: 6.5 } as const;
const SCALE = 18; // px per degree
const MAP = { x: 56, y: 80, width: (LON.max - LON.min) * SCALE, height: (LAT.max - LAT.min) * SCALE } as const;
const WIDTH = MAP.x + MAP.width + 40;
const LEGEND_Y = MAP.y + MAP.height + 36;
const HEIGHT = LEGEND_Y + 24;
const DOT_RADIUS = 5;

/** Viridis, in five steps: ordered in lightness, and told apart with every kind of colour blindness. */
export const RAMP = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'] as const;

/**
 * The lower bounds of the colour steps. Finer near the top, where the programme's aim is: with
 * sixteen services, 90% is one gap and 75% four.
 */
export const STEP_FLOORS = [0, 0.5, 0.75, 0.9, 1] as const;

/** The colour step of a share of services covered. */
export function stepOf(share: number): number {
  let step = 0;
  STEP_FLOORS.forEach((floor, index) => {
    if (share >= floor) step = index;
  });
  return step;
}

const STRINGS = {
  id: {
    title: 'Cakupan layanan POKMAS per Bapas',
    subtitle: (n: number) =>
      `Bagian dari ${n} layanan yang dapat diberikan mitra aktif kepada klien dewasa di kedudukan Bapas (tatap muka dalam jangkauan, atau daring).`,
    version: (version: string) => `Data mitra versi ${version}. Arahkan penunjuk ke titik untuk melihat layanan yang belum ada.`,
    legend: 'Layanan tercakup',
    steps: ['< 50%', '50–74%', '75–89%', '90–99%', '100%'],
    covered: (covered: number, n: number, percent: number) => `${covered} dari ${n} layanan tercakup (${percent}%)`,
    gaps: 'Belum ada',
    none: 'Semua layanan tercakup',
    summary: (places: number, full: number) => `${places} Bapas, ${full} di antaranya tercakup penuh.`,
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
    steps: ['< 50%', '50–74%', '75–89%', '90–99%', '100%'],
    covered: (covered: number, n: number, percent: number) => `${covered} of ${n} services covered (${percent}%)`,
    gaps: 'Missing',
    none: 'Every service covered',
    summary: (places: number, full: number) => `${places} Bapas, ${full} of them fully covered.`,
    north: 'N',
    south: 'S',
    east: 'E',
  },
} as const;

/** Text for XML: the five characters with a meaning in markup, escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const x = (lon: number) => round(MAP.x + (lon - LON.min) * SCALE);
const y = (lat: number) => round(MAP.y + (LAT.max - lat) * SCALE);
const round = (value: number) => Math.round(value * 10) / 10;

function graticule(lang: Lang): string[] {
  const t = STRINGS[lang];
  const lines: string[] = [];
  for (let lon = 95; lon <= LON.max; lon += 5) {
    lines.push(`<line x1="${x(lon)}" y1="${MAP.y}" x2="${x(lon)}" y2="${MAP.y + MAP.height}"/>`);
    lines.push(`<text stroke="none" text-anchor="middle" x="${x(lon)}" y="${MAP.y + MAP.height + 14}">${lon}° ${t.east}</text>`);
  }
  for (let lat = -10; lat <= LAT.max; lat += 5) {
    const label = lat === 0 ? '0°' : `${Math.abs(lat)}° ${lat > 0 ? t.north : t.south}`;
    lines.push(
      `<line${lat === 0 ? ' stroke="#8fa1b3" stroke-width="1"' : ''} x1="${MAP.x}" y1="${y(lat)}" x2="${MAP.x + MAP.width}" y2="${y(lat)}"/>`,
    );
    lines.push(`<text stroke="none" text-anchor="end" x="${MAP.x - 6}" y="${y(lat) + 4}">${label}</text>`);
  }
  return lines;
}

function dot(place: PlaceCoverage, n: number, lang: Lang): string {
  const t = STRINGS[lang];
  const percent = Math.round(place.share * 100);
  const name = place.label ?? place.id;
  const lines = [place.group ? `${name} (${place.group})` : name, t.covered(place.covered, n, percent)];
  lines.push(place.gaps.length > 0 ? `${t.gaps}: ${place.gaps.map((service) => getService(service).label[lang]).join(', ')}` : t.none);
  const tooltip = lines.map(escapeXml).join('&#10;');
  return (
    `<circle class="bapas" data-id="${escapeXml(place.id)}" cx="${x(place.location.lon)}" cy="${y(place.location.lat)}" r="${DOT_RADIUS}" ` +
    `fill="${RAMP[stepOf(place.share)]}"><title>${tooltip}</title></circle>`
  );
}

function legend(places: readonly PlaceCoverage[], lang: Lang): string[] {
  const t = STRINGS[lang];
  const counts = RAMP.map(() => 0);
  for (const place of places) counts[stepOf(place.share)]! += 1;
  const items = RAMP.map((colour, step) => {
    const left = MAP.x + 150 + step * 130;
    return (
      `<rect x="${left}" y="${LEGEND_Y - 11}" width="14" height="14" rx="7" fill="${colour}" stroke="#333" stroke-width="0.8"/>` +
      `<text x="${left + 20}" y="${LEGEND_Y}">${escapeXml(`${t.steps[step]} (${counts[step]})`)}</text>`
    );
  });
  return [`<g class="legend"><text font-weight="600" x="${MAP.x}" y="${LEGEND_Y}">${escapeXml(t.legend)}</text>`, ...items, '</g>'];
}

/**
 * A map of the places over a graticule of Indonesia, each a dot coloured by its share of
 * services covered, with a legend: standalone SVG that a browser shows as it is. Places outside
 * the box are drawn at its edge rather than lost. The least covered are drawn last, on top.
 * Styled with presentation attributes only, no `<style>`: a content security policy on the
 * response, or a viewer that ignores CSS, leaves it looking the same.
 */
export function renderCoverageMap({ places, services, registryVersion, lang }: CoverageMapInput): string {
  const t = STRINGS[lang];
  const inBox = places.map((place) => ({
    ...place,
    location: {
      lat: Math.min(LAT.max, Math.max(LAT.min, place.location.lat)),
      lon: Math.min(LON.max, Math.max(LON.min, place.location.lon)),
    },
  }));
  const drawn = [...inBox].sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const full = places.filter((place) => place.gaps.length === 0).length;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="map-title map-desc" lang="${lang}" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="11" fill="#333">`,
    `<title id="map-title">${escapeXml(t.title)}</title>`,
    `<desc id="map-desc">${escapeXml(`${t.subtitle(services.length)} ${t.summary(places.length, full)} ${t.version(registryVersion)}`)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text font-size="18" font-weight="600" fill="#111" x="${MAP.x}" y="30">${escapeXml(t.title)}</text>`,
    `<text x="${MAP.x}" y="48">${escapeXml(t.subtitle(services.length))}</text>`,
    `<text x="${MAP.x}" y="63">${escapeXml(`${t.summary(places.length, full)} ${t.version(registryVersion)}`)}</text>`,
    `<rect x="${MAP.x}" y="${MAP.y}" width="${MAP.width}" height="${MAP.height}" fill="#eef3f7" stroke="#8fa1b3" stroke-width="1"/>`,
    '<g class="graticule" stroke="#c5d0da" stroke-width="0.6">',
    ...graticule(lang),
    '</g>',
    '<g class="places" stroke="#222" stroke-width="0.8">',
    ...drawn.map((place) => dot(place, services.length, lang)),
    '</g>',
    ...legend(places, lang),
    '</svg>',
    '',
  ].join('\n');
}
