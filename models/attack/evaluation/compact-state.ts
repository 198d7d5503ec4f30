import type { BddManager } from './bdd';
import type { EvaluationState } from './node-results';

/** Compact when the manager is this full... */
const COMPACT_AT = 0.9;
/** ...or this full, when there is time to spare (`compactWhenNearlyFull`). */
export const COMPACT_WHEN_IDLE_AT = 0.75;
/** ...and has grown by this share of its limit since it was made by compaction. */
const GROWTH_SINCE_COMPACTION = 0.1;

/** Size of each manager right after it was made by compaction. */
const compactedSizes = new WeakMap<BddManager, number>();

/** Whether a what-if starting from `state` should first move it to a fresh manager: every
 * what-if leaves the diagrams it rebuilt in the manager it shares with its baseline (on a
 * 500-service system up to 10,000 nodes a toggle in view, 200,000 in full), so a long session
 * would otherwise reach the node limit and fall back to bounds. Not again until the manager has
 * grown, so a baseline that itself nearly fills the limit is not copied on every toggle. `at`: the
 * share of the limit from which to compact. */
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
  const { manager, ids } = state.bdd.compacted(state.results.toArray().map((r) => r?.bdd ?? -1));
  compactedSizes.set(manager, manager.size);
  return {
    ...state,
    bdd: manager,
    results: state.results.map((r) => (r && r.bdd >= 0 ? { ...r, bdd: ids[r.bdd]! } : r)),
  };
}
