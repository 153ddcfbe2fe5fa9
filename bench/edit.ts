// One partner edit made visible: at 100,000 partners, a chain of edits as the API applies them
// (each `withPartners` on the matcher the last one gave), every one timed from the edit to the
// first answer of the matcher that holds it, beside a full createMatcher of the same registry.
// Then the matcher after every edit is checked against a fresh build (the same top 10, ids and
// scores, for every query) and both are timed on the same queries, in rounds that alternate
// which goes first, so that what the edits cost later queries is a ratio of the same run.
import { createMatcher, type Client, type Matcher, type Partner } from '@pokmas/matcher';
import { checkSameAnswers } from './kernel';
import { formatNumber } from './report';
import { goal, type Goal, type Section, type SectionOptions } from './section';
import { median, percentile, time } from './stats';
import { generateClients, generatePartners, loadSeats, mulberry32 } from './workload';

export interface EditPlan {
  readonly partners: number;
  /** Edits of each kind, made in turn (capacity, move, services, retire, new partner). */
  readonly perKind: number;
  /** Full createMatcher builds timed, for the comparison. */
  readonly builds: number;
  readonly queries: number;
  /** Rounds of every query on the edited matcher and on the fresh build (even). */
  readonly rounds: number;
}

export const EDIT_PLAN: EditPlan = { partners: 100_000, perKind: 20, builds: 3, queries: 200, rounds: 10 };
// Quick still edits at the goal's size: an edit costs milliseconds, the builds are what take time.
export const QUICK_EDIT_PLAN: EditPlan = { partners: 100_000, perKind: 20, builds: 1, queries: 50, rounds: 4 };

