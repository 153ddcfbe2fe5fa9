import type { Directory } from '@pokmas/directory';
import type { Recommendation } from '@pokmas/matcher';
import type { LocatedClient } from '../../lib/locate';
import type { LoadedRegistry } from '../../lib/types';
import type { Choice } from '../../views/form';
import type { MatchView, PlaceNames } from '../../views/results';

const byLabel = (a: Choice, b: Choice) => a.group.localeCompare(b.group, 'id') || a.label.localeCompare(b.label, 'id');

const choicesCache = new WeakMap<Directory, { bapas: Choice[]; regencies: Choice[] }>();

/** The form's select lists, grouped by province; computed once per directory. */
export function formChoices(directory: Directory): { bapas: Choice[]; regencies: Choice[] } {
  let choices = choicesCache.get(directory);
  if (!choices) {
    const provinces = new Map(directory.provinces.map((province) => [province.code, province.name]));
    choices = {
      bapas: directory.offices.map((office) => ({ value: office.id, label: office.name, group: office.provinceName })).sort(byLabel),
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
  const pokmas = partner.pokmasId === undefined ? undefined : registry.pokmasById.get(partner.pokmasId);
  return { partner, bapasName: directory.getBapas(partner.bapasId)?.name ?? partner.bapasId, pokmasName: pokmas?.name };
}

/** The matches with their partners, for the results view. */
export function matchViews(recommendation: Recommendation, registry: LoadedRegistry, directory: Directory): MatchView[] {
  return recommendation.matches.flatMap((match) => {
    const names = partnerNames(registry, directory, match.partnerId);
    return names ? [{ match, ...names }] : [];
  });
}

/** The directory's names for the regency and the Bapas of a located client, for the summary of the search. */
export function placeNames({ client, location }: LocatedClient, directory: Directory): PlaceNames {
  return {
    regency: location.regencyCode === undefined ? undefined : directory.getRegency(location.regencyCode)?.name,
    bapas: client.bapasId === undefined ? undefined : directory.getBapas(client.bapasId)?.name,
  };
}
