import type { AssumptionKey, AssumptionValue } from '../../../models/attack/rules/assumptions';
import type { MitigationId } from '../../../models/mitigations/mitigation-ids';
import type {
  MitigationStateEdit,
  ThreatModel,
  UserTreeNode,
  WorkshopDecision,
} from '../../../models/model/threat-model';
import { upsertSorted } from '../scene';
import type { Action, ActionResult, ActionContext } from './action';

/** Commands of the attack-tree explorer and the workshop walkthrough that change the model:
 * each one is a single undoable step, saved like any other edit. */

function withModel({ scene }: ActionContext, model: ThreatModel): ActionResult {
  return { scene: { ...scene, model }, commit: true };
}

/** Records (or replaces, by id) what a workshop decided about a tree node. */
export const recordDecision: Action<WorkshopDecision> = {
  name: 'record-decision',
  label: 'action.record-decision',
  perform(context, decision) {
    const { model } = context.scene;
    const clean: WorkshopDecision = {
      id: decision.id,
      node: decision.node,
      ...(decision.goal ? { goal: decision.goal } : {}),
      decision: decision.decision,
      ...(decision.owner?.trim() ? { owner: decision.owner.trim() } : {}),
      ...(decision.due?.trim() ? { due: decision.due.trim() } : {}),
      ...(decision.note?.trim() ? { note: decision.note.trim() } : {}),
      ...(decision.mitigation ? { mitigation: decision.mitigation } : {}),
      at: decision.at,
    };
    return withModel(context, { ...model, decisions: upsertSorted(model.decisions, clean) });
  },
};

export const removeDecision: Action<{ id: string }> = {
  name: 'remove-decision',
  label: 'action.remove-decision',
  perform(context, { id }) {
    const { model } = context.scene;
    if (!model.decisions.some((d) => d.id === id)) return null;
    return withModel(context, { ...model, decisions: model.decisions.filter((d) => d.id !== id) });
  },
};

/** Adds a step, defence or note of the user's own under a node of a generated tree. */
export const addTreeNode: Action<UserTreeNode> = {
  name: 'add-tree-node',
  label: 'action.add-tree-node',
  perform(context, node) {
    const { model } = context.scene;
    const label = node.label.trim();
    if (!label || !node.parent || model.treeNodes.some((n) => n.id === node.id)) return null;
    return withModel(context, { ...model, treeNodes: upsertSorted(model.treeNodes, { ...node, label }) });
  },
};

export const removeTreeNode: Action<{ id: string }> = {
  name: 'remove-tree-node',
  label: 'action.remove-tree-node',
  perform(context, { id }) {
    const { model } = context.scene;
    if (!model.treeNodes.some((n) => n.id === id)) return null;
    // Nodes hung under the removed one go with it.
    const gone = new Set([id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const n of model.treeNodes)
        if (!gone.has(n.id) && gone.has(n.parent)) {
          gone.add(n.id);
          grew = true;
        }
    }
    return withModel(context, { ...model, treeNodes: model.treeNodes.filter((n) => !gone.has(n.id)) });
  },
};

/** Sets a host assumption; null puts the catalogue default back. */
export const setAssumption: Action<{ key: AssumptionKey; value: AssumptionValue | null }> = {
  name: 'set-assumption',
  label: 'action.set-assumption',
  perform(context, { key, value }) {
    const { model } = context.scene;
    if (value === null ? !(key in model.assumptions) : model.assumptions[key] === value) return null;
    const assumptions = { ...model.assumptions };
    if (value === null) delete assumptions[key];
    else assumptions[key] = value;
    return withModel(context, { ...model, assumptions });
  },
};

export interface WhatIfAdoption {
  planned: { target: string; mitigation: MitigationId }[];
  assumptions: Partial<Record<AssumptionKey, AssumptionValue>>;
  /** ISO 8601 time of the edit. */
  at: string;
}

/** Turns a what-if scenario into model edits in one step: the controls it switched on become
 * `planned` (an explicit state the user set is kept), its host facts become assumptions. */
export const adoptWhatIf: Action<WhatIfAdoption> = {
  name: 'adopt-what-if',
  label: 'action.adopt-what-if',
  perform(context, { planned, assumptions, at }) {
    const { model } = context.scene;
    const key = (e: { target: string; mitigation: string }) => `${e.target}\u0000${e.mitigation}`;
    const existing = new Set(model.mitigationStates.map(key));
    const added: MitigationStateEdit[] = planned
      .filter((p) => !existing.has(key(p)))
      .map((p) => ({ target: p.target, mitigation: p.mitigation, state: 'planned', at }));
    const changedAssumptions = Object.entries(assumptions).filter(
      ([k, v]) => model.assumptions[k as AssumptionKey] !== v,
    );
    if (added.length === 0 && changedAssumptions.length === 0) return null;
    const mitigationStates = [...model.mitigationStates, ...added].sort((a, b) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0,
    );
    return withModel(context, {
      ...model,
      mitigationStates,
      assumptions: { ...model.assumptions, ...Object.fromEntries(changedAssumptions) },
    });
  },
};

export const TREE_ACTIONS = [
  recordDecision,
  removeDecision,
  addTreeNode,
  removeTreeNode,
  setAssumption,
  adoptWhatIf,
] as Action<never>[];
