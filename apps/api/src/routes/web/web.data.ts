import type { Directory } from '@pokmas/directory';
import type { Lang, Recommendation } from '@pokmas/matcher';
import type { SearchFormValues } from '../../views/form';
import { formatNumber } from '../../views/i18n';
import type { LoadedRegistry } from '../../lib/types';
import type { Choice } from '../../views/form';
import type { MatchView } from '../../views/results';

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

/** Where the client is, in words, by the same precedence as the directory: coordinates, regency, Bapas. */
export function placeName(values: SearchFormValues, directory: Directory, lang: Lang): string {
  const regency = values.regencyCode ? directory.getRegency(values.regencyCode)?.name : undefined;
  const bapas = values.bapasId ? directory.getBapas(values.bapasId)?.name : undefined;
  if (values.lat !== '' && values.lon !== '') {
    const point = [values.lat, values.lon].map((text) => formatNumber(Number(text.replace(',', '.')), lang, 5)).join(' / ');
    return regency ? `${point} (${regency})` : point;
  }
  return [regency, bapas].filter(Boolean).join(' · ');
}
