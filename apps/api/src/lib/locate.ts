import { DirectoryError, type Directory, type ResolvedLocation } from '@pokmas/directory';
import type { Client } from '@pokmas/matcher';
import { ProblemError, summarise, toIssues, type ProblemIssue } from './problem';

/** The fields a client is placed by; the page passes a form that the schema refused, to report every fault at once. */
export type Locatable = Pick<Client, 'location' | 'regencyCode' | 'bapasId'>;

/** A client with the point the matcher measures from, and where that point came from. */
export interface LocatedClient<C extends Locatable = Client> {
  client: C;
  location: { source: ResolvedLocation['source']; regencyCode?: string };
}

/**
 * Places a client the way a counsellor gives them: `location` (lat/lon), else the regency's
 * point, else the seat of the Bapas. The client keeps its fields; `location` becomes the point
 * resolved and `regencyCode` the regency given (or the Bapas's, when located at its seat).
 *
 * @throws DirectoryError for an unknown regency or Bapas, or no location at all; `app.onError`
 * answers it 422 at `client.<field>`.
 */
export function locateClient<C extends Locatable>(directory: Directory, client: C): LocatedClient<C> {
  const resolved = directory.resolveLocation({
    ...(client.location ? { location: client.location } : {}),
    ...(client.regencyCode ? { regencyCode: client.regencyCode } : {}),
    ...(client.bapasId ? { bapasId: client.bapasId } : {}),
  });
  const regencyCode = resolved.regencyCode ? { regencyCode: resolved.regencyCode } : {};
  return { client: { ...client, location: resolved.location, ...regencyCode }, location: { source: resolved.source, ...regencyCode } };
}

/**
 * Places every client of a cohort with {@link locateClient}. Every client the directory cannot
 * place is reported, not only the first: a 422 with an issue at `clients.<i>.<field>` for each.
 */
export function locateClients(directory: Directory, clients: readonly Client[]): LocatedClient[] {
  const located: LocatedClient[] = [];
  const issues: ProblemIssue[] = [];
  clients.forEach((client, index) => {
    try {
      located.push(locateClient(directory, client));
    } catch (error) {
      if (!(error instanceof DirectoryError)) throw error;
      issues.push(...toIssues([{ path: [error.field], message: error.message, code: error.code }], ['clients', index]));
    }
  });
  if (issues.length > 0) throw new ProblemError('validation', `Some clients cannot be located: ${summarise(issues)}`, { issues });
  return located;
}
