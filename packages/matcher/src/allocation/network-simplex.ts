import { UNLIMITED, type TransportationProblem, type TransportationSolution } from './problem';

/*
 * Primal network simplex for the transportation problem, after the design of LEMON's
 * NetworkSimplex (Kiraly & Kovacs, "Efficient implementations of minimum-cost flow
 * algorithms", 2012): a strongly feasible spanning tree stored as parent / thread /
 * reverse-thread / subtree-size / last-successor arrays, block-search pivoting, and integer
 * costs throughout, so the optimum it stops at is exact.
 *
 * The network: node `i < items` per item (supply 1), node `items + p` per partner, and the
 * sink `T` (the tree root, demand `items`). Arcs: item -> partner (capacity 1, cost -value),
 * item -> T (the bypass: leaving a need unplaced costs 0) and partner -> T (capacity = free
 * places). The starting tree holds every bypass arc (each item unplaced) and every partner arc
 * (empty): feasible and strongly feasible, so no artificial arcs and no big-M phase are needed.
 */

const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
const DIR_UP = 1;
const DIR_DOWN = -1;
/** Stands for an unlimited arc capacity; no flow can come near it (total supply < 2^30). */
const INF = 0x3fffffff;

/**
 * Solves the problem to optimality. Runs in O(pivots x (block + tree path)) time: the pivot
 * count has no useful polynomial bound for the primal simplex, but on transportation problems
 * it stays a small multiple of the node count in practice (see docs/allocation.md).
 */
