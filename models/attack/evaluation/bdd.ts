/** Reduced ordered binary decision diagrams (Bryant, IEEE Trans. Computers 1986), the exact engine
 * for DAG-shaped attack trees proposed by Budde & Stoelinga, "Efficient algorithms for quantitative
 * attack tree analysis", CSF 2021: the structure function of a node is built once as a BDD over its
 * basic events, and any metric that needs "a shared step counts once" is read off the diagram —
 * success probability by Shannon expansion, minimal cost as a shortest path to the 1-terminal.
 *
 * Variables are identified by their level (0 = tested first). A manager is append-only (hash
 * consing), so a node id denotes one Boolean function for the manager's lifetime; what-if
 * evaluations reuse the manager of their baseline and share every unchanged sub-diagram. */

export const ZERO = 0;
export const ONE = 1;

const TERMINAL_LEVEL = 0x7fffffff;
/** Operation caches key a pair of node ids as one number: ids stay below 2^26. */
const KEY_SPAN = 0x4000000;
/** Operation caches are memos only: they are emptied when they reach this size. */
const CACHE_LIMIT = 1 << 22;

/** Thrown when a diagram would exceed the manager's node limit; callers fall back to a bound. */
export class BddOverflow extends Error {
  constructor(limit: number) {
    super(`BDD node limit ${limit} reached`);
  }
}

export class BddManager {
  private levels: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private lows: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private highs: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private nextInBucket: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private buckets: Int32Array<ArrayBuffer> = new Int32Array(1024).fill(-1);
  private count = 2;
  private readonly andCache = new Map<number, number>();
  private readonly orCache = new Map<number, number>();

  readonly limit: number;

  constructor(limit: number) {
    this.limit = Math.min(Math.max(limit, 16), KEY_SPAN);
    this.levels[ZERO] = TERMINAL_LEVEL;
    this.levels[ONE] = TERMINAL_LEVEL;
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

  /** The function "variable at `level` is true". */
  variable(level: number): number {
    return this.make(level, ZERO, ONE);
  }

  and(a: number, b: number): number {
    if (a === ZERO || b === ZERO) return ZERO;
    if (a === ONE) return b;
    if (b === ONE || a === b) return a;
    if (a > b) [a, b] = [b, a];
    const key = a * KEY_SPAN + b;
    const cached = this.andCache.get(key);
    if (cached !== undefined) return cached;
    const la = this.levels[a]!;
    const lb = this.levels[b]!;
    const top = la < lb ? la : lb;
    const low = this.and(la === top ? this.lows[a]! : a, lb === top ? this.lows[b]! : b);
    const high = this.and(la === top ? this.highs[a]! : a, lb === top ? this.highs[b]! : b);
    const result = this.make(top, low, high);
    if (this.andCache.size >= CACHE_LIMIT) this.andCache.clear();
    this.andCache.set(key, result);
    return result;
  }

  or(a: number, b: number): number {
    if (a === ONE || b === ONE) return ONE;
    if (a === ZERO) return b;
    if (b === ZERO || a === b) return a;
    if (a > b) [a, b] = [b, a];
    const key = a * KEY_SPAN + b;
    const cached = this.orCache.get(key);
    if (cached !== undefined) return cached;
    const la = this.levels[a]!;
    const lb = this.levels[b]!;
    const top = la < lb ? la : lb;
    const low = this.or(la === top ? this.lows[a]! : a, lb === top ? this.lows[b]! : b);
    const high = this.or(la === top ? this.highs[a]! : a, lb === top ? this.highs[b]! : b);
    const result = this.make(top, low, high);
    if (this.orCache.size >= CACHE_LIMIT) this.orCache.clear();
    this.orCache.set(key, result);
    return result;
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
    this.nextInBucket = new Int32Array(size);
    this.buckets = new Int32Array(size).fill(-1);
    for (let n = 2; n < this.count; n++) {
      const b = this.bucketOf(this.levels[n]!, this.lows[n]!, this.highs[n]!);
      this.nextInBucket[n] = this.buckets[b]!;
      this.buckets[b] = n;
    }
  }
}

/** Probability that the function is true when each variable is true independently with
 * `probability(level)`: P(f) = p·P(f|x=1) + (1−p)·P(f|x=0). Exact on DAGs, unlike bottom-up
 * inclusion–exclusion, because a shared event is expanded once. */
export function bddProbability(
  bdd: BddManager,
  node: number,
  probability: (level: number) => number,
  memo: Map<number, number>,
): number {
  if (node === ZERO) return 0;
  if (node === ONE) return 1;
  const known = memo.get(node);
  if (known !== undefined) return known;
  const p = probability(bdd.level(node));
  const value =
    p * bddProbability(bdd, bdd.high(node), probability, memo) +
    (1 - p) * bddProbability(bdd, bdd.low(node), probability, memo);
  memo.set(node, value);
  return value;
}

/** Least total weight of the variables set true on a path to ONE: the cheapest attack, each
 * basic event paid once however many parents share it. For monotone functions the cheapest
 * satisfying assignment is such a path. */
export function bddMinWeight(
  bdd: BddManager,
  node: number,
  weight: (level: number) => number,
  memo: Map<number, number>,
): number {
  if (node === ZERO) return Infinity;
  if (node === ONE) return 0;
  const known = memo.get(node);
  if (known !== undefined) return known;
  const value = Math.min(
    bddMinWeight(bdd, bdd.low(node), weight, memo),
    weight(bdd.level(node)) + bddMinWeight(bdd, bdd.high(node), weight, memo),
  );
  memo.set(node, value);
  return value;
}
