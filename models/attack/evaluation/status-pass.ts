import { GATE_OR, NODE_ASSUMPTION, NODE_DEFENCE, NODE_GATE, NODE_STEP } from './compile-tree';
import type { NodeStatus } from './evaluation-types';
import type { EvaluationState } from './node-results';

const OPEN = 0;
const PARTIALLY_MITIGATED = 1;
const MITIGATED = 2;
/** The status named by each code `statusesAbove` answers with. */
export const STATUS_NAMES: readonly NodeStatus[] = ['open', 'partially-mitigated', 'mitigated'];

/**
 * The status (open / partially mitigated / mitigated) of nodes above a change, without BDDs.
 *
 * Status is decided by two bottom-up Booleans of `NodeResult` — `sat` (some attack is left) and
 * `clean` (one of them gets past no partial defence) — which are exact on DAGs because ∧ and ∨ are
 * idempotent. A what-if can therefore tell the status of every goal of a large system in a pass
 * over the changed nodes, long before their metrics and attack lists (which need BDDs) are known.
 * The rules are those of `evaluateNode` in `node-results.ts`, Boolean part only; a test holds the
 * two to the same answers.
 *
 * `state` carries the changed configuration (`active`, `holds`) and the results of the nodes that
 * did not change; `changed` lists the nodes to decide, dependencies first, and `isChanged` marks
 * them (their entries in `state.results` are stale). The answer is per node an index into
 * `STATUS_NAMES`, set for the changed nodes only: a typed array, not a map, since a toggle on a
 * large system decides a thousand nodes and more.
 */
export function statusesAbove(
  state: EvaluationState,
  changed: readonly number[],
  isChanged: Uint8Array,
): Uint8Array {
  const { compiled } = state;
  const sat = new Uint8Array(compiled.ids.length);
  const clean = new Uint8Array(compiled.ids.length);
  const statuses = new Uint8Array(compiled.ids.length);

  // How a parent sees child c (see `childView`): a child later in the order closes a cycle and
  // counts as impossible, as does one with no attack left.
  const childSat = (parent: number, c: number): boolean => {
    if (compiled.position[c]! >= compiled.position[parent]!) return false;
    return isChanged[c] ? sat[c] === 1 : state.results.get(c)?.sat === true;
  };
  const childClean = (parent: number, c: number): boolean =>
    childSat(parent, c) && (isChanged[c] ? clean[c] === 1 : state.results.get(c)!.clean);

  for (const i of changed) {
    let s: boolean;
    let k: boolean;
    switch (compiled.kind[i]) {
      case NODE_STEP:
        s = k = true;
        break;
      case NODE_ASSUMPTION:
        s = k = state.holds[i] !== 0;
        break;
      case NODE_GATE: {
        const children = compiled.children[i]!;
        if (children.length === 0) {
          s = k = false;
        } else if (compiled.gate[i] === GATE_OR) {
          s = k = false;
          for (const c of children) {
            s ||= childSat(i, c);
            k ||= childClean(i, c);
          }
        } else {
          s = k = true;
          for (const c of children) {
            s &&= childSat(i, c);
            k &&= childClean(i, c);
          }
        }
        break;
      }
      case NODE_DEFENCE: {
        // "Not stopped by this defence": free when inactive, else a counter-attack, or getting
        // past it when it is partial (which is never clean).
        if (!state.active[i]) {
          s = k = true;
          break;
        }
        let counterSat = false;
        let counterClean = false;
        for (const c of compiled.children[i]!) {
          counterSat ||= childSat(i, c);
          counterClean ||= childClean(i, c);
        }
        s = compiled.partial[i] ? true : counterSat;
        k = counterClean;
        break;
      }
      default:
        s = k = false;
    }
    for (const d of compiled.defences[i]!) {
      s &&= childSat(i, d);
      k &&= childClean(i, d);
    }
    sat[i] = s ? 1 : 0;
    clean[i] = s && k ? 1 : 0;
    statuses[i] = !s ? MITIGATED : k ? OPEN : PARTIALLY_MITIGATED;
  }
  return statuses;
}
