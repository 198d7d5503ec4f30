import type { WhatIfChange } from '../../models/attack/evaluation';
import { ASSUMPTIONS, type AssumptionKey, type AssumptionValue } from '../../models/attack/rules/assumptions';
import type {
  AssumptionHolds,
  AssumptionNode,
  AttackTree,
  DefenceNode,
} from '../../models/attack/tree/attack-tree';
import { MITIGATION_IDS, type MitigationId } from '../../models/mitigations/mitigation-ids';

/**
 * A what-if scenario is a list of hypothetical changes on top of the model (a defence in place or
 * not, a mitigation implemented everywhere, a host fact holding or not). It is never saved: the
 * explorer shows it as a delta against the model's real state, and "adopt" turns it into model
 * edits — activated controls become `planned` mitigation states, host facts become assumptions.
 */

/** Two changes are about the same thing when a later one replaces the earlier one. */
function subjectOf(change: WhatIfChange): string {
  if (change.kind === 'mitigation') return `mitigation:${change.mitigation}`;
  return `${change.kind}:${change.id}`;
}

/** The scenario with `change` added; a change back to the model's real state removes the entry. */
export function withChange(
  tree: AttackTree,
  scenario: readonly WhatIfChange[],
  change: WhatIfChange,
): WhatIfChange[] {
  const others = scenario.filter((c) => subjectOf(c) !== subjectOf(change));
  return isRealState(tree, change) ? others : [...others, change];
}

function isRealState(tree: AttackTree, change: WhatIfChange): boolean {
  if (change.kind === 'mitigation') return false;
  const node = tree.nodes.get(change.id);
  if (change.kind === 'defence') return node?.kind === 'defence' && node.active === change.active;
  return node?.kind === 'assumption' && node.holds === change.holds;
}

/** The element or flow a generated defence protects and the mitigation it stands for, read from
 * its id (`defence:<mitigation>@<target>[:partial]`). */
export function defenceTarget(
  defence: DefenceNode,
): { target: string; mitigation: MitigationId } | undefined {
  const match = /^defence:([a-z-]+)@(.+?)(:partial)?$/.exec(defence.id);
  const mitigation = (defence.mitigation ?? match?.[1]) as MitigationId | undefined;
  if (!match || !mitigation || !(MITIGATION_IDS as readonly string[]).includes(mitigation)) return undefined;
  return { target: match[2]!, mitigation };
}

/** The assumption value that makes a host-fact leaf hold (or not). */
export function assumptionValueFor(
  node: AssumptionNode,
  holds: AssumptionHolds,
): { key: AssumptionKey; value: AssumptionValue } | undefined {
  const catalogue = ASSUMPTIONS[node.key as AssumptionKey];
  if (!catalogue) return undefined;
  if (holds === 'unknown') return { key: catalogue.key, value: 'unknown' };
  const stated: AssumptionValue =
    node.value === 'true' ? true : node.value === 'false' ? false : (node.value as AssumptionValue);
  if (holds) return { key: catalogue.key, value: stated };
  const other = catalogue.values.find((v) => v !== stated && v !== 'unknown');
  return other === undefined ? undefined : { key: catalogue.key, value: other };
}

export interface ScenarioAdoption {
  /** Mitigation states to set to `planned`, by target and mitigation. */
  planned: { target: string; mitigation: MitigationId }[];
  assumptions: Partial<Record<AssumptionKey, AssumptionValue>>;
}

/** The model edits a scenario stands for. Deactivating a control in a scenario is a question, not
 * a plan, so it adopts nothing. */
export function adoptionOf(tree: AttackTree, scenario: readonly WhatIfChange[]): ScenarioAdoption {
  const planned = new Map<string, { target: string; mitigation: MitigationId }>();
  const assumptions: Partial<Record<AssumptionKey, AssumptionValue>> = {};
  const plan = (defence: DefenceNode) => {
    const at = defenceTarget(defence);
    if (at) planned.set(`${at.target}\u0000${at.mitigation}`, at);
  };
  for (const change of scenario) {
    if (change.kind === 'mitigation') {
      if (!change.active) continue;
      for (const node of tree.nodes.values())
        if (node.kind === 'defence' && !node.active && node.mitigation === change.mitigation) plan(node);
    } else if (change.kind === 'defence') {
      const node = tree.nodes.get(change.id);
      if (change.active && node?.kind === 'defence' && !node.active) plan(node);
    } else {
      const node = tree.nodes.get(change.id);
      const set = node?.kind === 'assumption' ? assumptionValueFor(node, change.holds) : undefined;
      if (set) assumptions[set.key] = set.value;
    }
  }
  return {
    planned: [...planned.values()].sort((a, b) =>
      a.target !== b.target ? (a.target < b.target ? -1 : 1) : a.mitigation < b.mitigation ? -1 : 1,
    ),
    assumptions,
  };
}
