import { grown, type BddManager } from './bdd';
import { PairMemo } from './pair-memo';

/**
 * Metric values of diagram nodes kept from one evaluation pass to the next.
 *
 * Why: a what-if on a large system rebuilds the hub ("root on the host") only above the change;
 * the part below is the same diagram nodes as before, and so are most of the pairs the
 * combined-metrics sweep walks. Computed again on every pass, they were two thirds of the metric
 * work of a whole-system toggle on 500 services (5,900 of 9,100 nodes, 6,100 of 9,800 pairs).
 *
 * When a kept value holds: a node's cost and probability depend only on the weights of the
 * variables in its diagram. Within one lineage of states (an evaluation and the what-ifs made
 * from it, which share this scratch memory and the diagram manager) the weights of basic events
 * never change; only module atoms get new weights, when a what-if changes something inside the
 * module. The watch remembers, per atom level, the weight every kept value assumes, and at each
 * moment of a pass which atom levels now carry another weight (`changed`). A value is kept, and a
 * kept value used, only for a node whose levels, from its top to its deepest, include none of
 * those; the others are memoised for the pass alone, as before.
 *
 * Passes on another manager (after a compaction) start over: node ids name other nodes there.
 */
export class KeptMetrics {
  private owner: BddManager | undefined;
  /** Per level: 1 once a weight is assumed for it (an atom whose weight some pass has set). */
  private assumed = new Uint8Array(0);
  private assumedCost = new Float64Array(0);
  private assumedProbability = new Float64Array(0);
  /** Atom levels whose weight differs from the assumed one, sorted. */
  private readonly changed: number[] = [];
  readonly cost = new KeptValues(this);
  readonly probability = new KeptValues(this);
  /** Pairs of the combined-metrics sweep, kept on the same terms (a whole-system toggle on 500
   * services keeps about 3,700 more). */
  readonly pairs = new PairMemo(1 << 14);

  /** Starts a pass on `bdd` with the state's weights. `atomLevels` are the levels of module atoms,
   * `weighted(level)` whether the state holds a weight for that atom yet (its module has been
   * evaluated). */
  beginPass(
    bdd: BddManager,
    cost: ArrayLike<number>,
    probability: ArrayLike<number>,
    atomLevels: ArrayLike<number>,
    weighted: (level: number) => boolean,
  ): void {
    if (bdd !== this.owner || this.assumed.length < cost.length) {
      this.owner = bdd;
      this.assumed = new Uint8Array(cost.length);
      this.assumedCost = new Float64Array(cost.length);
      this.assumedProbability = new Float64Array(cost.length);
      this.cost.forget();
      this.probability.forget();
      this.pairs.forget();
    }
    this.changed.length = 0;
    for (let k = 0; k < atomLevels.length; k++) {
      const level = atomLevels[k]!;
      if (this.assumed[level]) {
        if (!this.matches(level, cost[level]!, probability[level]!)) this.changed.push(level);
      } else if (weighted(level)) this.assume(level, cost[level]!, probability[level]!);
    }
    this.changed.sort((a, b) => a - b);
  }

  /** A module atom's weights were set during the pass. The pass sets them before it evaluates
   * any diagram that contains the atom, so no value of this pass depends on the old ones. */
  weightSet(level: number, cost: number, probability: number): void {
    if (!this.assumed[level]) return this.assume(level, cost, probability);
    const at = this.place(level);
    const listed = this.changed[at] === level;
    const matches = this.matches(level, cost, probability);
    if (matches && listed) this.changed.splice(at, 1);
    else if (!matches && !listed) this.changed.splice(at, 0, level);
  }

  /** Whether values kept for a diagram spanning levels `top` to `bottom` hold now. */
  holds(top: number, bottom: number): boolean {
    const { changed } = this;
    if (changed.length === 0) return true;
    const at = this.place(top);
    return at === changed.length || changed[at]! > bottom;
  }

  /** Index of the first changed level at or after `level`. */
  private place(level: number): number {
    const { changed } = this;
    let low = 0;
    let high = changed.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (changed[mid]! < level) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private assume(level: number, cost: number, probability: number): void {
    this.assumed[level] = 1;
    this.assumedCost[level] = cost;
    this.assumedProbability[level] = probability;
  }

  // A NaN weight never matches, so nothing that depends on it is kept.
  private matches(level: number, cost: number, probability: number): boolean {
    return this.assumedCost[level] === cost && this.assumedProbability[level] === probability;
  }
}

/** One metric's kept values, by node id. */
export class KeptValues {
  values: Float64Array<ArrayBuffer> = new Float64Array(1024);
  known: Uint8Array<ArrayBuffer> = new Uint8Array(1024);

  constructor(readonly watch: KeptMetrics) {}

  /** Makes room for the node ids of `bdd`. */
  fit(bdd: BddManager): void {
    this.values = grown(this.values, bdd.size);
    this.known = grown(this.known, bdd.size);
  }

  forget(): void {
    this.known.fill(0);
  }
}
