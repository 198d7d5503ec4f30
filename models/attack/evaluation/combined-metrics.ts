import { bddMinWeight, bddProbability, NodeMemo, ONE, ZERO, type BddManager } from './bdd';
import type { KeptMetrics } from './kept-metrics';
import { PairMemo } from './pair-memo';

/** One diagram to combine with the shared wide one: `narrow ∨ wide`, or `narrow ∧ wide`. */
export interface Combination {
  readonly narrow: number;
  readonly conjunction: boolean;
}

export interface CombinedMetrics {
  /** Least total weight of a satisfying assignment (`bddMinWeight` of the combination). */
  cost: number;
  /** Probability of the combination (`bddProbability`). */
  probability: number;
}

/** Node ids and levels stay below 2^26 (`bdd.ts`), so a (level, id) pair is one exact double. */
const PAIR = 0x4000000;

/** Least cost and probability of `narrow ∘ wide` for many narrow diagrams against one wide
 * diagram, without building any combination.
 *
 * Why: many goals are one diagram shared by all of them ("root on the host") combined with a
 * small one of their own ("persistence in this workload"). Building `own ∨ shared` copies the
 * part of the shared diagram above the own variables — on 500 services about 1,400 nodes per goal,
 * for hundreds of goals, and all of it again whenever the shared diagram changes. The metrics do
 * not need the copy. Cut the wide diagram at the top level of the narrow one: every path from the
 * root crosses the cut into one node `e` (or a terminal), having fixed only variables above the
 * cut, which the narrow diagram does not depend on. With independent variables, P(narrow ∘ wide)
 * = Σ_e P(reach e) · P(narrow ∘ e), and the least cost is min_e (least cost to reach e + least
 * cost of narrow ∘ e). One top-down sweep of the wide diagram, in level order, gives the reach
 * probability and cost of every node; each combination is answered at its own cut, sorted by
 * level, from the nodes reached but not yet passed (a handful for an OR over workloads); the pairs
 * `narrow ∘ e` are walked only while their levels interleave: once one side is constant, or lies
 * wholly above the other, the pair's metrics follow from each side's own. Work: the wide diagram
 * once, plus per combination its frontier and its own levels, instead of the wide diagram above
 * every narrow one.
 *
 * Exact, like the metrics of the built diagram: the recursion over pairs is Shannon expansion of
 * the combination, and a node of the unreduced product whose cofactors are equal gives the same
 * value as the reduced one (weights are non-negative). `costMemo` and `probabilityMemo` must be the
 * memos of the pass under way (weights fixed); `scratch` is working memory, reused from call to
 * call (a what-if makes one or two). */
export function combinedMetrics(
  bdd: BddManager,
  wide: number,
  combinations: readonly Combination[],
  weight: ArrayLike<number>,
  probability: ArrayLike<number>,
  costMemo: NodeMemo,
  probabilityMemo: NodeMemo,
  scratch: CombinationScratch = new CombinationScratch(),
): CombinedMetrics[] {
  const costOf = (f: number): number => bddMinWeight(bdd, f, weight, costMemo);
  const probabilityOf = (f: number): number => bddProbability(bdd, f, probability, probabilityMemo);
  scratch.pairs.clear();
  if (scratch.kept && scratch.kept.pairs.size > MAX_KEPT_PAIRS) scratch.kept.pairs.forget();
  const pairs = new PairMetrics(bdd, weight, probability, costOf, probabilityOf, scratch.pairs, scratch.kept);
  const sweep = new WideSweep(bdd, wide, weight, probability, scratch.places);

  const order = combinations.map((_, k) => k);
  order.sort((a, b) => bdd.level(combinations[a]!.narrow) - bdd.level(combinations[b]!.narrow) || a - b);
  const answers: CombinedMetrics[] = new Array(combinations.length);
  // Many nodes can ask the same question: the 500 flow positions of 500 services are ORs of the
  // hub with one of four sets of network boundaries.
  const answered = new Map<number, CombinedMetrics>();
  for (const k of order) {
    const { narrow, conjunction } = combinations[k]!;
    const question = narrow * 2 + (conjunction ? 1 : 0);
    const known = answered.get(question);
    if (known) {
      answers[k] = known;
      continue;
    }
    sweep.advanceTo(bdd.level(narrow));
    let cost = Infinity;
    let chance = 0;
    for (let j = -2; j < sweep.crossings; j++) {
      // The two terminals first (j = −2, −1), then the frontier.
      const reachProbability = sweep.crossingProbability(j);
      const reachCost = sweep.crossingCost(j);
      if (reachCost === Infinity && reachProbability === 0) continue;
      pairs.evaluate(narrow, sweep.crossingNode(j), conjunction);
      if (reachCost + pairs.cost < cost) cost = reachCost + pairs.cost;
      chance += reachProbability * pairs.probability;
    }
    answers[k] = { cost, probability: chance };
    answered.set(question, answers[k]);
  }
  return answers;
}

