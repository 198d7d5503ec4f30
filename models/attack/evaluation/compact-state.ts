import type { BddManager } from './bdd';
import { isStacked, resultWith, type DeferredDiagram } from './node-result';
import { DIAGRAM_NODES_PER_TREE_NODE, type EvaluationState } from './node-results';

/** Compact when the manager is this full... */
const COMPACT_AT = 0.9;
/** ...or this full, when there is time to spare (`compactWhenNearlyFull`). */
export const COMPACT_WHEN_IDLE_AT = 0.75;
/** ...and has grown by this share of its limit since it was made by compaction. */
const GROWTH_SINCE_COMPACTION = 0.1;

/** Size of each manager right after it was made by compaction. */
const compactedSizes = new WeakMap<BddManager, number>();
/** Managers whose state moved to a fresh one. */
const retired = new WeakSet<BddManager>();
/** Per state on a retired manager, its copy on a fresh one, made when first needed. */
const roomierCopies = new WeakMap<EvaluationState, EvaluationState>();

/** Whether a what-if starting from `state` should first move it to a fresh manager: every what-if
 * leaves the diagrams it rebuilt in the manager it shares with its baseline (on a 500-service
 * system up to 15,000 nodes a toggle, and attack lists read after it more), so a long session would
 * otherwise reach the node limit and fall back to bounds. Not again until the manager has grown, so
 * a baseline that itself nearly fills the limit is not copied on every toggle. `at`: the share of
 * the limit from which to compact. */
export function needsCompaction(state: EvaluationState, at = COMPACT_AT): boolean {
  const { bdd } = state;
  const after = compactedSizes.get(bdd);
  return (
    bdd.size >= at * bdd.limit &&
    (after === undefined || bdd.size >= after + GROWTH_SINCE_COMPACTION * bdd.limit)
  );
}

/** The same state on a fresh manager that holds only the state's own diagrams. Node results are
 * copied with their diagram ids renumbered; attack lists hold no diagram ids and are kept. States
 * made from the old manager (earlier what-ifs) keep working on it. */
export function compactState(state: EvaluationState): EvaluationState {
  const roots = state.results
    .toArray()
    .flatMap((r) => (r?.deferred ? deferredOperands(r.deferred) : [r?.bdd ?? -1]));
  const { manager, ids } = state.bdd.compacted(
    roots,
    DIAGRAM_NODES_PER_TREE_NODE * state.compiled.ids.length,
  );
  compactedSizes.set(manager, manager.size);
  retired.add(state.bdd);
  return {
    ...state,
    bdd: manager,
    results: state.results.map((r) => {
      if (!r) return r;
      const { deferred } = r;
      if (!deferred)
        return r.bdd >= 0 ? resultWith(r, ids[r.bdd]!, undefined, r.cost, r.probability, r.exact) : r;
      const renumbered: DeferredDiagram = isStacked(deferred)
        ? { ...deferred, top: ids[deferred.top]! }
        : { ...deferred, narrow: ids[deferred.narrow]!, wide: ids[deferred.wide]! };
      return resultWith(r, r.bdd, renumbered, r.cost, r.probability, r.exact);
    }),
  };
}

/** The diagrams a deferred diagram is made of (a stacked one's lower part belongs to its node). */
function deferredOperands(deferred: DeferredDiagram): number[] {
  return isStacked(deferred) ? [deferred.top] : [deferred.narrow, deferred.wide];
}

/** For work that ran out of room on a manager that was compacted away: what-ifs made before the
 * compaction stay on it, and their attack lists, made when first read, fill it further (a list
 * needs its goal's diagram, deferred when the goal is standalone, and its minimal solutions). The
 * same state on a fresh manager that holds only its own diagrams, made once per state; undefined
 * while the manager is still in use, when its limit is the real one. */
export function roomierState(state: EvaluationState): EvaluationState | undefined {
  if (!retired.has(state.bdd)) return undefined;
  let copy = roomierCopies.get(state);
  if (!copy) roomierCopies.set(state, (copy = compactState(state)));
  return copy;
}
