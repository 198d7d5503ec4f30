import { ONE, ZERO, type BddManager } from './bdd';
import { OperationCache } from './operation-cache';

/** Minimal attacks of a node, read off its BDD (Rauzy, "New algorithms for fault trees
 * analysis", Reliability Eng. & System Safety 40(3), 1993). The minimal solutions of a monotone
 * function f = x·f1 + ¬x·f0 (f0 ≤ f1) are
 *
 *     MinSol(f) = MinSol(f0) ∪ { {x} ∪ s : s ∈ MinSol(f1) without supersets of MinSol(f0) }
 *
 * — subsumption pruning done once per BDD node on a zero-suppressed BDD (Minato 1993), which
 * holds families of sets compactly however many sets they have. Minimal solutions are memoised
 * per node for the lifetime of the manager, so a what-if re-lists only the attacks of nodes whose
 * function changed; `without` has a computed table of bounded size. The count is exact; listing takes the k cheapest by best-first search (A*) with an
 * exact heuristic — the cheapest completion of each ZDD node — so a cut list is the cheapest
 * prefix of the family. */

/** Per manager: the minimal-solution ZDD of each BDD node (stored plus one, 0 = not yet known),
 * and a computed table for `without`. Typed arrays, not Maps: listing the attacks of a hub after
 * a what-if runs `without` tens of thousands of times, and a Map of pairs hashes slowly and
 * stalls when it grows. */
interface Memo {
  minimal: Int32Array<ArrayBuffer>;
  without: OperationCache;
}

const memos = new WeakMap<BddManager, Memo>();

function memoOf(bdd: BddManager): Memo {
  let memo = memos.get(bdd);
  if (!memo) {
    memo = { minimal: new Int32Array(1024), without: new OperationCache(1024) };
    memos.set(bdd, memo);
  }
  if (memo.minimal.length < bdd.size) {
    let size = memo.minimal.length;
    while (size < bdd.size) size *= 2;
    const minimal = new Int32Array(size);
    minimal.set(memo.minimal);
    memo.minimal = minimal;
    memo.without = memo.without.resized(Math.min(size, MAX_WITHOUT_CACHE));
  }
  return memo;
}

/** Entries of the `without` table at most (16 bytes each). */
const MAX_WITHOUT_CACHE = 1 << 21;

/** The ZDD of minimal solutions of the monotone function `f` (a BDD node). */
export function minimalSolutions(bdd: BddManager, f: number): number {
  if (f === ZERO) return ZERO;
  if (f === ONE) return ONE;
  const memo = memoOf(bdd);
  const known = memo.minimal[f]!;
  if (known !== 0) return known - 1;
  const low = minimalSolutions(bdd, bdd.low(f));
  const high = without(bdd, minimalSolutions(bdd, bdd.high(f)), low);
  const result = bdd.zdd(bdd.level(f), low, high);
  memoOf(bdd).minimal[f] = result + 1;
  return result;
}

/** The sets of family F that contain no set of family G (both ZDDs). */
export function without(bdd: BddManager, F: number, G: number): number {
  if (F === ZERO || G === ZERO) return F;
  if (F === G || containsEmpty(bdd, G)) return ZERO;
  if (F === ONE) return ONE;
  const known = memoOf(bdd).without.get(F, G);
  if (known >= 0) return known;
  const lf = bdd.level(F);
  const lg = G === ONE ? Infinity : bdd.level(G);
  let result: number;
  if (lf < lg) {
    // Sets of G lack F's top variable: they are subsets either way.
    result = bdd.zdd(lf, without(bdd, bdd.low(F), G), without(bdd, bdd.high(F), G));
  } else if (lg < lf) {
    // No set of F has G's top variable, so only G's sets without it can be subsets.
    result = without(bdd, F, bdd.low(G));
  } else {
    const low = without(bdd, bdd.low(F), bdd.low(G));
    const high = without(bdd, without(bdd, bdd.high(F), bdd.low(G)), bdd.high(G));
    result = bdd.zdd(lf, low, high);
  }
  memoOf(bdd).without.set(F, G, result);
  return result;
}

function containsEmpty(bdd: BddManager, family: number): boolean {
  let n = family;
  while (n !== ZERO && n !== ONE) n = bdd.low(n);
  return n === ONE;
}

/** Number of sets in a ZDD family, each variable counting `multiplicity(level)` times (a module
 * atom stands for as many attacks as the module has). */
export function countSets(
  bdd: BddManager,
  family: number,
  multiplicity: (level: number) => number,
  memo: Map<number, number>,
): number {
  if (family === ZERO) return 0;
  if (family === ONE) return 1;
  const known = memo.get(family);
  if (known !== undefined) return known;
  const value =
    countSets(bdd, bdd.low(family), multiplicity, memo) +
    multiplicity(bdd.level(family)) * countSets(bdd, bdd.high(family), multiplicity, memo);
  memo.set(family, value);
  return value;
}

interface Path {
  level: number;
  previous: Path | undefined;
}

interface Entry {
  node: number;
  cost: number;
  key: number;
  path: Path | undefined;
  seq: number;
}

/** The `k` cheapest sets of a ZDD family (variables ascending), cheapest first; ties in the
 * order of the diagram, so the result is deterministic. `more` says whether sets were left out. */
export function cheapestSets(
  bdd: BddManager,
  family: number,
  k: number,
  weight: (level: number) => number,
): { sets: number[][]; more: boolean } {
  const best = new Map<number, number>();
  const cheapest = (n: number): number => {
    if (n === ZERO) return Infinity;
    if (n === ONE) return 0;
    const known = best.get(n);
    if (known !== undefined) return known;
    const value = Math.min(cheapest(bdd.low(n)), weight(bdd.level(n)) + cheapest(bdd.high(n)));
    best.set(n, value);
    return value;
  };
  const sets: number[][] = [];
  if (family === ZERO) return { sets, more: false };
  const heap = new EntryHeap();
  let seq = 0;
  const push = (node: number, cost: number, path: Path | undefined): void => {
    heap.push({ node, cost, key: cost + cheapest(node), path, seq: seq++ });
  };
  push(family, 0, undefined);
  while (heap.size > 0 && sets.length < k) {
    const e = heap.pop()!;
    if (e.node === ONE) {
      const set: number[] = [];
      for (let p = e.path; p; p = p.previous) set.push(p.level);
      sets.push(set.reverse());
      continue;
    }
    const level = bdd.level(e.node);
    const low = bdd.low(e.node);
    if (low !== ZERO) push(low, e.cost, e.path);
    push(bdd.high(e.node), e.cost + weight(level), { level, previous: e.path });
  }
  return { sets, more: heap.size > 0 };
}

/** A binary min-heap on (key, seq). */
class EntryHeap {
  private readonly items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  push(entry: Entry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): Entry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l]!, items[m]!)) m = l;
        if (r < items.length && before(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}