/** Working memory of `combinedMetrics`: the pairs already evaluated, and each wide node's place in
 * the sweep; with `kept`, pairs whose values hold from pass to pass are kept there. */
export class CombinationScratch {
  readonly pairs = new PairMemo();
  readonly places = new NodeMemo();

  constructor(readonly kept?: KeptMetrics) {}
}

/** Kept pairs are forgotten past this many (the table then takes about 7 MB): a long session adds
 * thousands a toggle, most of them about nodes that later toggles no longer use. */
const MAX_KEPT_PAIRS = 1 << 17;

/** Top-down sweep of one diagram in level order: per node, the probability of reaching it from
 * the root and the least weight of a path that does. */
class WideSweep {
  /** Non-terminal nodes, sorted by level (then id), and each one's place in `nodes`. */
  private readonly nodes: Int32Array;
  private readonly reachProbability: Float64Array;
  private readonly reachCost: Float64Array;
  /** Reached and not yet passed, as places; `slot` is each one's index here, −1 when absent. */
  private readonly frontier: number[] = [];
  private readonly slot: Int32Array;
  /** Mass and cost of the paths that already ended in ZERO and ONE. */
  private readonly terminalProbability = new Float64Array(2);
  private readonly terminalCost = new Float64Array([Infinity, Infinity]);
  private next = 0;

  constructor(
    private readonly bdd: BddManager,
    root: number,
    private readonly weight: ArrayLike<number>,
    private readonly probability: ArrayLike<number>,
    private readonly place: NodeMemo,
  ) {
    // Every node once (stamped in the place memo when first seen), then sorted by (level, id).
    place.clear();
    place.fit(bdd);
    const keys: number[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (f === ZERO || f === ONE || place.stamps[f] === place.generation) continue;
      place.stamps[f] = place.generation;
      keys.push(bdd.level(f) * PAIR + f);
      stack.push(bdd.low(f), bdd.high(f));
    }
    // Plain loops: `Float64Array.from` and `Array.from` go through the iterator protocol, which
    // allocated more than anything else in a what-if (5 MB over 20 toggles on 500 services).
    const sorted = new Float64Array(keys.length);
    for (let k = 0; k < keys.length; k++) sorted[k] = keys[k]!;
    sorted.sort();
    this.nodes = new Int32Array(sorted.length);
    for (let k = 0; k < sorted.length; k++) {
      const f = sorted[k]! % PAIR;
      this.nodes[k] = f;
      place.values[f] = k;
    }
    this.reachProbability = new Float64Array(this.nodes.length);
    this.reachCost = new Float64Array(this.nodes.length).fill(Infinity);
    this.slot = new Int32Array(this.nodes.length).fill(-1);
    this.reach(root, 1, 0);
  }

  /** Passes every reached node above `level`, handing its mass to its children. */
  advanceTo(level: number): void {
    const { bdd, nodes } = this;
    while (this.next < nodes.length && bdd.level(nodes[this.next]!) < level) {
      const k = this.next++;
      if (this.slot[k] === -1) continue;
      this.leave(k);
      const f = nodes[k]!;
      const v = bdd.level(f);
      const p = this.probability[v]!;
      this.reach(bdd.low(f), this.reachProbability[k]! * (1 - p), this.reachCost[k]!);
      this.reach(bdd.high(f), this.reachProbability[k]! * p, this.reachCost[k]! + this.weight[v]!);
    }
  }

  /** How many nodes, besides the two terminals, a path from the root crosses the current cut
   * into. Crossing j is a terminal for j = −2 (ZERO) and −1 (ONE), else a frontier node. */
  get crossings(): number {
    return this.frontier.length;
  }

  crossingNode(j: number): number {
    return j < 0 ? j + 2 : this.nodes[this.frontier[j]!]!;
  }

