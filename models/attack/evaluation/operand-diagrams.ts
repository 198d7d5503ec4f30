import { BddOverflow, ONE, type BddManager } from './bdd';
import type { CombinedDiagram } from './node-result';

/** OR (or AND) of a node's operand diagrams, −1 if any is missing or the node limit is reached.
 * The operands are combined deepest first — the one whose top variable comes last in the order
 * first — so each step adds a diagram that lies above the accumulated one: apply then only walks
 * the new operand down to where the accumulated diagram starts, instead of walking the growing
 * result again for every operand (an OR over n disjoint blocks costs their total size, not n
 * times it). The function, and so every metric, does not depend on the order of the operations.
 *
 * With `defer`, the last operation is left undone when it would combine two diagrams (see
 * `worthDeferring`): the operand that starts highest is then `wide`, all the others combined
 * `narrow`, and the result is that pair instead of a diagram. */
export function combineDiagrams(
  bdd: BddManager,
  bdds: readonly number[],
  conjunction: boolean,
  defer: boolean,
): number | CombinedDiagram {
  for (const f of bdds) if (f < 0) return -1;
  const operands = bdds.length > 1 ? deepestFirst(bdd, bdds) : bdds;
  const last = operands.length - 1;
  let acc = operands[0]!;
  try {
    for (let k = 1; k <= last; k++) {
      const next = operands[k]!;
      if (k === last && defer && worthDeferring(bdd, acc, next))
        return { narrow: acc, wide: next, conjunction };
      acc = conjunction ? bdd.and(acc, next) : bdd.or(acc, next);
    }
  } catch (error) {
    if (error instanceof BddOverflow) return -1;
    throw error;
  }
  return acc;
}

/** Node ids and levels stay below 2^26 (`bdd.ts`): a (level, id) pair is one exact double. */
const ID_RANGE = 0x4000000;

/** The diagrams ordered by top level, deepest first, then by id. A hub's OR sorts over a thousand
 * operands on every what-if: as keys in a typed array, without a comparator; a handful in place. */
function deepestFirst(bdd: BddManager, bdds: readonly number[]): number[] {
  if (bdds.length <= 8) {
    const sorted = [...bdds];
    for (let k = 1; k < sorted.length; k++) {
      const f = sorted[k]!;
      const key = orderKey(bdd, f);
      let j = k - 1;
      while (j >= 0 && orderKey(bdd, sorted[j]!) > key) {
        sorted[j + 1] = sorted[j]!;
        j--;
      }
      sorted[j + 1] = f;
    }
    return sorted;
  }
  const keys = new Float64Array(bdds.length);
  for (let k = 0; k < bdds.length; k++) keys[k] = orderKey(bdd, bdds[k]!);
  keys.sort();
  const sorted = new Array<number>(bdds.length);
  for (let k = 0; k < keys.length; k++) sorted[k] = keys[k]! % ID_RANGE;
  return sorted;
}

/** Deeper top level first (terminals deepest), then the lower id. */
function orderKey(bdd: BddManager, f: number): number {
  return (ID_RANGE - 1 - Math.min(bdd.level(f), ID_RANGE - 1)) * ID_RANGE + f;
}

/** Whether combining `narrow` with `wide` (which starts higher) costs more than reading the
 * metrics off both: not when either is a terminal or both are the same, nor when `wide` is one
 * variable above all of `narrow` (a goal's own step before a shared sub-goal), which the
 * combination adds as one node. */
function worthDeferring(bdd: BddManager, narrow: number, wide: number): boolean {
  if (narrow <= ONE || wide <= ONE || narrow === wide) return false;
  const single = bdd.low(wide) <= ONE && bdd.high(wide) <= ONE;
  return !(single && bdd.deepest(wide) < bdd.level(narrow));
}

/** `op()`, or −1 when it reaches the manager's node limit. */
export function guarded(op: () => number): number {
  try {
    return op();
  } catch (error) {
    if (error instanceof BddOverflow) return -1;
    throw error;
  }
}

/** `a ∧ b`, or `a ∨ b`. */
export function operation(bdd: BddManager, a: number, b: number, conjunction: boolean): number {
  return conjunction ? bdd.and(a, b) : bdd.or(a, b);
}
