import type { Directory } from '@pokmas/directory';
import { selectCoverage, type Lang } from '@pokmas/matcher';
import type { LoadedRegistry } from '../../lib/types';
import type { CoveragePageProps } from '../../views/coverage';
import type { Workers } from '../../workers/pool';
import { bapasCoverage } from './coverage.data';
import { legendOf } from './coverage.scale';

/** `path?province=…&lang=…`, each only when it differs from the default. */
function pageAddress(path: string, province: string | undefined, lang: Lang): string {
  const query = new URLSearchParams();
  if (province !== undefined) query.set('province', province);
  if (lang !== 'id') query.set('lang', lang);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * What the coverage page shows for a province code from its address (absent or empty: the
 * nation): the selection's summaries and gaps, the map's legend, and the addresses of the map
 * and the CSV for the same province and language. A code that names no province is reported
 * and the nation shown, rather than an error page: the form is the only way to choose one.
 */
export async function coveragePageProps(
  { registry, directory, workers }: { registry: LoadedRegistry; directory: Directory; workers: Workers },
  lang: Lang,
  provinceCode: string | undefined,
): Promise<CoveragePageProps> {
  const wanted = provinceCode?.trim() || undefined;
  const province = wanted === undefined ? undefined : directory.provinces.find((candidate) => candidate.code === wanted);
  const all = await bapasCoverage(registry, directory, workers);
  const shown = province
    ? selectCoverage(all, {
        placeIds: directory.offices.filter((office) => office.provinceCode === province.code).map((office) => office.id),
      })
    : all;
  const withOffices = new Set(directory.offices.map((office) => office.provinceCode));
  const provinces = directory.provinces
    .filter((candidate) => withOffices.has(candidate.code))
    .map(({ code, name }) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));
  return {
    lang,
    summary: shown.summary,
    groups: shown.groups,
    places: shown.places,
    services: shown.services,
    names: new Map(directory.offices.map((office) => [office.id, office.seat])),
    legend: legendOf(shown.places),
    provinces,
    province: province && { code: province.code, name: province.name },
    unknownProvince: wanted !== undefined && !province ? wanted : undefined,
    mapUrl: pageAddress('/coverage/map.svg', province?.code, lang),
    dataUrl: pageAddress('/coverage.csv', province?.code, lang),
  };
}