  crossingCost(j: number): number {
    return j < 0 ? this.terminalCost[j + 2]! : this.reachCost[this.frontier[j]!]!;
  }

  crossingProbability(j: number): number {
    return j < 0 ? this.terminalProbability[j + 2]! : this.reachProbability[this.frontier[j]!]!;
  }

  private reach(f: number, probability: number, cost: number): void {
    if (f === ZERO || f === ONE) {
      this.terminalProbability[f]! += probability;
      if (cost < this.terminalCost[f]!) this.terminalCost[f] = cost;
      return;
    }
    const k = this.place.values[f]!;
    if (this.slot[k] === -1) {
      this.slot[k] = this.frontier.length;
      this.frontier.push(k);
    }
    this.reachProbability[k]! += probability;
    if (cost < this.reachCost[k]!) this.reachCost[k] = cost;
  }

  private leave(k: number): void {
    const at = this.slot[k]!;
    const last = this.frontier.pop()!;
    if (last !== k) {
      this.frontier[at] = last;
      this.slot[last] = at;
    }
    this.slot[k] = -1;
  }
}

/** Metrics of `a ∘ e` by Shannon expansion over the pair, both at once, memoised per pair and
 * operation; once one side is constant, or the two sides test disjoint levels, each side's own
 * metrics. */
class PairMetrics {
  /** The metrics of the last `evaluate` call (returning two numbers without an object). */
  cost = 0;
  probability = 0;

  constructor(
    private readonly bdd: BddManager,
    private readonly weight: ArrayLike<number>,
    private readonly probabilityAt: ArrayLike<number>,
    private readonly costOf: (f: number) => number,
    private readonly probabilityOf: (f: number) => number,
    private readonly memo: PairMemo,
    private readonly kept: KeptMetrics | undefined,
  ) {}

  /** Sets `cost` and `probability` to those of `a ∘ e`. */
  evaluate(a: number, e: number, conjunction: boolean): void {
    const { bdd } = this;
    const absorbing = conjunction ? ZERO : ONE;
    const neutral = conjunction ? ONE : ZERO;
    if (a === absorbing || e === absorbing) return this.constant(absorbing);
    if (a === neutral || a === e) return this.single(e);
    if (e === neutral) return this.single(a);
    const la = bdd.level(a);
    const le = bdd.level(e);
    if (bdd.deepest(a) < le || bdd.deepest(e) < la) {
      // Disjoint levels: independent events.
      const ca = this.costOf(a);
      const ce = this.costOf(e);
      const pa = this.probabilityOf(a);
      const pe = this.probabilityOf(e);
      this.cost = conjunction ? ca + ce : ca < ce ? ca : ce;
      this.probability = conjunction ? pa * pe : pa + pe - pa * pe;
      return;
    }
    const op = conjunction ? 1 : 0;
    if (this.memo.find(a, e, op)) {
      this.cost = this.memo.cost;
      this.probability = this.memo.probability;
      return;
    }
    const bottom = Math.max(bdd.deepest(a), bdd.deepest(e));
    const kept =
      this.kept !== undefined && this.kept.holds(la < le ? la : le, bottom) ? this.kept.pairs : undefined;
    if (kept !== undefined && kept.find(a, e, op)) {
      this.cost = kept.cost;
      this.probability = kept.probability;
      return;
    }
    const level = la < le ? la : le;
    this.evaluate(la === level ? bdd.low(a) : a, le === level ? bdd.low(e) : e, conjunction);
    const lowCost = this.cost;
    const lowProbability = this.probability;
    this.evaluate(la === level ? bdd.high(a) : a, le === level ? bdd.high(e) : e, conjunction);
    const highCost = this.weight[level]! + this.cost;
    const p = this.probabilityAt[level]!;
    this.cost = lowCost < highCost ? lowCost : highCost;
    this.probability = p * this.probability + (1 - p) * lowProbability;
    (kept ?? this.memo).store(a, e, op, this.cost, this.probability);
  }

  private constant(f: number): void {
    this.cost = f === ZERO ? Infinity : 0;
    this.probability = f === ZERO ? 0 : 1;
  }

  private single(f: number): void {
    if (f <= ONE) return this.constant(f);
    this.cost = this.costOf(f);
    this.probability = this.probabilityOf(f);
  }
}
