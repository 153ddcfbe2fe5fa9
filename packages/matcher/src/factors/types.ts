import type { Assessment, PreparedClient, PreparedPartner, ResolvedOptions } from '../context';
import type { ReasonCode, ReasonDraftOf, ReasonParams } from '../schemas/reasons';
import type { Label, Lang } from '../taxonomy';

/** What one client and one partner that passed the hard rules share, as numbers. */
export interface Pair {
  /** Great-circle km between them; NaN when either has no coordinates. */
  distanceKm: number;
  /** The priorities of the client's needs the partner meets, summed. */
  met: number;
}

/**
 * What a factor keeps of each partner: one number, read once when the partners are prepared
 * or indexed, never at query time.
 * - `number`: a value of the factor's own, stored as a double (NaN for none);
 * - `integer`: a whole number from -2^31 to 2^31 - 1 (-1 for none, by the factor's own convention);
 * - `key`: a text the partners share (a Bapas, a set of languages); keys are numbered from 1
 *   by the registry's {@link KeyTable}, 0 standing for none, so a column is a small integer
 *   and a query compares numbers.
 */
export type Column =
  | { readonly kind: 'none' }
  | { readonly kind: 'number'; of(partner: PreparedPartner): number }
  | { readonly kind: 'integer'; of(partner: PreparedPartner): number }
  | { readonly kind: 'key'; of(partner: PreparedPartner): string | undefined };

/** The keys of one factor's column, as the partners gave them: key `n` is `keys[n - 1]`. */
export interface KeyTable {
  readonly keys: readonly string[];
  /** A key's number, or 0 when no partner has it. */
  find(key: string | undefined): number;
}

/** What a factor's reasons are drawn from: the pair as the hard rules left it. */
export interface ExplainInput {
  readonly client: PreparedClient;
  readonly assessment: Assessment;
  readonly options: ResolvedOptions;
}

/** A sentence per language for each reason code, reading only the parameters its code carries. */
export type Templates<C extends ReasonCode> = {
  readonly [K in C]: Readonly<Record<Lang, (params: ReasonParams<K>, lang: Lang) => string>>;
};

/**
 * One scoring factor, whole: what it keeps of each partner (`column`), what it works out once
 * per query (`prepare`), its value for a pair (`value`, pure, in [0, 1]), a bound of that value
 * over every partner (`upper`, for the index's cut), its reasons and their sentences. The plain
 * scorer and the index both loop over the factor list and call these; neither names a factor.
 *
 * `value` must never increase with `pair.distanceKm` nor decrease with `pair.met`, and
 * `upper(q, pair)` must be at least `value(q, c, pair)` for every column `c`: the index scores a
 * far partner only when a bound built from these could still enter the top.
 */
export interface Factor<Id extends string = string, Q = unknown, C extends ReasonCode = ReasonCode> {
  readonly id: Id;
  /** The factor's name, as the page shows it. */
  readonly label: Label;
  /** Its weight when the caller sets none; weights are relative (divided by their sum). */
  readonly defaultWeight: number;
  readonly column: Column;
  prepare(client: PreparedClient, options: ResolvedOptions, keys: KeyTable): Q;
  value(query: Q, column: number, pair: Pair): number;
  upper(query: Q, pair: Pair): number;
  /**
   * The value of every pair, when the query alone settles it (a client who lists no language),
   * else undefined: a score then adds it once instead of asking each partner.
   */
  fixed?(query: Q): number | undefined;
  /** The pair's reasons, as new objects on every call: each becomes a match's reason, its sentence written into it. */
  explain(input: ExplainInput, value: number): ReasonDraftOf<C>[];
  readonly templates: Templates<C>;
}

/** Declares a factor, keeping its literal id and its reason codes in the type. */
export const defineFactor = <const Id extends string, Q, C extends ReasonCode>(factor: Factor<Id, Q, C>): Factor<Id, Q, C> => factor;

/** A factor that keeps nothing of a partner. */
export const NO_COLUMN: Column = { kind: 'none' };
