import type { Assessment, PreparedClient, ResolvedOptions } from '../context';
import type { ReasonDraft } from '../explain';
import type { FactorId } from '../schemas/options';

/** Everything a factor may look at: one client, one partner that passed the hard rules. */
export interface FactorInput {
  readonly client: PreparedClient;
  readonly assessment: Assessment;
  readonly options: ResolvedOptions;
}

/**
 * One scoring factor. `score` is pure and returns a value in [0, 1]; `explain` turns that
 * value into reasons. The ranker treats every factor alike.
 */
export interface Factor {
  readonly id: FactorId;
  score(input: FactorInput): number;
  explain(input: FactorInput, value: number): ReasonDraft[];
}
