import { EXCLUSION_REASONS, type Exclusion } from '../schemas/result';
import type { PartnerIndex } from './build';

/** Exclusion counts by reason, and the partners behind them when asked for. */
export class Tally {
  readonly count = new Int32Array(EXCLUSION_REASONS.length);
  readonly ids: number[][] | undefined;

  constructor(explain: boolean) {
    this.ids = explain ? EXCLUSION_REASONS.map((): number[] => []) : undefined;
  }

  add(reason: number, partner: number): void {
    this.count[reason]!++;
    if (this.ids) this.ids[reason]!.push(partner);
  }

  exclusions(index: PartnerIndex): Exclusion[] {
    const excluded: Exclusion[] = [];
    EXCLUSION_REASONS.forEach((reason, r) => {
      const count = this.count[r]!;
      if (count === 0) return;
      const ids = this.ids?.[r];
      excluded.push(ids ? { reason, count, partnerIds: ids.map((p) => index.partners.at(index.order[p]!).id).sort() } : { reason, count });
    });
    return excluded;
  }
}
