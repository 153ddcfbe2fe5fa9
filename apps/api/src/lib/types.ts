import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { Directory, Pokmas } from '@pokmas/directory';
import type { Matcher, Partner } from '@pokmas/matcher';
import type { Store } from '@pokmas/store';
import type { LiveRegistry } from '../store/live-registry';
import type { Workers } from '../workers/pool';
import type { Principal } from './access';
import type { Session } from './sessions';
import type { PartnerSummary } from './schemas';

/**
 * One registry as the app serves it: the partners, validated and indexed once. A request
 * reads the registry snapshotted at its start (`c.var.registry`), so a reload never changes
 * the registry under a request in flight.
 */
export interface LoadedRegistry {
  /** Changes whenever the registry's content changes. */
  version: string;
  /** Where it was read from (a file path, or the demo registry). */
  source: string;
  partners: readonly Partner[];
  pokmas: readonly Pokmas[];
  matcher: Matcher;
  byId: ReadonlyMap<string, Partner>;
  /** Each partner's summary, as recommendations and allocations show it, built once per registry. */
  summaries: ReadonlyMap<string, PartnerSummary>;
  /** The POKMAS by id, so a page names a partner's group without scanning the list. */
  pokmasById: ReadonlyMap<string, Pokmas>;
}

export interface AppBindings {
  Variables: {
    registry: LoadedRegistry;
    /** The registry served as it follows the store: a write awaits `live.catchUp` before it answers. */
    live: LiveRegistry;
    store: Store;
    /** Who is asking (lib/access.ts); every route that limits access calls `authorize`. */
    principal: Principal;
    /** The page session, on pages a signed-in browser asks for. */
    session?: Session;
    directory: Directory;
    /** Where allocations and coverage run, off the event loop when the server has a pool. */
    workers: Workers;
    requestId: string;
    /** What referrals need of the app: its settings and its clock (tests move it). */
    referrals: { readonly expiryDays: number; readonly now: () => number };
  };
}

/** A handler typed from its route definition: its input, and the responses it may give. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppBindings>;
