/** Reduced ordered binary decision diagrams (Bryant, IEEE Trans. Computers 1986), the exact engine
 * for DAG-shaped attack trees proposed by Budde & Stoelinga, "Efficient algorithms for quantitative
 * attack tree analysis", CSF 2021: the structure function of a node is built once as a BDD over its
 * basic events, and any metric that needs "a shared step counts once" is read off the diagram —
 * success probability by Shannon expansion, minimal cost as a shortest path to the 1-terminal.
 *
 * Variables are identified by their level (0 = tested first). A manager is append-only (hash
 * consing), so a node id denotes one Boolean function for the manager's lifetime; what-if
 * evaluations reuse the manager of their baseline and share every unchanged sub-diagram. */
import type { KeptValues } from './kept-metrics';
import { OperationCache } from './operation-cache';

export const ZERO = 0;
export const ONE = 1;

const TERMINAL_LEVEL = 0x7fffffff;
/** Node ids stay below 2^26 (a limit far above any diagram evaluated here). */
const MAX_NODES = 0x4000000;
/** The computed tables grow with the node table up to this many entries each (16 bytes an entry). */
const MAX_CACHE = 1 << 22;

/** Thrown when a diagram would exceed the manager's node limit; callers fall back to a bound. */
export class BddOverflow extends Error {
  constructor(limit: number) {
    super(`BDD node limit ${limit} reached`);
  }
}

export class BddManager {
  private levels: Int32Array<ArrayBuffer>;
  private lows: Int32Array<ArrayBuffer>;
  private highs: Int32Array<ArrayBuffer>;
  private nextInBucket: Int32Array<ArrayBuffer>;
  private buckets: Int32Array<ArrayBuffer>;
  /** Per node: the deepest level in its diagram (−1 for the terminals). */
  private deepests: Int32Array<ArrayBuffer>;
  private count = 2;
  /** Memo of `substitute`, valid where the stamp is the current one. */
  private substituted: Int32Array<ArrayBuffer> = new Int32Array(0);
  private substitutedStamp: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private substitution = 0;
  private andCache: OperationCache;
  private orCache: OperationCache;

  readonly limit: number;

  /** `nodes`: how many nodes to make room for at once (the tables grow as needed beyond it). */
  constructor(limit: number, nodes = 0) {
    this.limit = Math.min(Math.max(limit, 16), MAX_NODES);
    let capacity = 1024;
    while (capacity < nodes && capacity < this.limit) capacity *= 2;
    this.levels = new Int32Array(capacity);
    this.lows = new Int32Array(capacity);
    this.highs = new Int32Array(capacity);
    this.deepests = new Int32Array(capacity);
    this.nextInBucket = new Int32Array(capacity);
    this.buckets = new Int32Array(capacity).fill(-1);
    this.andCache = new OperationCache(Math.min(capacity, MAX_CACHE));
    this.orCache = new OperationCache(Math.min(capacity, MAX_CACHE));
    this.levels[ZERO] = TERMINAL_LEVEL;
    this.levels[ONE] = TERMINAL_LEVEL;
    this.deepests[ZERO] = -1;
    this.deepests[ONE] = -1;
  }

  get size(): number {
    return this.count;
  }

  level(node: number): number {
    return this.levels[node]!;
  }

  low(node: number): number {
    return this.lows[node]!;
  }

  high(node: number): number {
    return this.highs[node]!;
  }

  /** The deepest level in the node's diagram (−1 for the terminals). */
  deepest(node: number): number {
    return this.deepests[node]!;
  }

  /** The function "variable at `level` is true". */
  variable(level: number): number {
    return this.make(level, ZERO, ONE);
  }

  and(a: number, b: number): number {
    if (a === ZERO || b === ZERO) return ZERO;
    if (a === ONE) return b;
    if (b === ONE || a === b) return a;
    if (a > b) [a, b] = [b, a];
    const cached = this.andCache.get(a, b);
    if (cached >= 0) return cached;
    const la = this.levels[a]!;
    const lb = this.levels[b]!;
    let result: number;
    if (this.deepests[a]! < lb) result = this.substitute(a, ONE, b);
    else if (this.deepests[b]! < la) result = this.substitute(b, ONE, a);
    else {
      const top = la < lb ? la : lb;
      const low = this.and(la === top ? this.lows[a]! : a, lb === top ? this.lows[b]! : b);
      const high = this.and(la === top ? this.highs[a]! : a, lb === top ? this.highs[b]! : b);
      result = this.make(top, low, high);
    }
    this.andCache.set(a, b, result);
    return result;
  }

  or(a: number, b: number): number {
    if (a === ONE || b === ONE) return ONE;
    if (a === ZERO) return b;
    if (b === ZERO || a === b) return a;
    if (a > b) [a, b] = [b, a];
    const cached = this.orCache.get(a, b);
    if (cached >= 0) return cached;
    const la = this.levels[a]!;
    const lb = this.levels[b]!;
    let result: number;
    if (this.deepests[a]! < lb) result = this.substitute(a, ZERO, b);
    else if (this.deepests[b]! < la) result = this.substitute(b, ZERO, a);
    else {
      const top = la < lb ? la : lb;
      const low = this.or(la === top ? this.lows[a]! : a, lb === top ? this.lows[b]! : b);
      const high = this.or(la === top ? this.highs[a]! : a, lb === top ? this.highs[b]! : b);
      result = this.make(top, low, high);
    }
    this.orCache.set(a, b, result);
    return result;
  }

