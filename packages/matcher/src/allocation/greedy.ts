import { UNLIMITED, type TransportationProblem } from './problem';

/**
 * Best value first: each arc in turn, highest value first (then item, then arc order), taken
 * when its item is still unplaced and its partner has a place left. Used only if the exact
 * solver's answer ever failed its certificate; then the allocation says `optimal: false`.
 */
export function greedy(problem: TransportationProblem): Int32Array {
  const { items, capacity, arcStart, arcPartner, arcValue } = problem;
  const itemOf = new Int32Array(arcPartner.length);
  for (let i = 0; i < items; i++) itemOf.fill(i, arcStart[i]!, arcStart[i + 1]!);
  const order = Array.from({ length: arcPartner.length }, (_, a) => a).sort((a, b) => arcValue[b]! - arcValue[a]! || a - b);
  const left = Int32Array.from(capacity);
  const arcOf = new Int32Array(items).fill(-1);
  for (const a of order) {
    const i = itemOf[a]!;
    const p = arcPartner[a]!;
    if (arcOf[i] !== -1 || left[p] === 0) continue;
    arcOf[i] = a;
    if (left[p] !== UNLIMITED) left[p] = left[p]! - 1;
  }
  return arcOf;
}

/**
 * Places still-unplaced items on their first arc to a partner with a place left. On an optimal
 * allocation only arcs of value 0 can qualify (any other would raise the objective), so this
 * changes nothing but the number of needs served.
 */
export function fillFreePlaces(problem: TransportationProblem, arcOf: Int32Array): void {
  const { items, capacity, arcStart, arcPartner } = problem;
  const left = Int32Array.from(capacity);
  for (let i = 0; i < items; i++) {
    const a = arcOf[i]!;
    if (a === -1) continue;
    const p = arcPartner[a]!;
    if (left[p] !== UNLIMITED) left[p] = left[p]! - 1;
  }
  for (let i = 0; i < items; i++) {
    if (arcOf[i] !== -1) continue;
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      const p = arcPartner[a]!;
      if (left[p] === 0) continue;
      arcOf[i] = a;
      if (left[p] !== UNLIMITED) left[p] = left[p]! - 1;
      break;
    }
  }
}
