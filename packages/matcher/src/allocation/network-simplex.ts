import { UNLIMITED, type TransportationProblem, type TransportationSolution } from './problem';

/*
 * Primal network simplex for the transportation problem. The reference followed, step for step,
 * is LEMON's NetworkSimplex (lemon/network_simplex.h; Kiraly & Kovacs, "Efficient
 * implementations of minimum-cost flow algorithms", Acta Univ. Sapientiae, Informatica 4(1),
 * 2012) with its default pivot rule, block search. The tree vocabulary (thread, apex, strongly
 * feasible tree, the leaving-arc rule) is that of Ahuja, Magnanti & Orlin, "Network Flows"
 * (1993), chapter 11. LEMON's names are given beside ours where they differ, so that the two
 * read side by side.
 *
 * The network: node `i < items` per item (supply 1), node `items + p` per partner, and the
 * sink `T` (the tree root, demand `items`). Arcs: item -> partner (capacity 1, cost -value),
 * item -> T (the bypass: leaving a need unplaced costs 0) and partner -> T (capacity = free
 * places). The starting tree holds every bypass arc (each item unplaced) and every partner arc
 * (empty): feasible and strongly feasible, so no artificial arcs and no big-M phase are needed.
 */

/** A non-tree arc at its upper bound: only pushing flow back can lower the cost (LEMON's STATE_UPPER). */
const AT_UPPER = -1;
/** A basic arc, on the spanning tree: its reduced cost is 0 (LEMON's STATE_TREE). */
const IN_TREE = 0;
/** A non-tree arc at its lower bound (no flow): only pushing flow on it can lower the cost (LEMON's STATE_LOWER). */
const AT_LOWER = 1;
/** A node's parent arc runs from the node up to its parent (LEMON's DIR_UP). */
const UP = 1;
/** A node's parent arc runs from its parent down to the node (LEMON's DIR_DOWN). */
const DOWN = -1;
/** Stands for an unlimited arc capacity; no flow can come near it (total supply < 2^30). */
const INF = 0x3fffffff;

/**
 * Solves the problem to optimality. Runs in O(pivots x (block + tree path)) time: the pivot
 * count has no useful polynomial bound for the primal simplex, but on transportation problems
 * it stays a small multiple of the node count in practice (see docs/allocation.md).
 */
export function networkSimplex(problem: TransportationProblem): TransportationSolution {
  return new NetworkSimplex(problem).solve();
}

/**
 * One solve of one problem: the fields hold the network, the current basis (a spanning tree and
 * the flow on it) and the pivot in progress, as LEMON's class does; each method is one step of
 * LEMON's pivot loop, under its name.
 */
export class NetworkSimplex {
  // The network, fixed once built.

  /** The item, partner and sink nodes, and the sink's index: the tree's root (LEMON adds an artificial root; the sink serves). */
  private readonly nodeCount: number;
  private readonly root: number;
  /** Eligible pairs first, then one bypass arc per item, then one arc per partner to the sink. */
  private readonly arcCount: number;
  private readonly items: number;
  private readonly partners: number;
  private readonly pairArcs: number;
  private readonly source: Int32Array;
  private readonly target: Int32Array;
  /** Per unit of flow: minus the pair's value, as the simplex minimises; 0 on bypass and partner arcs. */
  private readonly cost: Float64Array;
  /** Upper bound of each arc's flow (all lower bounds are 0, so LEMON's lower-bound shift is not needed). */
  private readonly capacity: Int32Array;

  // The basis: a feasible flow and the spanning tree of arcs strictly between their bounds.

