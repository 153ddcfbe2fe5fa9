import type { Directory } from '@pokmas/directory';
import { coverage, type Coverage, type Recommendation } from '@pokmas/matcher';
import type { LoadedRegistry } from '../../lib/types';
import type { Choice } from '../../views/form';
import type { MatchView } from '../../views/results';

const byLabel = (a: Choice, b: Choice) => a.group.localeCompare(b.group, 'id') || a.label.localeCompare(b.label, 'id');

/** Offices a client can be under: every Bapas except those only planned. */
const openOffices = (directory: Directory) => directory.bapas.filter((office) => office.status !== 'planned');

const choicesCache = new WeakMap<Directory, { bapas: Choice[]; regencies: Choice[] }>();

/** The form's select lists, grouped by province; computed once per directory. */
export function formChoices(directory: Directory): { bapas: Choice[]; regencies: Choice[] } {
  let choices = choicesCache.get(directory);
  if (!choices) {
    const provinces = new Map(directory.provinces.map((province) => [province.code, province.name]));
    choices = {
      bapas: openOffices(directory)
        .map((office) => ({ value: office.id, label: office.name, group: office.provinceName }))
        .sort(byLabel),
      regencies: directory.regencies
        .map((regency) => ({
          value: regency.code,
          label: regency.name,
          group: provinces.get(regency.provinceCode) ?? regency.provinceCode,
        }))
        .sort(byLabel),
    };
    choicesCache.set(directory, choices);
  }
  return choices;
}

/** The names a partner is shown with: its Bapas and its POKMAS. */
export function partnerNames(registry: LoadedRegistry, directory: Directory, partnerId: string) {
  const partner = registry.byId.get(partnerId);
  if (!partner) return undefined;
  const pokmas = partner.pokmasId === undefined ? undefined : registry.pokmas.find((group) => group.id === partner.pokmasId);
  return { partner, bapasName: directory.getBapas(partner.bapasId)?.name ?? partner.bapasId, pokmasName: pokmas?.name };
}

/** The matches with their partners, for the results view. */
export function matchViews(recommendation: Recommendation, registry: LoadedRegistry, directory: Directory): MatchView[] {
  return recommendation.matches.flatMap((match) => {
    const names = partnerNames(registry, directory, match.partnerId);
    return names ? [{ match, ...names }] : [];
  });
}

const coverageCache = new WeakMap<LoadedRegistry, Coverage>();

/**
 * Coverage at every open Bapas seat, summarised per Kanwil: the places the coverage API measures
 * by default. Computed once per registry (a reload brings a new registry object).
 */
export function bapasCoverage(registry: LoadedRegistry, directory: Directory): Coverage {
  let result = coverageCache.get(registry);
  if (!result) {
    const places = openOffices(directory).map((office) => ({
      id: office.id,
      location: office.location,
      regencyCode: office.regencyCode,
      label: office.name,
      group: office.kanwil,
    }));
    result = coverage(registry.partners, places);
    coverageCache.set(registry, result);
  }
  return result;
}