export function networkSimplex(problem: TransportationProblem): TransportationSolution {
  const { items, capacity, arcStart, arcPartner, arcValue } = problem;
  const partners = capacity.length;
  const pairArcs = arcPartner.length;
  const nodes = items + partners + 1;
  const root = nodes - 1;
  const arcs = pairArcs + items + partners;

  const source = new Int32Array(arcs);
  const target = new Int32Array(arcs);
  const cost = new Float64Array(arcs);
  const cap = new Int32Array(arcs);
  const flow = new Int32Array(arcs);
  const state = new Int8Array(arcs);

  const pi = new Float64Array(nodes);
  const parent = new Int32Array(nodes);
  const pred = new Int32Array(nodes);
  const thread = new Int32Array(nodes);
  const revThread = new Int32Array(nodes);
  const succNum = new Int32Array(nodes);
  const lastSucc = new Int32Array(nodes);
  const predDir = new Int8Array(nodes);
  const dirtyRevs = new Int32Array(nodes);

  for (let i = 0; i < items; i++) {
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      source[a] = i;
      target[a] = items + arcPartner[a]!;
      cost[a] = -arcValue[a]!;
      cap[a] = 1;
      state[a] = STATE_LOWER;
    }
  }
  for (let u = 0; u < root; u++) {
    const e = pairArcs + u; // the bypass arc of an item, or the arc of a partner
    source[e] = u;
    target[e] = root;
    const free = u < items ? UNLIMITED : capacity[u - items]!;
    cap[e] = free === UNLIMITED ? INF : free;
    flow[e] = u < items ? 1 : 0;
    state[e] = STATE_TREE;
    parent[u] = root;
    pred[u] = e;
    predDir[u] = DIR_UP;
    thread[u] = u + 1;
    revThread[u + 1] = u;
    succNum[u] = 1;
    lastSucc[u] = u;
  }
  parent[root] = -1;
  pred[root] = -1;
  thread[root] = root === 0 ? root : 0;
  revThread[0] = root;
  succNum[root] = nodes;
  lastSucc[root] = root === 0 ? root : root - 1;

  const blockSize = Math.max(10, Math.ceil(Math.sqrt(arcs)));
  let nextArc = 0;
  let inArc = -1;
  let join = -1;
  let uIn = -1;
  let vIn = -1;
  let uOut = -1;
  let delta = 0;
  let dirtyCount = 0;

  /** Block search: the most negative reduced cost within the first block that has one. */
  const findEnteringArc = (): boolean => {
    let min = 0;
    let count = blockSize;
    let e = nextArc;
    for (let seen = 0; seen < arcs; seen++) {
      const c = state[e]! * (cost[e]! + pi[source[e]!]! - pi[target[e]!]!);
      if (c < min) {
        min = c;
        inArc = e;
      }
      e = e + 1 === arcs ? 0 : e + 1;
      if (--count === 0) {
        if (min < 0) break;
        count = blockSize;
      }
    }
    nextArc = e;
    return min < 0;
  };

  const findJoinNode = (): void => {
    let u = source[inArc]!;
    let v = target[inArc]!;
    while (u !== v) {
      if (succNum[u]! < succNum[v]!) u = parent[u]!;
      else v = parent[v]!;
    }
    join = u;
  };

  /** The blocking arc met last when going round the cycle from the join node (strong feasibility). */
  const findLeavingArc = (): boolean => {
    let first: number;
    let second: number;
    if (state[inArc] === STATE_LOWER) {
      first = source[inArc]!;
      second = target[inArc]!;
    } else {
      first = target[inArc]!;
      second = source[inArc]!;
    }
    delta = cap[inArc]!;
    let result = 0;
    for (let u = first; u !== join; u = parent[u]!) {
      const e = pred[u]!;
      const d = predDir[u] === DIR_DOWN ? cap[e]! - flow[e]! : flow[e]!;
      if (d < delta) {
        delta = d;
        uOut = u;
        result = 1;
      }
    }
    for (let u = second; u !== join; u = parent[u]!) {
      const e = pred[u]!;
      const d = predDir[u] === DIR_UP ? cap[e]! - flow[e]! : flow[e]!;
      if (d <= delta) {
        delta = d;
        uOut = u;
        result = 2;
      }
    }
    if (result === 1) {
      uIn = first;
      vIn = second;
    } else {
      uIn = second;
      vIn = first;
    }
    return result !== 0;
  };

  const changeFlow = (change: boolean): void => {
    if (delta > 0) {
      const val = state[inArc]! * delta;
      flow[inArc] = flow[inArc]! + val;
      for (let u = source[inArc]!; u !== join; u = parent[u]!) flow[pred[u]!] = flow[pred[u]!]! - predDir[u]! * val;
      for (let u = target[inArc]!; u !== join; u = parent[u]!) flow[pred[u]!] = flow[pred[u]!]! + predDir[u]! * val;
    }
    if (change) {
      state[inArc] = STATE_TREE;
      state[pred[uOut]!] = flow[pred[uOut]!] === 0 ? STATE_LOWER : STATE_UPPER;
    } else {
      state[inArc] = -state[inArc]!;
    }
  };

  /** Re-hangs the subtree below the leaving arc from the entering arc (LEMON's updateTreeStructure). */
  const updateTreeStructure = (): void => {
    const oldRevThread = revThread[uOut]!;
    const oldSuccNum = succNum[uOut]!;
    const oldLastSucc = lastSucc[uOut]!;
    const vOut = parent[uOut]!;

    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc]!;
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn]!;
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc]! : thread[vIn]!;
      let stem = uIn;
      let parStem = vIn;
      let last = lastSucc[uIn]!;
      let after = thread[last]!;
      thread[vIn] = uIn;
      dirtyCount = 0;
      dirtyRevs[dirtyCount++] = vIn;
      while (stem !== uOut) {
        const nextStem = parent[stem]!;
        thread[last] = nextStem;
        dirtyRevs[dirtyCount++] = last;
        const before = revThread[stem]!;
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parStem;
        parStem = stem;
        stem = nextStem;
        last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem]! : lastSucc[stem]!;
        after = thread[last]!;
      }
      parent[uOut] = parStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (let k = 0; k < dirtyCount; k++) {
        const u = dirtyRevs[k]!;
        revThread[thread[u]!] = u;
      }
      let tmpSc = 0;
      const tmpLs = lastSucc[uOut]!;
      for (let u = uOut, p = parent[u]!; u !== uIn; u = p, p = parent[u]!) {
        pred[u] = pred[p]!;
        predDir[u] = -predDir[p]!;
        tmpSc += succNum[u]! - succNum[p]!;
        succNum[u] = tmpSc;
        lastSucc[p] = tmpLs;
      }
      pred[uIn] = inArc;
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
      succNum[uIn] = oldSuccNum;
    }

    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut]!;
    for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]!) lastSucc[u] = lastSuccOut;
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = oldRevThread;
    } else if (lastSuccOut !== oldLastSucc) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = lastSuccOut;
    }
    for (let u = vIn; u !== join; u = parent[u]!) succNum[u] = succNum[u]! + oldSuccNum;
    for (let u = vOut; u !== join; u = parent[u]!) succNum[u] = succNum[u]! - oldSuccNum;
  };

  /** Shifts the potentials of the re-hung subtree so the entering arc has reduced cost 0. */
  const updatePotential = (): void => {
    const sigma = pi[vIn]! - pi[uIn]! - predDir[uIn]! * cost[inArc]!;
    const end = thread[lastSucc[uIn]!]!;
    for (let u = uIn; u !== end; u = thread[u]!) pi[u] = pi[u]! + sigma;
  };

  let iterations = 0;
  if (pairArcs > 0) {
    while (findEnteringArc()) {
      findJoinNode();
      const change = findLeavingArc();
      changeFlow(change);
      if (change) {
        updateTreeStructure();
        updatePotential();
      }
      iterations++;
    }
  }

  const arcOf = new Int32Array(items).fill(-1);
  for (let i = 0; i < items; i++) {
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      if (flow[a] === 1) arcOf[i] = a;
    }
  }
  // In LEMON's convention a tree arc has cost + pi[source] - pi[target] = 0 and pi[T] = 0, so
  // a full partner's arc to T has pi <= 0: the price of one of its places is -pi.
  const partnerPrice = new Float64Array(partners);
  for (let p = 0; p < partners; p++) partnerPrice[p] = Math.max(0, -pi[items + p]!);
  return { arcOf, partnerPrice, iterations };
}
