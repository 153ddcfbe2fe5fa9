import type { CoverageCell, CoverageSummary, GroupSummary, PlaceCoverage, PlaceGaps } from '../schemas/coverage';
import type { ServiceId } from '../taxonomy';
import { byId, compareStrings } from '../order';

type PlaceHeader = Pick<PlaceCoverage, 'id' | 'label' | 'group' | 'regencyCode' | 'location'>;

/** A place's totals from its cells: the one place where covered, share and gaps are decided. */
export function placeFromCells(header: PlaceHeader, cells: readonly CoverageCell[]): PlaceCoverage {
  const gaps = cells.filter((cell) => cell.partners === 0).map((cell) => cell.service);
  const covered = cells.length - gaps.length;
  return {
    id: header.id,
    ...(header.label !== undefined && { label: header.label }),
    ...(header.group !== undefined && { group: header.group }),
    ...(header.regencyCode !== undefined && { regencyCode: header.regencyCode }),
    location: header.location,
    covered,
    share: cells.length === 0 ? 0 : covered / cells.length,
    gaps,
    services: [...cells],
  };
}

const byGapsThenId = (a: PlaceGaps, b: PlaceGaps): number => b.gapCount - a.gapCount || byId(a, b);

/** Per service, the share of places covered; overall, the places with the most gaps. */
export function summarize(places: readonly PlaceCoverage[], services: readonly ServiceId[], topGaps: number): CoverageSummary {
  const byService = services.map((service, index) => {
    let coveredPlaces = 0;
    let inPersonPlaces = 0;
    for (const place of places) {
      const cell = place.services[index]!;
      if (cell.partners > 0) coveredPlaces += 1;
      if (cell.inPerson > 0) inPersonPlaces += 1;
    }
    return { service, coveredPlaces, inPersonPlaces, share: places.length === 0 ? 0 : coveredPlaces / places.length };
  });
  const coveredCells = places.reduce((sum, place) => sum + place.covered, 0);
  const cells = places.length * services.length;
  const mostGaps = places
    .filter((place) => place.gaps.length > 0)
    .map((place): PlaceGaps => ({
      id: place.id,
      ...(place.label !== undefined && { label: place.label }),
      ...(place.group !== undefined && { group: place.group }),
      gapCount: place.gaps.length,
      gaps: [...place.gaps],
    }))
    .sort(byGapsThenId)
    .slice(0, topGaps);
  return {
    places: places.length,
    fullyCovered: places.filter((place) => place.gaps.length === 0).length,
    share: cells === 0 ? 0 : coveredCells / cells,
    byService,
    mostGaps,
  };
}

/** One summary per group named by the places, sorted by group name. */
export function summarizeGroups(places: readonly PlaceCoverage[], services: readonly ServiceId[], topGaps: number): GroupSummary[] {
  const groups = new Map<string, PlaceCoverage[]>();
  for (const place of places) {
    if (place.group === undefined) continue;
    const list = groups.get(place.group);
    if (list) list.push(place);
    else groups.set(place.group, [place]);
  }
  return [...groups.keys()].sort(compareStrings).map((group) => ({ group, ...summarize(groups.get(group)!, services, topGaps) }));
}
