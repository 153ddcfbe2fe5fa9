import { formatRegistryIssue, parseRegistry, registryToCsv, RegistryError, type RegistryFormat } from '@pokmas/directory';
import { actorOf, authorize, ROUTE_ROLES } from '../../lib/access';
import { ProblemError, toIssues } from '../../lib/problem';
import { MAX_IMPORT_ISSUES, storeWrite } from '../../lib/store-problem';
import type { AppRouteHandler } from '../../lib/types';
import { registryVersionLabel } from '../../store/live-registry';
import type { ExportRoute, ImportRoute } from './registry.routes';

/** Ids an answer lists at most per list; the counts are whole. */
const MAX_IDS = 1000;

function formatOf(contentType: string | undefined): RegistryFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json') return 'json';
  throw new ProblemError(
    'unsupported-media-type',
    'Send the registry file as text/csv or application/json, as `npm run registry -- check` reads it.',
  );
}

export const importRegistry: AppRouteHandler<ImportRoute> = async (c) => {
  const principal = authorize(c, { roles: ROUTE_ROLES.registryFiles });
  const { mode = 'upsert', dryRun = false, allowShrink = false } = c.req.valid('query');
  const format = formatOf(c.req.header('Content-Type'));
  const text = await c.req.text();

  let registry;
  try {
    registry = parseRegistry(text, format, c.var.directory, `import (${format})`);
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    // The row as the file counts it (CSV: the header is row 1), so that the sender finds it.
    const issues = toIssues(
      error.issues.map((issue) => ({
        path:
          issue.section === 'file' || issue.row === 0
            ? issue.field
              ? [issue.field]
              : []
            : [issue.section ?? 'partners', issue.row, ...(issue.field ? [issue.field] : [])],
        message: formatRegistryIssue(issue),
        code: 'registry',
      })),
    );
    throw new ProblemError(
      'validation',
      `The registry file is refused, nothing was changed: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} (rows as the file counts them).`,
      { issues, maxIssues: MAX_IMPORT_ISSUES },
    );
  }

  const scope = principal.role === 'bapas-admin' ? principal.bapasId : undefined;
  if (principal.role === 'bapas-admin') {
    const foreign = registry.partners.filter((partner) => partner.bapasId !== scope).map((partner) => partner.id);
    if (foreign.length > 0) {
      throw new ProblemError(
        'forbidden',
        `A bapas-admin of Bapas ${scope ?? '(none)'} imports only its own Bapas's partners; ${foreign.length} of the file are of another (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', ...' : ''}).`,
      );
    }
  }
  const result = await storeWrite(
    c.var.store.importRegistry(
      // A bapas-admin's file brings the POKMAS of its partners only (a CSV names each partner's own).
      scope === undefined ? registry : { ...registry, pokmas: registry.pokmas.filter((group) => group.bapasId === scope) },
      { mode, dryRun, allowShrink, ...(scope === undefined ? {} : { bapasId: scope }) },
      actorOf(principal),
    ),
  );
  if (!result.dryRun) await c.var.live.catchUp(result.registryVersion);
  return c.json(
    {
      mode: result.mode,
      dryRun: result.dryRun,
      counts: {
        created: result.created.length,
        updated: result.updated.length,
        retired: result.retired.length,
        unchanged: result.unchanged.length,
        pokmasCreated: result.pokmasCreated,
        pokmasUpdated: result.pokmasUpdated,
      },
      created: result.created.slice(0, MAX_IDS),
      updated: result.updated.slice(0, MAX_IDS),
      retired: result.retired.slice(0, MAX_IDS),
      registry: { version: registryVersionLabel(result.registryVersion) },
    },
    200,
  );
};

export const exportRegistry: AppRouteHandler<ExportRoute> = async (c) => {
  const principal = authorize(c, { roles: ROUTE_ROLES.registryFiles });
  const { format = 'json' } = c.req.valid('query');
  const scope = principal.role === 'bapas-admin' ? principal.bapasId : undefined;
  const { store } = c.var;
  const partners = (await store.listPartners(scope === undefined ? {} : { bapasId: scope })).map((record) => record.partner);
  const pokmas = (await store.listPokmas()).filter((group) => scope === undefined || group.bapasId === scope);
  const version = registryVersionLabel(await store.registryVersion());
  const name = `registry-${version}${scope === undefined ? '' : `-bapas-${scope}`}.${format}`;
  const headers = { 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' };
  if (format === 'csv') return c.body(registryToCsv(partners, pokmas), 200, { ...headers, 'Content-Type': 'text/csv; charset=utf-8' });
  return c.json({ pokmas, partners }, 200, headers);
};
