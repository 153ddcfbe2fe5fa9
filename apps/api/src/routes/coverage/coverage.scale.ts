import type { PlaceCoverage } from '@pokmas/matcher';

/**
 * From gaps to full coverage: saturated red through orange to a pale grey-green, so that the
 * places missing most stand out and the fully covered recede. Ordered in lightness, so the order
 * reads in grey and with every kind of colour blindness; every dot has a dark outline.
 */
export const RAMP = ['#a50f15', '#de2d26', '#f46d43', '#fdae61', '#e3ebe0'] as const;

/**
 * The lower bounds of the colour steps. Finer near the top, where the programme's aim is: with
 * sixteen services, 90% is one gap and 75% four.
 */
export const STEP_FLOORS = [0, 0.5, 0.75, 0.9, 1] as const;

/** The words of each step, the same in every language. */
export const STEP_LABELS = ['< 50%', '50–74%', '75–89%', '90–99%', '100%'] as const;

/** The colour step of a share of services covered. */
export function stepOf(share: number): number {
  let step = 0;
  STEP_FLOORS.forEach((floor, index) => {
    if (share >= floor) step = index;
  });
  return step;
}

/** One step of the legend: its colour, its words and how many places it holds. */
export interface LegendStep {
  readonly colour: string;
  readonly label: string;
  readonly count: number;
}

/** The legend of some places, worst first: the map's and the page's. */
export function legendOf(places: readonly Pick<PlaceCoverage, 'share'>[]): LegendStep[] {
  const counts = RAMP.map(() => 0);
  for (const place of places) counts[stepOf(place.share)]! += 1;
  return RAMP.map((colour, step) => ({ colour, label: STEP_LABELS[step]!, count: counts[step]! }));
}
