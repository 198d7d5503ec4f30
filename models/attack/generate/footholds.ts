import type { Workload } from '../../import/workload';
import { ruleById } from '../rules/catalogue';
import type { NodeId } from '../tree/attack-tree';
import type { GeneratorContext } from './generator-context';
import { addRuleUse, instantiate } from './rule-uses';
import type { TreeAssembler } from './tree-assembler';

/** Rules that put the attacker into a container from outside (attack-trees.md R26, R31, R36). */
const ENTRY_RULES = ['R31', 'R26', 'R36'];

/**
 * The attacker's footholds: code execution in each workload (`exec:<id>`) and root in it
 * (`root:<id>`), shared by every goal that starts from there — this sharing is what makes the
 * generated trees DAGs.
 *
 * Code execution comes from outside (an exposed port, a mutable image, a build that pipes a
 * download into a shell) or from a neighbour over the network (R25). Lateral movement is unrolled
 * in breadth-first layers from the entry points, and a workload is attacked only from neighbours
 * in earlier layers: that keeps the graph acyclic and linear in size on large flat networks (one
 * shared "some workload on network N" node per layer instead of an edge per pair), while every
 * workload is still reached by its shortest paths.
 */
export class Footholds {
  private readonly exec = new Map<string, NodeId>();
  private readonly root = new Map<string, NodeId>();

  constructor(
    private readonly gen: GeneratorContext,
    private readonly tree: TreeAssembler,
  ) {}

  build(): void {
    const entries = new Map<string, NodeId[]>();
    for (const w of this.gen.workloads) {
      const uses: NodeId[] = [];
      for (const ruleId of ENTRY_RULES) {
        const rule = ruleById(ruleId)!;
        for (const c of w.containers) {
          const instance = instantiate(this.gen, rule, w, c, false);
          if (instance) uses.push(addRuleUse(this.gen, this.tree, instance, undefined));
        }
      }
      if (uses.length > 0) entries.set(w.id, uses);
    }
    const lateral = this.lateralMovement(new Set(entries.keys()));
    for (const w of this.gen.workloads) {
      const children = [...(entries.get(w.id) ?? []), ...(lateral.has(w.id) ? [lateral.get(w.id)!] : [])];
      if (children.length === 0) continue;
      this.exec.set(
        w.id,
        this.tree.gate(`exec:${w.id}`, 'subgoal', 'OR', `code execution in ${w.name}`, children),
      );
    }
    this.finishLateral(lateral);
    for (const [id, node] of this.exec) {
      // A planned lateral goal whose sources turned out unreachable is dropped from the OR.
      const goal = lateral.get(id);
      if (goal === undefined || this.tree.has(goal)) continue;
      const w = this.gen.workloads.find((x) => x.id === id)!;
      const rest = entries.get(id) ?? [];
      if (rest.length === 0) {
        this.tree.remove(node);
        this.exec.delete(id);
      } else {
        this.tree.gate(node, 'subgoal', 'OR', `code execution in ${w.name}`, rest);
      }
    }
    for (const w of this.gen.workloads) this.buildRoot(w);
  }

  execOf(workloadId: string): NodeId | undefined {
    return this.exec.get(workloadId);
  }

  rootOf(workloadId: string): NodeId | undefined {
    return this.root.get(workloadId);
  }

  /** Root in the container: it already runs as root (R21), or a setuid binary gets it there (R20). */
  private buildRoot(w: Workload): void {
    const exec = this.exec.get(w.id);
    if (!exec) return;
    const children: NodeId[] = [];
    for (const ruleId of ['R21', 'R20']) {
      for (const c of w.containers) {
        const instance = instantiate(this.gen, ruleById(ruleId)!, w, c, 'finding');
        if (instance) children.push(addRuleUse(this.gen, this.tree, instance, exec));
      }
    }
    if (children.length > 0)
      this.root.set(w.id, this.tree.gate(`root:${w.id}`, 'subgoal', 'OR', `root in ${w.name}`, children));
  }

  // Lateral movement ---------------------------------------------------------------------------

  /** Breadth-first layer of each workload reached from the entry points (0 = an entry point). */
  private readonly layer = new Map<string, number>();
  private readonly pendingLateral: { target: Workload; sources: NodeId[]; step: NodeId }[] = [];