  private readonly flow: Int32Array;
  /** AT_LOWER, IN_TREE or AT_UPPER; times the reduced cost, negative exactly when the arc may enter. */
  private readonly state: Int8Array;
  /** The node's parent in the tree rooted at the sink; -1 at the root. */
  private readonly parent: Int32Array;
  /** The arc joining a node to its parent (LEMON's `_pred`): walking parents walks the tree's arcs. */
  private readonly parentArc: Int32Array;
  /** UP or DOWN (LEMON's `_pred_dir`): the sign with which flow sent towards the root crosses the parent arc. */
  private readonly parentArcDirection: Int8Array;
  /** The next node in a preorder walk of the tree (AMO's thread): a subtree is one contiguous run of it. */
  private readonly thread: Int32Array;
  /** The node before in that walk (LEMON's `_rev_thread`), so a run can be cut out of the thread in O(1). */
  private readonly reverseThread: Int32Array;
  /** Nodes in the node's subtree, itself included (LEMON's `_succ_num`): guides the join search up the shorter side. */
  private readonly subtreeSize: Int32Array;
  /** The last node of the node's subtree in thread order (LEMON's `_last_succ`): where its run ends. */
  private readonly lastDescendant: Int32Array;
  /** Node potentials (the duals, LEMON's `_pi`): every tree arc has cost + potential[source] - potential[target] = 0. */
  private readonly potential: Float64Array;
  /** Scratch for updateTreeStructure (LEMON's `_dirty_revs`): nodes whose thread successor's reverse link is stale. */
  private readonly dirtyReverseThreads: Int32Array;

  // Block search (LEMON's BlockSearchPivotRule).

  /**
   * Arcs examined per block: ceil(sqrt(m)) and at least 10. LEMON's default is sqrt(m) rounded
   * down (BLOCK_SIZE_FACTOR 1) and at least 10 (MIN_BLOCK_SIZE); rounding up only moves the
   * block boundaries.
   */
  private readonly blockSize: number;
  /** Where the next search resumes (LEMON's `_next_arc`): wrapping round spreads the pivots over all arcs. */
  private nextArc = 0;

  // The pivot in progress, set by one step and read by the next.

  /** The arc entering the tree (LEMON's `in_arc`). */
  private enteringArc = -1;
  /** The apex of the cycle the entering arc closes (LEMON's `join`): the two tree paths meet there. */
  private joinNode = -1;
  /** The end of the entering arc in the subtree that the leaving arc cuts off (LEMON's `u_in`): it becomes that subtree's root. */
  private enteringChild = -1;
  /** The entering arc's other end (LEMON's `v_in`): the cut-off subtree's new parent. */
  private enteringParent = -1;
  /** The child end of the leaving arc (LEMON's `u_out`): the leaving arc is its parent arc. */
  private leavingChild = -1;
  /** The flow sent round the cycle (LEMON's `delta`): the least residual capacity on it; 0 on a degenerate pivot. */
  private augmentation = 0;
  /** Pivots made: the solver's unit of work, reported in the stats. */
  private iterations = 0;

  /** Builds the network and LEMON's starting tree (its `init`), here every non-sink node hung straight from the sink. */
  constructor(problem: TransportationProblem) {
    const { items, capacity: places, arcStart, arcPartner, arcValue } = problem;
    this.items = items;
    this.partners = places.length;
    this.pairArcs = arcPartner.length;
    this.nodeCount = items + this.partners + 1;
    this.root = this.nodeCount - 1;
    this.arcCount = this.pairArcs + items + this.partners;
    const { nodeCount, root, arcCount, pairArcs } = this;

    const source = (this.source = new Int32Array(arcCount));
    const target = (this.target = new Int32Array(arcCount));
    const cost = (this.cost = new Float64Array(arcCount));
    const capacity = (this.capacity = new Int32Array(arcCount));
    const flow = (this.flow = new Int32Array(arcCount));
    const state = (this.state = new Int8Array(arcCount));
    this.potential = new Float64Array(nodeCount);
    const parent = (this.parent = new Int32Array(nodeCount));
    const parentArc = (this.parentArc = new Int32Array(nodeCount));
    const thread = (this.thread = new Int32Array(nodeCount));
    const reverseThread = (this.reverseThread = new Int32Array(nodeCount));
    const subtreeSize = (this.subtreeSize = new Int32Array(nodeCount));
    const lastDescendant = (this.lastDescendant = new Int32Array(nodeCount));
    const parentArcDirection = (this.parentArcDirection = new Int8Array(nodeCount));
    this.dirtyReverseThreads = new Int32Array(nodeCount);

    for (let i = 0; i < items; i++) {
      for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
        source[a] = i;
        target[a] = items + arcPartner[a]!;
        cost[a] = -arcValue[a]!;
        capacity[a] = 1;
        state[a] = AT_LOWER;
      }
    }
    // Each item sends its unit down its bypass arc and each partner arc is empty: a feasible
    // tree in which every arc can carry flow towards the root, so it is strongly feasible.
    for (let u = 0; u < root; u++) {
      const e = pairArcs + u; // the bypass arc of an item, or the arc of a partner
      source[e] = u;
      target[e] = root;
      const free = u < items ? UNLIMITED : places[u - items]!;
      capacity[e] = free === UNLIMITED ? INF : free;
      flow[e] = u < items ? 1 : 0;
      state[e] = IN_TREE;
      parent[u] = root;
      parentArc[u] = e;
      parentArcDirection[u] = UP;
      thread[u] = u + 1;
      reverseThread[u + 1] = u;
      subtreeSize[u] = 1;
      lastDescendant[u] = u;
    }
    parent[root] = -1;
    parentArc[root] = -1;
    thread[root] = root === 0 ? root : 0;
    reverseThread[0] = root;
    subtreeSize[root] = nodeCount;
    lastDescendant[root] = root === 0 ? root : root - 1;

