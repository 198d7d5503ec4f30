import type { DecisionKind } from '../../models/model/threat-model';

export const DECISION_KINDS: readonly DecisionKind[] = ['mitigate', 'plan', 'accept', 'transfer'];

/** The decision kind after `kind` (the presenter's `D` key; Shift+D goes back). */
export function nextDecisionKind(kind: DecisionKind, step: 1 | -1 = 1): DecisionKind {
  const i = DECISION_KINDS.indexOf(kind);
  return DECISION_KINDS[(i + step + DECISION_KINDS.length) % DECISION_KINDS.length]!;
}
