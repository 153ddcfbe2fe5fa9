import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoBounds, geoPath, type ExtendedFeature, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';

// Natural Earth's countries at 1:50m (the `world-atlas` package, public domain): at Indonesia's
// scale 1:110m loses most islands and 1:10m is ten times the size for detail a screen cannot
// show. Indonesia is drawn apart from its neighbours, so that the shared islands (Borneo, New
// Guinea, Timor) show where the country ends.
const ATLAS = 'world-atlas/countries-50m.json';
const INDONESIA = '360'; // ISO 3166-1 numeric
// Countries whose bounds meet this box may show on a map of some part of Indonesia.
const NEAR = { west: 80, east: 160, south: -25, north: 22 } as const;

export interface Coast {
  readonly indonesia: readonly ExtendedFeature[];
  readonly neighbours: readonly ExtendedFeature[];
}

let loaded: Coast | undefined;

/**
 * Indonesia and the countries around it, read from `world-atlas` in node_modules once, on first
 * use (the built server resolves it from its own node_modules too: it is a dependency, not a
 * bundled asset).
 */
export function coast(): Coast {
  if (loaded) return loaded;
  const path = createRequire(import.meta.url).resolve(ATLAS);
  // The topology's own type lives in @types/topojson-specification; what is needed of it here
  // is what `feature` takes.
  const topology = JSON.parse(readFileSync(path, 'utf8')) as Parameters<typeof feature>[0] & {
    objects: Record<'countries', Parameters<typeof feature>[1]>;
  };
  const countries = (feature(topology, topology.objects.countries) as unknown as { features: ExtendedFeature[] }).features;
  const near = countries.filter((country) => {
    const [[west, south], [east, north]] = geoBounds(country);
    // A country across the antimeridian has west > east: none of those is near Indonesia.
    return west <= east && west <= NEAR.east && east >= NEAR.west && south <= NEAR.north && north >= NEAR.south;
  });
  loaded = {
    indonesia: near.filter((country) => String(country.id) === INDONESIA),
    neighbours: near.filter((country) => String(country.id) !== INDONESIA),
  };
  return loaded;
}

/**
 * Path data at screen resolution: coordinates rounded to `step` px, repeated points dropped,
 * and rings smaller than `minSize` px both ways left out (islets a dot would hide). This is
 * what keeps the SVG small; the projection's `clipExtent` has already cut away what is off the map.
 */
class ScreenPath {
  private readonly parts: string[] = [];
  private ring: [number, number][] = [];

  constructor(
    private readonly step: number,
    private readonly minSize: number,
  ) {}

  private snap(value: number): number {
    return Math.round(value / this.step) * this.step;
  }

  beginPath(): void {
    // Each ring starts with moveTo.
  }

  moveTo(x: number, y: number): void {
    this.flush();
    this.ring = [[this.snap(x), this.snap(y)]];
  }

  lineTo(x: number, y: number): void {
    const point: [number, number] = [this.snap(x), this.snap(y)];
    const last = this.ring[this.ring.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) this.ring.push(point);
  }

  closePath(): void {
    this.flush(true);
  }

  arc(): void {
    // Only points are drawn with arcs; the coast has none.
  }

  private flush(closed = false): void {
    const ring = this.ring;
    this.ring = [];
    if (ring.length < 2) return;
    const xs = ring.map((point) => point[0]);
    const ys = ring.map((point) => point[1]);
    if (Math.max(...xs) - Math.min(...xs) < this.minSize && Math.max(...ys) - Math.min(...ys) < this.minSize) return;
    const number = (value: number) => String(Math.round(value * 10) / 10);
    const [first, ...rest] = ring;
    this.parts.push(
      `M${number(first![0])} ${number(first![1])}${rest.map(([x, y]) => `L${number(x)} ${number(y)}`).join('')}${closed ? 'Z' : ''}`,
    );
  }

  result(): string {
    this.flush();
    return this.parts.join('');
  }
}

/** The features as one path's `d`, through `projection` (with its clip extent) at screen resolution. */
export function coastPath(features: readonly ExtendedFeature[], projection: GeoProjection, step = 0.5, minSize = 1): string {
  const context = new ScreenPath(step, minSize);
  const path = geoPath(projection, context);
  for (const country of features) path(country);
  return context.result();
}