    this.blockSize = Math.max(10, Math.ceil(Math.sqrt(arcCount)));
  }

  /** LEMON's `start`: pivots until no arc prices out, then reads the answer off the flow and the potentials. */
  solve(): TransportationSolution {
    if (this.pairArcs > 0) {
      while (this.findEnteringArc()) {
        this.findJoinNode();
        const change = this.findLeavingArc();
        this.changeFlow(change);
        if (change) {
          this.updateTreeStructure();
          this.updatePotential();
        }
        this.iterations++;
      }
    }
    return this.answer();
  }

  /**
   * Block search: scans the arcs cyclically in blocks and takes the most negative reduced cost
   * within the first block that has one. Cheaper per pivot than Dantzig's full scan and far
   * fewer pivots than first-eligible; false when a full round finds none, which is optimality.
   */
  private findEnteringArc(): boolean {
    const { state, cost, potential, source, target, arcCount, blockSize } = this;
    let min = 0;
    let count = blockSize;
    let e = this.nextArc;
    for (let seen = 0; seen < arcCount; seen++) {
      const c = state[e]! * (cost[e]! + potential[source[e]!]! - potential[target[e]!]!);
      if (c < min) {
        min = c;
        this.enteringArc = e;
      }
      e = e + 1 === arcCount ? 0 : e + 1;
      if (--count === 0) {
        if (min < 0) break;
        count = blockSize;
      }
    }
    this.nextArc = e;
    return min < 0;
  }

  /** The apex of the cycle: climb from both ends of the entering arc, always from the smaller subtree, until they meet. */
  private findJoinNode(): void {
    const { subtreeSize, parent } = this;
    let u = this.source[this.enteringArc]!;
    let v = this.target[this.enteringArc]!;
    while (u !== v) {
      if (subtreeSize[u]! < subtreeSize[v]!) u = parent[u]!;
      else v = parent[v]!;
    }
    this.joinNode = u;
  }

  /**
   * The blocking arc met last when going round the cycle in the direction of flow from the
   * apex (AMO's rule for strongly feasible trees, which rules out cycling on degenerate pivots),
   * and the flow that can be sent. False when the entering arc itself blocks first: it then
   * only moves to its other bound and the tree stays as it is.
   */
  private findLeavingArc(): boolean {
    const { parent, parentArc, parentArcDirection, capacity, flow, enteringArc, joinNode } = this;
    let first: number;
    let second: number;
    if (this.state[enteringArc] === AT_LOWER) {
      first = this.source[enteringArc]!;
      second = this.target[enteringArc]!;
    } else {
      first = this.target[enteringArc]!;
      second = this.source[enteringArc]!;
    }
    let delta = capacity[enteringArc]!;
    let result = 0;
    // Ties go to the first path's arc nearest the apex (strict <) and to the second path's arc
    // farthest from it (<=): together, the last blocking arc in the cycle's orientation.
    for (let u = first; u !== joinNode; u = parent[u]!) {
      const e = parentArc[u]!;
      const d = parentArcDirection[u] === DOWN ? capacity[e]! - flow[e]! : flow[e]!;
      if (d < delta) {
        delta = d;
        this.leavingChild = u;
        result = 1;
      }
    }
    for (let u = second; u !== joinNode; u = parent[u]!) {
      const e = parentArc[u]!;
      const d = parentArcDirection[u] === UP ? capacity[e]! - flow[e]! : flow[e]!;
      if (d <= delta) {
        delta = d;
        this.leavingChild = u;
        result = 2;
      }
    }
    this.augmentation = delta;
    if (result === 1) {
      this.enteringChild = first;
      this.enteringParent = second;
    } else {
      this.enteringChild = second;
      this.enteringParent = first;
    }
    return result !== 0;
  }

  /** Sends the augmentation round the cycle, then swaps the arcs' states: the entering arc into the tree, the leaving one to the bound it hit. */
  private changeFlow(change: boolean): void {
    const { flow, parent, parentArc, parentArcDirection, state, enteringArc, joinNode, augmentation } = this;
    if (augmentation > 0) {
      const val = state[enteringArc]! * augmentation;
      flow[enteringArc] = flow[enteringArc]! + val;
      for (let u = this.source[enteringArc]!; u !== joinNode; u = parent[u]!) {
        flow[parentArc[u]!] = flow[parentArc[u]!]! - parentArcDirection[u]! * val;
      }
      for (let u = this.target[enteringArc]!; u !== joinNode; u = parent[u]!) {
        flow[parentArc[u]!] = flow[parentArc[u]!]! + parentArcDirection[u]! * val;
      }
    }
    if (change) {
      const leavingArc = parentArc[this.leavingChild]!;
      state[enteringArc] = IN_TREE;
      state[leavingArc] = flow[leavingArc] === 0 ? AT_LOWER : AT_UPPER;
    } else {
      state[enteringArc] = -state[enteringArc]!;
    }
  }

  /**
   * Re-hangs the subtree cut off by the leaving arc from the entering arc (LEMON's
   * `updateTreeStructure`): the path from the entering child up to the leaving child is
   * reversed (each node on it becomes its old parent's parent), the subtree's run is moved in
   * the thread to just after its new parent, and the subtree sizes and last descendants are
   * mended on both paths to the apex. Touches only the re-hung subtree and the two paths.
   */
  private updateTreeStructure(): void {
    const { parent, parentArc, parentArcDirection, thread, reverseThread, subtreeSize, lastDescendant, dirtyReverseThreads } = this;
    const { enteringArc, joinNode, enteringChild, enteringParent, leavingChild } = this;
    const oldReverseThread = reverseThread[leavingChild]!;
    const oldSubtreeSize = subtreeSize[leavingChild]!;
    const oldLastDescendant = lastDescendant[leavingChild]!;
    const leavingParent = parent[leavingChild]!;

    if (enteringChild === leavingChild) {
      // The entering and leaving arcs share their child: only that one node changes parent.
      parent[enteringChild] = enteringParent;
      parentArc[enteringChild] = enteringArc;
      parentArcDirection[enteringChild] = enteringChild === this.source[enteringArc] ? UP : DOWN;
      if (thread[enteringParent] !== leavingChild) {
        let after = thread[oldLastDescendant]!;
        thread[oldReverseThread] = after;
        reverseThread[after] = oldReverseThread;
        after = thread[enteringParent]!;
        thread[enteringParent] = leavingChild;
        reverseThread[leavingChild] = enteringParent;
        thread[oldLastDescendant] = after;
        reverseThread[after] = oldLastDescendant;
      }
    } else {
      // Walk the stem from the entering child up to the leaving child, threading each node's
      // subtree (less the part already moved) after the previous one.
      const threadContinue = oldReverseThread === enteringParent ? thread[oldLastDescendant]! : thread[enteringParent]!;
      let stem = enteringChild;
      let stemParent = enteringParent;
      let last = lastDescendant[enteringChild]!;
      let after = thread[last]!;
      thread[enteringParent] = enteringChild;
      let dirtyCount = 0;
      dirtyReverseThreads[dirtyCount++] = enteringParent;
      while (stem !== leavingChild) {
        const nextStem = parent[stem]!;
        thread[last] = nextStem;
        dirtyReverseThreads[dirtyCount++] = last;
        const before = reverseThread[stem]!;
        thread[before] = after;
        reverseThread[after] = before;
        parent[stem] = stemParent;
        stemParent = stem;
        stem = nextStem;
        last = lastDescendant[stem] === lastDescendant[stemParent] ? reverseThread[stemParent]! : lastDescendant[stem]!;
        after = thread[last]!;
      }
      parent[leavingChild] = stemParent;
      thread[last] = threadContinue;
      reverseThread[threadContinue] = last;
      lastDescendant[leavingChild] = last;
      if (oldReverseThread !== enteringParent) {
        thread[oldReverseThread] = after;
        reverseThread[after] = oldReverseThread;
      }
      for (let k = 0; k < dirtyCount; k++) {
        const u = dirtyReverseThreads[k]!;
        reverseThread[thread[u]!] = u;
      }
      // Reverse the stem's parent arcs and recount its subtrees, from the old root of the cut-off subtree down.
      let stemSize = 0;
      const stemLast = lastDescendant[leavingChild]!;
      for (let u = leavingChild, p = parent[u]!; u !== enteringChild; u = p, p = parent[u]!) {
        parentArc[u] = parentArc[p]!;
        parentArcDirection[u] = -parentArcDirection[p]!;
        stemSize += subtreeSize[u]! - subtreeSize[p]!;
        subtreeSize[u] = stemSize;
        lastDescendant[p] = stemLast;
      }
      parentArc[enteringChild] = enteringArc;
      parentArcDirection[enteringChild] = enteringChild === this.source[enteringArc] ? UP : DOWN;
      subtreeSize[enteringChild] = oldSubtreeSize;
    }

    // The ancestors: those that gained the subtree (from its new parent up to the apex) and
    // those that lost it (from its old parent up), their sizes and, where the subtree's run
    // ended theirs, their last descendants.
    const upLimitOut = lastDescendant[joinNode] === enteringParent ? joinNode : -1;
    const lastDescendantOut = lastDescendant[leavingChild]!;
    for (let u = enteringParent; u !== -1 && lastDescendant[u] === enteringParent; u = parent[u]!) lastDescendant[u] = lastDescendantOut;
    if (joinNode !== oldReverseThread && enteringParent !== oldReverseThread) {
      for (let u = leavingParent; u !== upLimitOut && lastDescendant[u] === oldLastDescendant; u = parent[u]!) {
        lastDescendant[u] = oldReverseThread;
      }
    } else if (lastDescendantOut !== oldLastDescendant) {
      for (let u = leavingParent; u !== upLimitOut && lastDescendant[u] === oldLastDescendant; u = parent[u]!) {
        lastDescendant[u] = lastDescendantOut;
      }
    }
    for (let u = enteringParent; u !== joinNode; u = parent[u]!) subtreeSize[u] = subtreeSize[u]! + oldSubtreeSize;
    for (let u = leavingParent; u !== joinNode; u = parent[u]!) subtreeSize[u] = subtreeSize[u]! - oldSubtreeSize;
  }

  /** Shifts the potentials of the re-hung subtree, one run of the thread, so the entering arc has reduced cost 0. */
  private updatePotential(): void {
    const { potential, thread, enteringChild, enteringParent } = this;
    const sigma =
      potential[enteringParent]! - potential[enteringChild]! - this.parentArcDirection[enteringChild]! * this.cost[this.enteringArc]!;
    const end = thread[this.lastDescendant[enteringChild]!]!;
    for (let u = enteringChild; u !== end; u = thread[u]!) potential[u] = potential[u]! + sigma;
  }

  /** The chosen arc of each item (the pair arc carrying its unit) and each partner's price, from the potentials. */
  private answer(): TransportationSolution {
    const { items, partners, flow, potential } = this;
    const arcOf = new Int32Array(items).fill(-1);
    for (let a = 0; a < this.pairArcs; a++) {
      if (flow[a] === 1) arcOf[this.source[a]!] = a;
    }
    // In LEMON's convention a tree arc has cost + pi[source] - pi[target] = 0 and pi[T] = 0, so
    // a full partner's arc to T has pi <= 0: the price of one of its places is -pi.
    const partnerPrice = new Float64Array(partners);
    for (let p = 0; p < partners; p++) partnerPrice[p] = Math.max(0, -potential[items + p]!);
    return { arcOf, partnerPrice, iterations: this.iterations };
  }
}
