import type { Client } from './schemas/client';
import type { Location } from './schemas/common';
import type { FactorId } from './factors';
import type { Offering, Partner } from './schemas/partner';
import type { CoveredNeed, MissingNeed } from './schemas/result';
import type { Lang, ModeId, ServiceId } from './taxonomy';
import type { Priority } from './schemas/client';

/** Options with every default filled in and the weights normalised to add up to 1. */
export interface ResolvedOptions {
  readonly limit: number;
  readonly weights: Readonly<Record<FactorId, number>>;
  readonly proximity: {
    readonly scaleKm: number;
    readonly offsetKm: number;
    readonly decay: number;
    readonly sameRegency: number;
    readonly sameProvince: number;
  };
  readonly defaultServiceRadiusKm: number;
  readonly lang: Lang;
  readonly explainExclusions: boolean;
}

/** A partner with what every query needs looked up once. */
export interface PreparedPartner {
  readonly partner: Partner;
  /** Its row in the prepared registry's columns (see `PreparedRegistry`); -1 when prepared alone. */
  readonly row: number;
  readonly offerings: ReadonlyMap<ServiceId, Offering>;
  /** Free places, or null for a partner without a capacity (unlimited). */
  readonly freePlaces: number | null;
}

export interface PreparedNeed {
  readonly service: ServiceId;
  readonly priority: Priority;
}

/** A client with defaults filled in. */
export interface PreparedClient {
  readonly client: Client;
  readonly location: Location | undefined;
  readonly needs: readonly PreparedNeed[];
  /** Sum of the needs' priorities: the denominator of need coverage. */
  readonly needWeight: number;
  readonly modes: ReadonlySet<ModeId>;
}

/** What the hard rules found for one partner that meets at least one need. */
export interface Assessment {
  readonly prepared: PreparedPartner;
  readonly distanceKm: number | null;
  /** Made for one pair: a match takes these lists as its own. */
  readonly covered: CoveredNeed[];
  readonly missing: MissingNeed[];
}
