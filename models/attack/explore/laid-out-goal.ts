import { layoutTidyTree, type TidyLayout } from '../../layout/attack-tree-layout';
import type { AttackTree } from '../tree/attack-tree';
import type { GoalView } from './goal-view';
import { appearanceOf, type NodeAppearance } from './node-appearance';

/** A goal view with every node's look and place: what the explorer and the tree export draw. */
export interface LaidOutGoal {
  view: GoalView;
  appearance: Map<string, NodeAppearance>;
  layout: TidyLayout;
}

export function layOutGoalView(tree: AttackTree, view: GoalView): LaidOutGoal {
  const appearance = new Map<string, NodeAppearance>();
  for (const node of view.nodes) appearance.set(node.key, appearanceOf(tree.nodes.get(node.node), node));
  const layout = layoutTidyTree(view.root, (node) => appearance.get(node.key)!, { gap: 18, levelGap: 44 });
  return { view, appearance, layout };
}
