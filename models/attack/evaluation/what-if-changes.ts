import type { MitigationId } from '../../mitigations/mitigation-ids';
import type { AssumptionHolds, AttackTree, NodeId, TreeNode } from '../tree/attack-tree';
import { LayeredMap } from '../tree/layered-map';

/** A workshop question: "what if this defence were (not) in place", "what if this mitigation were
 * implemented everywhere it applies", "what if this host fact held". */
export type WhatIfChange =
  | { kind: 'defence'; id: NodeId; active: boolean }
  | { kind: 'mitigation'; mitigation: MitigationId; active: boolean }
  | { kind: 'assumption'; id: NodeId; holds: AssumptionHolds };

export interface AppliedChanges {
  tree: AttackTree;
  /** Nodes whose state actually changed, in the order of the changes. */
  changed: NodeId[];
  /** Changes naming no defence/assumption (or no defence with that mitigation). */
  ignored: WhatIfChange[];
}

/** The tree with the changes applied; nodes not changed are shared with the input. Later changes
 * win over earlier ones on the same node. */
export function applyChanges(tree: AttackTree, changes: readonly WhatIfChange[]): AppliedChanges {
  const updated = new Map<NodeId, TreeNode>();
  const ignored: WhatIfChange[] = [];
  const current = (id: NodeId): TreeNode | undefined => updated.get(id) ?? tree.nodes.get(id);
  for (const change of changes) {
    if (change.kind === 'mitigation') {
      let hit = false;
      for (const node of tree.nodes.values()) {
        if (node.kind !== 'defence' || node.mitigation !== change.mitigation) continue;
        hit = true;
        const latest = current(node.id) as typeof node;
        updated.set(node.id, { ...latest, active: change.active });
      }
      if (!hit) ignored.push(change);
      continue;
    }
    const node = current(change.id);
    if (change.kind === 'defence' && node?.kind === 'defence') {
      updated.set(node.id, { ...node, active: change.active });
    } else if (change.kind === 'assumption' && node?.kind === 'assumption') {
      updated.set(node.id, { ...node, holds: change.holds });
    } else ignored.push(change);
  }

  const replacements: [NodeId, TreeNode][] = [];
  const changed: NodeId[] = [];
  for (const [id, node] of updated) {
    const before = tree.nodes.get(id)!;
    const differs =
      (node.kind === 'defence' && before.kind === 'defence' && node.active !== before.active) ||
      (node.kind === 'assumption' && before.kind === 'assumption' && node.holds !== before.holds);
    if (!differs) continue;
    replacements.push([id, node]);
    changed.push(id);
  }
  const nodes = LayeredMap.replace(tree.nodes, replacements);
  return { tree: changed.length === 0 ? tree : { nodes }, changed, ignored };
}