export const EDIT_GOAL_SIZE = 100_000;
export const EDIT_KINDS = ['capacity', 'move', 'services', 'retire', 'new partner'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export interface EditKindFigures {
  readonly kind: EditKind;
  readonly edits: number;
  /** `withPartners` alone, ms. */
  readonly editMedianMs: number;
  /** `withPartners` and the new matcher's first recommendation, ms: the edit made visible. */
  readonly visibleMedianMs: number;
  readonly visibleP95Ms: number;
}

export interface EditFigures {
  readonly plan: EditPlan;
  readonly kinds: readonly EditKindFigures[];
  /** Over every edit of every kind. */
  readonly visibleMedianMs: number;
  readonly visibleP95Ms: number;
  /** createMatcher over the final registry, median of `plan.builds`. */
  readonly buildMs: number;
  readonly editsSinceBuild: number;
  /** Per-query medians, µs: the matcher after every edit, and a fresh build of the same partners. */
  readonly editedMedianUs: number;
  readonly freshMedianUs: number;
  /** Edited over fresh: above 1 when the edits made queries slower. */
  readonly recommendRatio: number;
}

/**
 * The `at`-th edit of a kind, of the partner `target` in `partners`: drawn from `random`, in the
 * shapes the workload gives (a capacity, another partner's place and offerings, a copy of one
 * under a new id that ranks between the others).
 */
function editOf(kind: EditKind, partners: readonly Partner[], random: () => number, at: number): Partner {
  const pick = () => partners[Math.floor(random() * partners.length)]!;
  const target = pick();
  switch (kind) {
    case 'capacity': {
      const total = 1 + Math.floor(random() * 30);
      return { ...target, capacity: { total, used: Math.floor(random() * total) } };
    }
    case 'move': {
      const { location } = pick();
      return location ? { ...target, location } : target;
    }
    case 'services':
      return { ...target, offerings: pick().offerings };
    case 'retire':
      return { ...target, active: target.active === false };
    case 'new partner':
      return { ...pick(), id: `${target.id}n${at}` };
  }
}

/** Applies `changed` to `partners` as `withPartners` does: in place, or after the last. */
function applied(partners: Partner[], places: Map<string, number>, changed: Partner): void {
  const place = places.get(changed.id);
  if (place !== undefined) partners[place] = changed;
  else {
    places.set(changed.id, partners.length);
    partners.push(changed);
  }
}

/** Times `plan`'s edits, builds and queries over the workload's registry. */
export async function measureEdits(plan: EditPlan, options: SectionOptions): Promise<EditFigures> {
  const seats = await loadSeats();
  const partners = generatePartners(plan.partners, seats);
  const clients = generateClients(plan.queries, seats);
  const places = new Map(partners.map((partner, place) => [partner.id, place]));
  let matcher: Matcher = createMatcher(partners);
  matcher.recommend(clients[0]!); // warm-up
  const random = mulberry32(1307);
  const byKind = new Map<EditKind, { edit: number[]; visible: number[] }>(EDIT_KINDS.map((kind) => [kind, { edit: [], visible: [] }]));

  options.log(`edit: ${formatNumber(plan.partners)} partners: ${plan.perKind * EDIT_KINDS.length} edits`);
  let sink = 0;
  for (let at = 0; at < plan.perKind; at++) {
    for (const kind of EDIT_KINDS) {
      const changed = editOf(kind, partners, random, at);
      const client = clients[(at * EDIT_KINDS.length + EDIT_KINDS.indexOf(kind)) % clients.length]!;
      const start = performance.now();
      const next = matcher.withPartners([changed]);
      const edited = performance.now();
      sink += next.recommend(client).matches.length;
      const end = performance.now();
      byKind.get(kind)!.edit.push(edited - start);
      byKind.get(kind)!.visible.push(end - start);
      matcher = next;
      applied(partners, places, changed);
    }
  }

  const builds: number[] = [];
  let fresh: Matcher | undefined;
  for (let build = 0; build < plan.builds; build++) {
    const [built, ms] = time(() => createMatcher(partners));
    builds.push(ms);
    fresh = built;
  }
  const edited = matcher;
  options.log(`edit: checking ${clients.length} queries on the edited matcher against a fresh build`);
  const ranked = (on: Matcher) => (client: Client) => on.recommend(client).matches.map(({ partnerId, score }) => ({ partnerId, score }));
  checkSameAnswers(plan.partners, clients, ranked(edited), ranked(fresh!));

  const editedTimes: number[] = [];
  const freshTimes: number[] = [];
  const timeAll = (on: Matcher, into: number[]) => {
    for (const client of clients) {
      const [result, ms] = time(() => on.recommend(client));
      sink += result.matches.length;
      into.push(ms);
    }
  };
  for (let round = 0; round < plan.rounds; round++) {
    if (round % 2 === 0) {
      timeAll(edited, editedTimes);
      timeAll(fresh!, freshTimes);
    } else {
      timeAll(fresh!, freshTimes);
      timeAll(edited, editedTimes);
    }
  }
  if (sink < 0) throw new Error('unreachable'); // keeps the results alive

  const visible = [...byKind.values()].flatMap((times) => times.visible);
  return {
    plan,
    kinds: EDIT_KINDS.map((kind) => {
      const times = byKind.get(kind)!;
      return {
        kind,
        edits: times.visible.length,
        editMedianMs: median(times.edit),
        visibleMedianMs: median(times.visible),
        visibleP95Ms: percentile(times.visible, 95),
      };
    }),
    visibleMedianMs: median(visible),
    visibleP95Ms: percentile(visible, 95),
    buildMs: median(builds),
    editsSinceBuild: edited.editsSinceBuild,
    editedMedianUs: median(editedTimes) * 1_000,
    freshMedianUs: median(freshTimes) * 1_000,
    recommendRatio: median(editedTimes) / median(freshTimes),
  };
}

/** The goal (an edit visible within 50 ms, at p95) and the edited matcher's query time beside a fresh build's. */
export function editGoals(figures: EditFigures): Goal[] {
  const short = figures.plan.partners !== EDIT_GOAL_SIZE;
  const at = short ? ` (measured at ${formatNumber(figures.plan.partners)}: a short run)` : '';
  const n = formatNumber(EDIT_GOAL_SIZE);
  return [
    goal(
      {
        id: 'edit-visible',
        text: `edit visible at ${n} partners: p95 from the edit to its first answer${at}`,
        unit: 'ms',
        kind: 'max',
        limit: 50,
      },
      figures.visibleP95Ms,
      {
        shortRun: short,
        beside: `median ${formatNumber(figures.visibleMedianMs, 1)} ms; a full createMatcher: ${formatNumber(figures.buildMs)} ms`,
      },
    ),
    goal(
      {
        id: 'edit-recommend-ratio',
        text: `recommend after ${figures.editsSinceBuild} edits at ${n} partners: median over a fresh build's${at}`,
        unit: 'x',
        kind: 'max',
        limit: 1.1,
      },
      figures.recommendRatio,
      {
        shortRun: short,
        beside: `edited: ${formatNumber(figures.editedMedianUs, 1)} us, fresh: ${formatNumber(figures.freshMedianUs, 1)} us`,
      },
    ),
  ];
}

export function editTable(figures: EditFigures): Pick<Section, 'headers' | 'rows'> {
  return {
    headers: ['edit', 'edits', 'withPartners median', 'visible median', 'visible p95'],
    rows: [
      ...figures.kinds.map((kind) => [
        kind.kind,
        String(kind.edits),
        `${formatNumber(kind.editMedianMs, 2)} ms`,
        `${formatNumber(kind.visibleMedianMs, 2)} ms`,
        `${formatNumber(kind.visibleP95Ms, 2)} ms`,
      ]),
      [
        'every edit',
        String(figures.kinds.reduce((sum, kind) => sum + kind.edits, 0)),
        '',
        `${formatNumber(figures.visibleMedianMs, 2)} ms`,
        `${formatNumber(figures.visibleP95Ms, 2)} ms`,
      ],
      ['full createMatcher', String(figures.plan.builds), `${formatNumber(figures.buildMs)} ms`, '', ''],
    ],
  };
}

export async function editSection(options: SectionOptions): Promise<Section> {
  const figures = await measureEdits(options.quick ? QUICK_EDIT_PLAN : EDIT_PLAN, options);
  return {
    id: 'edit',
    title: `Edits: Matcher.withPartners, one partner at a time at ${formatNumber(figures.plan.partners)} partners, beside a full createMatcher`,
    ...editTable(figures),
    figures,
    goals: editGoals(figures),
    tables: [
      {
        title: `recommend after ${figures.editsSinceBuild} edits beside a fresh build of the same partners (${figures.plan.queries} queries x ${figures.plan.rounds} rounds)`,
        headers: ['matcher', 'median per query', 'edited / fresh'],
        rows: [
          ['after the edits', `${formatNumber(figures.editedMedianUs, 1)} us`, `${formatNumber(figures.recommendRatio, 3)}x`],
          ['fresh createMatcher', `${formatNumber(figures.freshMedianUs, 1)} us`, ''],
        ],
      },
    ],
  };
}
