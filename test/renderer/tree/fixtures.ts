import { evaluateTree } from '../../../models/attack/evaluation';
import { TreeBuilder } from '../../../models/attack/tree/tree-builder';
import { treeGraph } from '../../../models/attack/tree/tree-graph';
import type { ThreatModel } from '../../../models/model/threat-model';
import type { TreeDerivation } from '../../../renderer/tree/tree-derivation';

/**
 * A small system: root on the host via `web` (two ways, one behind a missing seccomp profile)
 * or via `db` (needs an unknown host fact); a second goal shares the web foothold.
 */
export function sampleTree() {
  return new TreeBuilder()
    .goal('goal:host-root', 'OR', ['web-root', 'db-root'], { label: 'root on the host' })
    .goal('goal:data', 'OR', ['web-foothold'], { label: 'read the data' })
    .and('web-root', ['web-foothold', 'escape'])
    .or('web-foothold', ['rce', 'image'])
    .and('db-root', ['db-shell', 'assume:kernel-patched=false'])
    .step(
      'rce',
      { cost: 2 },
      { elementId: 'compose:web', evidence: [{ file: 'compose.yml', line: 4, column: 5 }] },
    )
    .step('image', { cost: 5 }, { elementId: 'compose:web' })
    .step('escape', { cost: 1 }, { elementId: 'compose:web', label: 'escape via mount' })
    .step('db-shell', { cost: 3 }, { elementId: 'compose:db' })
    .assumption('assume:kernel-patched=false', 'unknown', { key: 'kernel-patched', value: 'false' })
    .defence('defence:seccomp-profile@compose:web', ['escape'], {
      active: false,
      mitigation: 'seccomp-profile',
      label: 'seccomp profile (web)',
    })
    .defence('defence:no-privileged@compose:db', ['db-shell'], {
      active: false,
      mitigation: 'no-privileged',
      label: 'not privileged (db)',
    })
    .build();
}

export function sampleDerivation(): TreeDerivation {
  const tree = sampleTree();
  return {
    tree,
    graph: treeGraph(tree),
    evaluation: evaluateTree(tree),
    goals: [
      { id: 'goal:data', kind: 'data', title: 'read the data', target: 'compose:db' },
      { id: 'goal:host-root', kind: 'host-root', title: 'root on the host', target: 'host:local' },
    ],
  };
}

/** A derive function that counts its calls. */
export function countingDerive() {
  const calls: ThreatModel[] = [];
  return {
    calls,
    derive: (model: ThreatModel) => {
      calls.push(model);
      return sampleDerivation();
    },
  };
}
