import type { BapasOffice, Directory } from '@pokmas/directory';
import { selectCoverage, type Coverage, type Lang, type ServiceId } from '@pokmas/matcher';
import type { Context } from 'hono';
import { authorize, ROUTE_ROLES } from '../../lib/access';
import { ProblemError } from '../../lib/problem';
import type { AppBindings, AppRouteHandler } from '../../lib/types';
import { coverageCsv } from './coverage.csv';
import { bapasCoverage } from './coverage.data';
import { renderCoverageMap } from './coverage.map';
import type { GetCoverageMapRoute, GetCoverageRoute, GetPageCoverageCsvRoute, GetPageCoverageMapRoute } from './coverage.routes';

interface Filter {
  bapasId?: string | undefined;
  province?: string | undefined;
  service?: ServiceId | ServiceId[] | undefined;
}

/** The offices and services a filter selects: unknown ids are a 404, not an empty answer. */
async function select(
  { registry, directory, workers }: Pick<AppBindings['Variables'], 'registry' | 'directory' | 'workers'>,
  filter: Filter,
): Promise<{ all: Coverage; selected: Coverage; services?: ServiceId[] }> {
  if (filter.bapasId !== undefined) {
    if (!directory.getBapas(filter.bapasId)) {
      throw new ProblemError('not-found', `No Bapas has the id ${filter.bapasId}; GET /v1/bapas lists them.`);
    }
    if (!directory.getOffice(filter.bapasId)) {
      throw new ProblemError('not-found', `Bapas ${filter.bapasId} is planned, not yet an office: coverage is measured at offices only.`);
    }
  }
  if (filter.province !== undefined && !directory.provinces.some((province) => province.code === filter.province)) {
    throw new ProblemError('not-found', `No province has the code ${filter.province}; use a two-digit Kemendagri code such as 32.`);
  }
  const offices = directory.offices.filter(
    (office: BapasOffice) =>
      (filter.bapasId === undefined || office.id === filter.bapasId) &&
      (filter.province === undefined || office.provinceCode === filter.province),
  );
  const services = filter.service === undefined ? undefined : [...new Set([filter.service].flat())];
  const all = await bapasCoverage(registry, directory, workers);
  return {
    all,
    selected: selectCoverage(all, { placeIds: offices.map((office) => office.id), ...(services && { services }) }),
    ...(services && { services }),
  };
}

/** The selected places as a CSV download, named after the registry version; service names in `lang`. */
function csvResponse(c: Context<AppBindings>, selected: Coverage, lang: Lang = 'id') {
  const { registry, directory } = c.var;
  const offices = new Map(directory.bapas.map((office) => [office.id, office]));
  return c.body(coverageCsv(selected.places, offices, lang), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="pokmas-coverage-${registry.version.replace(/[^\w.-]/g, '_')}.csv"`,
  });
}

export const getCoverage: AppRouteHandler<GetCoverageRoute> = async (c) => {
  authorize(c, { roles: ROUTE_ROLES.coverage });
  const { format, ...filter } = c.req.valid('query');
  const { registry } = c.var;
  const { all, selected, services } = await select(c.var, filter);

  if (format === 'csv') return csvResponse(c, selected);

  const national = services ? selectCoverage(all, { services }).summary : all.summary;
  return c.json(
    {
      registry: { version: registry.version, partners: registry.partners.length },
      services: selected.services,
      places: selected.places,
      summary: selected.summary,
      kanwil: selected.groups,
      national,
    },
    200,
  );
};

/** `GET /coverage.csv`, the page's link: the same rows as `GET /v1/coverage?format=csv`, service names in the page's language. */
export const getPageCoverageCsv: AppRouteHandler<GetPageCoverageCsvRoute> = async (c) => {
  authorize(c, { roles: ROUTE_ROLES.coverage });
  const { lang = 'id', ...filter } = c.req.valid('query');
  return csvResponse(c, (await select(c.var, filter)).selected, lang);
};

/** `GET /v1/coverage/map.svg`, and the page's `GET /coverage/map.svg`. */
export const getCoverageMap: AppRouteHandler<GetCoverageMapRoute | GetPageCoverageMapRoute> = async (c) => {
  authorize(c, { roles: ROUTE_ROLES.coverage });
  const { lang = 'id', ...filter } = c.req.valid('query');
  const { registry, directory } = c.var;
  const { selected } = await select(c.var, filter);
  // A province chosen: the map fits its offices, and says which province it shows.
  const province = filter.province === undefined ? undefined : directory.provinces.find((p) => p.code === filter.province);
  const svg = renderCoverageMap({
    places: selected.places,
    services: selected.services,
    registryVersion: registry.version,
    lang,
    focus: province && { name: province.name },
  });
  return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
};
