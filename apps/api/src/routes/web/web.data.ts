import type { Directory } from '@pokmas/directory';
import type { Client, Match, Recommendation, ServiceId } from '@pokmas/matcher';
import type { LocatedClient } from '../../lib/locate';
import type { LoadedRegistry } from '../../lib/types';
import type { Choice } from '../../views/form';
import type { MatchView, NeedSummaryRow, PlaceNames } from '../../views/results';

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

/**
 * Each of the client's needs with the partners in reach that meet it, counted over `matches`
 * (every match up to the search's cap, best first), and the best of them; needs nobody meets
 * come first, then the client's order. `capped` says the count reached the cap.
 */
export function needSummary(
  client: Pick<Client, 'needs'>,
  matches: readonly Match[],
  registry: LoadedRegistry,
  capped: boolean,
): NeedSummaryRow[] {
  const rows = client.needs.map((need, index) => {
    const meeting = matches.filter((match) => match.covered.some((covered) => covered.service === need.service));
    const best = meeting[0];
    return {
      service: need.service as ServiceId,
      count: meeting.length,
      capped,
      ...(best ? { best: { partnerId: best.partnerId, name: registry.byId.get(best.partnerId)?.name ?? best.partnerId } } : {}),
      index,
    };
  });
  return rows.sort((a, b) => Number(a.count > 0) - Number(b.count > 0) || a.index - b.index).map(({ index, ...row }) => (void index, row));
}