  /** `upper` with its `terminal` replaced by `lower`, when every level of `upper` lies above
   * every level of `lower`: then `upper ∨ lower` is `upper` whose paths to 0 go on to `lower`, and
   * `upper ∧ lower` is `upper` whose paths to 1 do. One visit per node of `upper`, without the
   * pairwise operation cache. Gates combine their operands deepest first (`combineBdds`), so this
   * is how an operand that shares no host fact with the ones below it joins them; in generated
   * systems about a fifth of the work of a what-if on the "root on the host" hub. */
  private substitute(upper: number, terminal: number, lower: number): number {
    if (this.substituted.length < this.count) {
      this.substituted = new Int32Array(this.levels.length);
      this.substitutedStamp = new Uint32Array(this.levels.length);
      this.substitution = 0;
    }
    if (this.substitution === 0xffffffff) {
      this.substitutedStamp.fill(0);
      this.substitution = 0;
    }
    return this.substituteFrom(upper, terminal, lower, ++this.substitution);
  }

  private substituteFrom(node: number, terminal: number, lower: number, stamp: number): number {
    if (node === terminal) return lower;
    if (node === ZERO || node === ONE) return node;
    if (this.substitutedStamp[node] === stamp) return this.substituted[node]!;
    const low = this.substituteFrom(this.lows[node]!, terminal, lower, stamp);
    const high = this.substituteFrom(this.highs[node]!, terminal, lower, stamp);
    const result = this.make(this.levels[node]!, low, high);
    this.substitutedStamp[node] = stamp;
    this.substituted[node] = result;
    return result;
  }

  /** A manager with the same limit holding only the diagrams of `roots` (node ids; negative ones
   * are skipped) and everything below them, and per old id the new one (−1 where not kept). A
   * node's children are always older than the node, so one pass down the ids marks what is
   * reachable and one pass up copies it, children first, into tables sized for them, or for
   * `room` nodes if that is more. Caches and memos start empty. */
  compacted(roots: Iterable<number>, room = 0): { manager: BddManager; ids: Int32Array } {
    const keep = new Uint8Array(this.count);
    for (const root of roots) if (root >= 0) keep[root] = 1;
    let kept = 2;
    for (let n = this.count - 1; n >= 2; n--) {
      if (!keep[n]) continue;
      kept++;
      keep[this.lows[n]!] = 1;
      keep[this.highs[n]!] = 1;
    }
    // Sized for what it keeps: growing by doubling would rehash the unique table and the
    // computed tables a dozen times on the way.
    const manager = new BddManager(this.limit, Math.max(kept, room));
    const ids = new Int32Array(this.count).fill(-1);
    ids[ZERO] = ZERO;
    ids[ONE] = ONE;
    for (let n = 2; n < this.count; n++) {
      if (keep[n]) ids[n] = manager.unique(this.levels[n]!, ids[this.lows[n]!]!, ids[this.highs[n]!]!);
    }
    return { manager, ids };
  }

  /** A zero-suppressed node (Minato 1993): the family `low ∪ {s ∪ {level} : s ∈ high}`. Shares
   * the node table with BDD nodes; callers know which reading a node id has. */
  zdd(level: number, low: number, high: number): number {
    if (high === ZERO) return low;
    return this.unique(level, low, high);
  }

  /** The unique BDD node (level, low, high), created on first use. */
  private make(level: number, low: number, high: number): number {
    if (low === high) return low;
    return this.unique(level, low, high);
  }

  private unique(level: number, low: number, high: number): number {
    let bucket = this.bucketOf(level, low, high);
    for (let n = this.buckets[bucket]!; n !== -1; n = this.nextInBucket[n]!) {
      if (this.levels[n] === level && this.lows[n] === low && this.highs[n] === high) return n;
    }
    if (this.count >= this.limit) throw new BddOverflow(this.limit);
    if (this.count === this.levels.length) {
      this.grow();
      bucket = this.bucketOf(level, low, high);
    }
    const node = this.count++;
    this.levels[node] = level;
    this.lows[node] = low;
    this.highs[node] = high;
    const below = Math.max(this.deepests[low]!, this.deepests[high]!);
    this.deepests[node] = below > level ? below : level;
    this.nextInBucket[node] = this.buckets[bucket]!;
    this.buckets[bucket] = node;
    return node;
  }

  private bucketOf(level: number, low: number, high: number): number {
    const h = Math.imul(level, 0x9e3779b1) ^ Math.imul(low, 0x85ebca6b) ^ Math.imul(high, 0xc2b2ae35);
    return (h ^ (h >>> 15)) & (this.buckets.length - 1);
  }

