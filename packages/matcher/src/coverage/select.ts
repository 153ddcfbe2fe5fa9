import { parseWith } from '../errors';
import { CoverageSelectionSchema, DEFAULT_TOP_GAPS, type Coverage, type CoverageSelection } from '../schemas/coverage';
import { orderServices } from './coverage';
import { placeFromCells, summarize, summarizeGroups } from './summary';

/**
 * Narrows a computed coverage to some places and services, with the summaries recomputed:
 * the same answer as measuring only those, since every cell stands on its own. Lets a caller
 * measure everything once and answer filtered questions from it.
 *
 * Selection: `placeIds` (all; unknown ids are ignored), `services` (all measured; those not
 * measured are ignored), `topGaps` (10).
 *
 * @example
 * const all = coverage(partners, bapasSeats);
 * const westJava = selectCoverage(all, { placeIds: ['bapas-bandung', 'bapas-bogor'], services: ['legal-aid'] });
 */
export function selectCoverage(result: Coverage, selection?: CoverageSelection): Coverage {
  const {
    placeIds,
    services: wanted,
    topGaps = DEFAULT_TOP_GAPS,
  } = parseWith(CoverageSelectionSchema, selection ?? {}, 'INVALID_OPTIONS', ['selection']);

  const services = orderServices(wanted).filter((service) => result.services.includes(service));
  const ids = placeIds && new Set(placeIds);
  const places = result.places
    .filter((place) => !ids || ids.has(place.id))
    .map((place) =>
      placeFromCells(
        place,
        place.services.filter((cell) => services.includes(cell.service)),
      ),
    );
  return {
    services,
    places,
    summary: summarize(places, services, topGaps),
    groups: summarizeGroups(places, services, topGaps),
  };
}
