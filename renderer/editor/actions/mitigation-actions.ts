import type { MitigationStateEdit } from '../../../models/model/threat-model';
import type { MitigationId, MitigationState } from '../../../models/mitigations/mitigation-ids';
import type { Action } from './action';

export interface MitigationStateChange {
  target: string;
  mitigation: MitigationId;
  /** Null puts the configuration's evidence back in charge. */
  state: MitigationState | null;
  reason?: string;
  /** ISO 8601 time of the edit. */
  at: string;
}

function compareEdits(a: MitigationStateEdit, b: MitigationStateEdit): number {
  if (a.target !== b.target) return a.target < b.target ? -1 : 1;
  return a.mitigation < b.mitigation ? -1 : a.mitigation > b.mitigation ? 1 : 0;
}

/** Sets (or clears) the state of one mitigation on one element or flow. */
export const setMitigationState: Action<MitigationStateChange> = {
  name: 'set-mitigation-state',
  label: 'action.set-mitigation-state',
  perform({ scene }, { target, mitigation, state, reason, at }) {
    const { model } = scene;
    const others = model.mitigationStates.filter(
      (s) => !(s.target === target && s.mitigation === mitigation),
    );
    const existing = model.mitigationStates.find((s) => s.target === target && s.mitigation === mitigation);
    if (state === null && !existing) return null;
    const trimmed = reason?.trim();
    if (existing && state === existing.state && (trimmed || undefined) === existing.reason) return null;
    const mitigationStates =
      state === null
        ? others
        : [...others, { target, mitigation, state, ...(trimmed ? { reason: trimmed } : {}), at }].sort(
            compareEdits,
          );
    return { scene: { ...scene, model: { ...model, mitigationStates } }, commit: true };
  },
};
