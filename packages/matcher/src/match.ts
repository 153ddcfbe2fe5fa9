import type { Assessment } from './context';
import { describe, pairReasons } from './explain';
import { FACTORS, type ExplainInput, type Pair } from './factors';
import type { ReasonDraft } from './schemas/reasons';
import type { Match } from './schemas/result';

/** The numbers the factors read of an assessed pair. */
export function pairOf(assessment: Assessment): Pair {
  let met = 0;
  for (const need of assessment.covered) met += need.priority;
  return { distanceKm: assessment.distanceKm ?? Number.NaN, met };
}

/**
 * A match as the caller sees it, from what was computed for it: the assessment, each factor's
 * value (in the factors' order) and the score. The plain scorer and the index both end here.
 */
export function explainMatch(input: ExplainInput, values: ArrayLike<number>, at: number, score: number): Match {
  const { assessment, client, options } = input;
  // Loops, not flatMap: this runs for every match an answer carries, and flatMap is slow in V8.
  const drafts: ReasonDraft[] = [];
  const factors: Match['factors'] = [];
  for (let f = 0; f < FACTORS.length; f++) {
    const factor = FACTORS[f]!;
    const value = values[at + f]!;
    for (const draft of factor.explain(input, value)) drafts.push(draft);
    const weight = options.weights[factor.id];
    factors.push({ id: factor.id, value, weight, contribution: value * weight });
  }
  for (const draft of pairReasons(client.client)) drafts.push(draft);
  // Each draft is a fresh object of the factor's own: its sentence is written into it, not into a copy.
  const reasons = drafts as unknown as Match['reasons'];
  for (const draft of drafts) describe(draft, options.lang);
  return {
    partnerId: assessment.prepared.partner.id,
    score,
    distanceKm: assessment.distanceKm === null ? null : Math.round(assessment.distanceKm * 100) / 100,
    // The assessment was made for this match alone: its lists become the match's own.
    covered: assessment.covered,
    missing: assessment.missing,
    factors,
    reasons,
  };
}