  /** Computes the layers and plans one lateral node per workload a neighbour can attack; the
   * nodes are created in `finishLateral`, once the exec nodes of their sources exist. */
  private lateralMovement(entryIds: Set<string>): Map<string, NodeId> {
    const { reachability } = this.gen.analysis.topology;
    const workloadsById = new Map(this.gen.workloads.map((w) => [w.id, w]));
    const groupsById = new Map(reachability.groups.map((g) => [g.id, g]));
    const groupsOf = new Map<string, string[]>();
    for (const g of reachability.groups)
      for (const m of g.members) groupsOf.set(m, [...(groupsOf.get(m) ?? []), g.id]);
    const targetsOfGroup = new Map<string, string[]>();
    const targetsOfMember = new Map<string, string[]>();
    const targets = new Map<string, (typeof reachability.targets)[number]>();
    for (const t of reachability.targets) {
      const w = workloadsById.get(t.target);
      if (!w || !this.lateralStepPossible(w)) continue;
      targets.set(t.target, t);
      for (const g of t.fromGroups) targetsOfGroup.set(g, [...(targetsOfGroup.get(g) ?? []), t.target]);
      for (const r of t.reachableFrom) targetsOfMember.set(r, [...(targetsOfMember.get(r) ?? []), t.target]);
    }
    // A group is expanded once, when its first member is reached: linear in the network's size.
    let frontier = [...entryIds].sort();
    for (const id of frontier) this.layer.set(id, 0);
    const expanded = new Set<string>();
    for (let d = 0; frontier.length > 0; d++) {
      const next: string[] = [];
      const visit = (target: string) => {
        if (this.layer.has(target)) return;
        this.layer.set(target, d + 1);
        next.push(target);
      };
      for (const id of frontier) {
        for (const t of targetsOfMember.get(id) ?? []) visit(t);
        for (const g of groupsOf.get(id) ?? []) {
          if (expanded.has(g)) continue;
          expanded.add(g);
          for (const t of targetsOfGroup.get(g) ?? []) visit(t);
        }
      }
      frontier = next.sort();
    }
    const lateral = new Map<string, NodeId>();
    for (const [targetId, t] of [...targets].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const k = this.layer.get(targetId);
      // Entry points are not also attacked laterally: that edge would close a cycle, and they
      // are already compromised from outside.
      if (k === undefined || k === 0) continue;
      const sources: NodeId[] = [];
      for (const g of t.fromGroups) {
        const group = groupsById.get(g);
        if (group?.members.some((m) => m !== targetId && (this.layer.get(m) ?? Infinity) < k))
          sources.push(`${g}@${k - 1}`);
      }
      for (const r of t.reachableFrom) if ((this.layer.get(r) ?? Infinity) < k) sources.push(`exec:${r}`);
      if (sources.length === 0) continue;
      const target = workloadsById.get(targetId)!;
      const instance = instantiate(this.gen, ruleById('R25')!, target, target.containers[0]!, false)!;
      const id = `goal:lateral:${targetId}`;
      lateral.set(targetId, id);
      this.pendingLateral.push({
        target,
        sources,
        step: addRuleUse(this.gen, this.tree, instance, undefined),
      });
    }
    return lateral;
  }

  /** Creates the per-layer group nodes (`reach:<group>@<d>`: code execution in some member at
   * layer d or before) and the lateral goals. */
  private finishLateral(lateral: Map<string, NodeId>): void {
    const needed = new Map<string, number>();
    for (const p of this.pendingLateral) {
      for (const s of p.sources) {
        const m = /^(reach:.*)@(\d+)$/.exec(s);
        if (m) needed.set(m[1]!, Math.max(needed.get(m[1]!) ?? -1, Number(m[2])));
      }
    }
    const groups = new Map(this.gen.analysis.topology.reachability.groups.map((g) => [g.id, g]));
    for (const [groupId, maxLayer] of [...needed].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const group = groups.get(groupId)!;
      const name = groupId.replace(/^reach:[a-z-]+:/, '');
      let previous: NodeId | undefined;
      for (let d = 0; d <= maxLayer; d++) {
        const atLayer = group.members
          .filter((m) => this.layer.get(m) === d && this.exec.has(m))
          .map((m) => this.exec.get(m)!);
        const children = [...(previous ? [previous] : []), ...atLayer];
        if (children.length === 0) continue;
        previous = this.tree.gate(
          `${groupId}@${d}`,
          'subgoal',
          'OR',
          `code execution in a workload on ${name}`,
          children,
        );
      }
    }
    for (const p of this.pendingLateral) {
      const sources = p.sources.filter((s) => this.tree.has(s));
      if (sources.length === 0) continue;
      const from =
        sources.length === 1
          ? sources[0]!
          : this.tree.gate(
              `neighbours:${p.target.id}`,
              'subgoal',
              'OR',
              `code execution in a neighbour of ${p.target.name}`,
              sources,
            );
      this.tree.gate(lateral.get(p.target.id)!, 'goal', 'SAND', `move laterally into ${p.target.name}`, [
        from,
        p.step,
      ]);
    }
  }

  private lateralStepPossible(w: Workload): boolean {
    return (
      w.containers.length > 0 &&
      instantiate(this.gen, ruleById('R25')!, w, w.containers[0]!, false) !== undefined
    );
  }
}