  /** Doubles the arrays and rehashes (the unique table keeps about one node per bucket). */
  private grow(): void {
    const size = this.levels.length * 2;
    const copy = (from: Int32Array): Int32Array<ArrayBuffer> => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.levels = copy(this.levels);
    this.lows = copy(this.lows);
    this.highs = copy(this.highs);
    this.deepests = copy(this.deepests);
    this.nextInBucket = new Int32Array(size);
    this.buckets = new Int32Array(size).fill(-1);
    if (size <= MAX_CACHE) {
      this.andCache = this.andCache.resized(size);
      this.orCache = this.orCache.resized(size);
    }
    for (let n = 2; n < this.count; n++) {
      const b = this.bucketOf(this.levels[n]!, this.lows[n]!, this.highs[n]!);
      this.nextInBucket[n] = this.buckets[b]!;
      this.buckets[b] = n;
    }
  }
}

/** A metric per BDD node for one pass over the diagrams (variable weights fixed during it).
 * Typed arrays indexed by node id with a generation stamp: starting a pass bumps the stamp instead
 * of clearing, and a lookup is an array read, not a hash — a what-if walks the diagrams of every
 * goal above the change, thousands of nodes per toggle. */
export class NodeMemo {
  values: Float64Array<ArrayBuffer> = new Float64Array(1024);
  stamps: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  generation = 1;

  /** `kept`: values that outlive the pass where they hold (`kept-metrics.ts`), consulted and
   * filled by the metric walks below. */
  constructor(readonly kept?: KeptValues) {}

  /** Forgets every value. */
  clear(): void {
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 0;
    }
    this.generation++;
  }

  /** Makes room for the node ids of `bdd` (which grows while a pass builds diagrams). */
  fit(bdd: BddManager): void {
    this.kept?.fit(bdd);
    this.values = grown(this.values, bdd.size);
    this.stamps = grown(this.stamps, bdd.size);
  }
}

/** `array` if it holds `size` entries, else a copy doubled in length until it does: memos indexed
 * by node id follow the manager as it grows. */
export function grown<
  T extends Float64Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>,
>(array: T, size: number): T {
  if (size <= array.length) return array;
  let length = Math.max(array.length, 1);
  while (length < size) length *= 2;
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}

/** Probability that the function is true when the variable at each level is true independently
 * with `probability[level]`: P(f) = p·P(f|x=1) + (1−p)·P(f|x=0). Exact on DAGs, unlike bottom-up
 * inclusion–exclusion, because a shared event is expanded once. */
export function bddProbability(
  bdd: BddManager,
  node: number,
  probability: ArrayLike<number>,
  memo: NodeMemo,
): number {
  memo.fit(bdd);
  return probabilityOf(bdd, node, probability, memo);
}

function probabilityOf(
  bdd: BddManager,
  node: number,
  probability: ArrayLike<number>,
  memo: NodeMemo,
): number {
  if (node === ZERO) return 0;
  if (node === ONE) return 1;
  if (memo.stamps[node] === memo.generation) return memo.values[node]!;
  const kept = keptFor(bdd, node, memo);
  if (kept !== undefined && kept.known[node] === 1) return kept.values[node]!;
  const p = probability[bdd.level(node)]!;
  const value =
    p * probabilityOf(bdd, bdd.high(node), probability, memo) +
    (1 - p) * probabilityOf(bdd, bdd.low(node), probability, memo);
  remember(node, value, memo, kept);
  return value;
}

/** The kept values of `memo` if they hold for `node` now. */
function keptFor(bdd: BddManager, node: number, memo: NodeMemo): KeptValues | undefined {
  const { kept } = memo;
  return kept !== undefined && kept.watch.holds(bdd.level(node), bdd.deepest(node)) ? kept : undefined;
}

function remember(node: number, value: number, memo: NodeMemo, kept: KeptValues | undefined): void {
  memo.stamps[node] = memo.generation;
  memo.values[node] = value;
  if (kept !== undefined) {
    kept.known[node] = 1;
    kept.values[node] = value;
  }
}

/** Least total weight of the variables set true on a path to ONE: the cheapest attack, each
 * basic event paid once however many parents share it. For monotone functions the cheapest
 * satisfying assignment is such a path. */
export function bddMinWeight(
  bdd: BddManager,
  node: number,
  weight: ArrayLike<number>,
  memo: NodeMemo,
): number {
  memo.fit(bdd);
  return minWeightOf(bdd, node, weight, memo);
}

function minWeightOf(bdd: BddManager, node: number, weight: ArrayLike<number>, memo: NodeMemo): number {
  if (node === ZERO) return Infinity;
  if (node === ONE) return 0;
  if (memo.stamps[node] === memo.generation) return memo.values[node]!;
  const kept = keptFor(bdd, node, memo);
  if (kept !== undefined && kept.known[node] === 1) return kept.values[node]!;
  const low = minWeightOf(bdd, bdd.low(node), weight, memo);
  const high = weight[bdd.level(node)]! + minWeightOf(bdd, bdd.high(node), weight, memo);
  const value = low < high ? low : high;
  remember(node, value, memo, kept);
  return value;
}
