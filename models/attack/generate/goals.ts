import type { Workload } from '../../import/workload';
import type { DataFlow } from '../../topology/types';
import { ATTACK_RULES, ruleById } from '../rules/catalogue';
import type { AttackRule } from '../rules/rule';
import type { NodeId } from '../tree/attack-tree';
import type { Footholds } from './footholds';
import type { GeneratorContext } from './generator-context';
import { addRuleUse, defendFlowStep, instantiate } from './rule-uses';
import type { TreeAssembler } from './tree-assembler';

/** The goals DESIGN §5 generates for a system. */
export type GoalKind =
  'host-root' | 'secrets' | 'data' | 'flow' | 'lateral' | 'persist' | 'hijack' | 'cloud-credentials';

export interface GoalInfo {
  id: NodeId;
  kind: GoalKind;
  title: string;
  /** The diagram element (host, workload, data store) or flow the goal is about. */
  target: string;
}

/** Rules grouped by what they give an attacker already inside a container. */
const INSIDE = ATTACK_RULES.filter((r) => r.startsFrom === 'inside');
const HOST_ROOT = INSIDE.filter((r) => r.yields === 'host-root');
const HOST_READ = ['R07', 'R09', 'R10', 'R13', 'R32'].map((id) => ruleById(id)!);
const FROM_OUTSIDE_TO_HOST = ATTACK_RULES.filter(
  (r) => r.startsFrom === 'outside' && r.yields === 'host-root',
);

/** Builds every goal whose tree has at least one path; goals without one are not listed. */
export class GoalBuilder {
  readonly goals: GoalInfo[] = [];
  private readonly hostRoot = new Map<string, NodeId>();
  private readonly hostRead = new Map<string, NodeId>();
  private readonly netpos = new Map<string, NodeId | undefined>();

  constructor(
    private readonly gen: GeneratorContext,
    private readonly tree: TreeAssembler,
    private readonly footholds: Footholds,
  ) {}

  build(): void {
    const hosts = [
      ...new Set(this.gen.workloads.map((w) => this.gen.hostOf(w.id)).filter((h): h is string => !!h)),
    ].sort();
    for (const host of hosts) this.buildHostRoot(host);
    for (const host of hosts) this.buildHostRead(host);
    for (const flow of this.gen.analysis.topology.flows) this.buildFlow(flow);
    for (const w of this.gen.workloads) {
      this.buildSecrets(w);
      this.buildData(w);
      this.buildPersistence(w);
      const lateral = `goal:lateral:${w.id}`;
      if (this.tree.has(lateral)) this.add(lateral, 'lateral', `move laterally into ${w.name}`, w.id);
    }
    for (const host of hosts) {
      this.buildByRule(host, 'R30', 'hijack', `hijack resources or deny service on ${this.name(host)}`);
      this.buildByRule(host, 'R29', 'cloud-credentials', `steal the cloud credentials of ${this.name(host)}`);
    }
    this.goals.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private readonly onHost = new Map<string, Workload[]>();

  private workloadsOn(host: string): Workload[] {
    if (this.onHost.size === 0) {
      for (const w of this.gen.workloads) {
        const h = this.gen.hostOf(w.id);
        if (h) this.onHost.set(h, [...(this.onHost.get(h) ?? []), w]);
      }
    }
    return this.onHost.get(host) ?? [];
  }

  private name(elementId: string): string {
    return this.gen.elements.get(elementId)?.name ?? elementId;
  }

  private add(id: NodeId, kind: GoalKind, title: string, target: string): void {
    this.goals.push({ id, kind, title, target });
  }

  /** Uses of `rules` in every container of `w`, each starting from code execution or root there. */
  private usesIn(w: Workload, rules: readonly AttackRule[]): NodeId[] {
    const exec = this.footholds.execOf(w.id);
    if (!exec) return [];
    const root = this.footholds.rootOf(w.id);
    const uses: NodeId[] = [];
    for (const rule of rules) {
      for (const c of w.containers) {
        const instance = instantiate(this.gen, rule, w, c, root !== undefined);
        if (!instance) continue;
        uses.push(addRuleUse(this.gen, this.tree, instance, instance.resolved.needsRoot ? root : exec));
      }
    }
    return uses;
  }

  /** Uses of rules that need no foothold (an exposed container API, a malicious image's WORKDIR). */
  private usesFromOutside(w: Workload, rules: readonly AttackRule[]): NodeId[] {
    const uses: NodeId[] = [];
    for (const rule of rules) {
      for (const c of w.containers) {
        const instance = instantiate(this.gen, rule, w, c, false);
        if (instance) uses.push(addRuleUse(this.gen, this.tree, instance, undefined));
      }
    }
    return uses;
  }

  private buildHostRoot(host: string): void {
    const children = this.workloadsOn(host).flatMap((w) => [
      ...this.usesIn(w, HOST_ROOT),
      ...this.usesFromOutside(w, FROM_OUTSIDE_TO_HOST),
    ]);
    if (children.length === 0) return;
    const id = this.tree.gate(`goal:host-root:${host}`, 'goal', 'OR', `root on ${this.name(host)}`, children);
    this.hostRoot.set(host, id);
    this.add(id, 'host-root', `root on ${this.name(host)}`, host);
  }

  /** Reading host files and processes: root on the host, or a mount, capability or namespace that
   * exposes them (R07, R09, R10, R13, R32). Feeds the secrets and data goals of everything there. */
  private buildHostRead(host: string): void {
    const children = [
      ...(this.hostRoot.has(host) ? [this.hostRoot.get(host)!] : []),
      ...this.workloadsOn(host).flatMap((w) => this.usesIn(w, HOST_READ)),
    ];
    if (children.length === 0) return;
    this.hostRead.set(
      host,
      this.tree.gate(
        `host-read:${host}`,
        'subgoal',
        'OR',
        `read host files and processes of ${this.name(host)}`,
        children,
      ),
    );
  }

  /** Intercepting a plaintext flow needs a position on its path (R14 spoofing from a neighbour on
   * the same network, R35 host network, or root on a host it crosses), then R24. */
  private buildFlow(flow: DataFlow): void {
    const r24 = ruleById('R24')!;
    const owner = this.workloadOfFlow(flow);
    if (!owner) return;
    const instance = instantiate(this.gen, r24, owner, owner.containers[0]!, false);
    if (!instance || !instance.resolved.evidence.some((f) => f.data.subject === flow.id)) return;
    const positions = this.positionsOn(flow);
    if (positions.length === 0) return;
    const from = this.name(flow.from);
    const to = this.name(flow.to);
    const flowName = `${from} → ${to}`;
    const step = `step:R24:${flow.id}`;
    this.tree.step(step, r24, `${r24.title} (${flowName})`, [flow.at], flow.id);
    defendFlowStep(this.gen, this.tree, step, r24, flow, flowName);
    const position =
      positions.length === 1
        ? positions[0]!
        : this.tree.gate(
            `position:${flow.id}`,
            'subgoal',
            'OR',
            `a position on the path of ${flowName}`,
            positions,
          );
    const id = this.tree.gate(
      `goal:flow:${flow.id}`,
      'goal',
      'SAND',
      `intercept or tamper with ${flowName}`,
      [position, step],
    );
    this.add(id, 'flow', `intercept or tamper with ${flowName}`, flow.id);
  }

  private workloadOfFlow(flow: DataFlow): Workload | undefined {
    const ids = [this.gen.elements.get(flow.from)?.workload, this.gen.elements.get(flow.to)?.workload];
    for (const id of ids) {
      const w = id ? this.gen.workloadsById.get(id) : undefined;
      if (w) return w;
    }
    return undefined;
  }

  private positionsOn(flow: DataFlow): NodeId[] {
    const positions = new Set<NodeId>();
    const endpoints = [flow.from, flow.to].map((id) => this.gen.elements.get(id)).filter((e) => e?.workload);
    for (const e of endpoints) {
      for (const boundary of e!.memberOf) {
        const pos = this.networkPosition(boundary);
        if (pos) positions.add(pos);
      }
      const host = e!.runsOn;
      const root = host ? this.hostRoot.get(host) : undefined;
      if (root) positions.add(root);
    }
    return [...positions].sort();
  }

  /** `netpos:<boundary>`: a spoofing or host-network position among the workloads of a network
   * (compose) or a namespace (Kubernetes, where pods share the node's bridge). */
  private networkPosition(boundary: string): NodeId | undefined {
    if (this.netpos.has(boundary)) return this.netpos.get(boundary);
    const members = this.membersOf(boundary);
    const uses = members.flatMap((w) => this.usesIn(w, [ruleById('R14')!, ruleById('R35')!]));
    const id =
      uses.length === 0
        ? undefined
        : this.tree.gate(
            `netpos:${boundary}`,
            'subgoal',
            'OR',
            `a spoofing position on ${boundary.replace(/^boundary:[a-z]+:/, '')}`,
            uses,
          );
    this.netpos.set(boundary, id);
    return id;
  }

  private readonly members = new Map<string, Workload[]>();

  /** Workloads that are members of a trust boundary (a compose network, a namespace). */
  private membersOf(boundary: string): Workload[] {
    if (this.members.size === 0) {
      for (const w of this.gen.workloads) {
        for (const b of this.gen.elements.get(w.id)?.memberOf ?? [])
          this.members.set(b, [...(this.members.get(b) ?? []), w]);
      }
    }
    return this.members.get(boundary) ?? [];
  }

  private buildSecrets(w: Workload): void {
    const children = [...this.usesIn(w, [ruleById('R23')!])];
    const hasOwnSecrets = children.length > 0;
    for (const flow of this.gen.flowsFrom.get(w.id) ?? []) {
      if (flow.carriesCredentials && this.tree.has(`goal:flow:${flow.id}`))
        children.push(`goal:flow:${flow.id}`);
    }
    if (!hasOwnSecrets && children.length === 0) return;
    const host = this.gen.hostOf(w.id);
    if (host && this.hostRead.has(host)) children.push(this.hostRead.get(host)!);
    const id = this.tree.gate(
      `goal:secrets:${w.id}`,
      'goal',
      'OR',
      `steal the secrets of ${w.name}`,
      children,
    );
    this.add(id, 'secrets', `steal the secrets of ${w.name}`, w.id);
  }

  /** Data stores: compromise the store itself, read its volumes from the host, use a client's own
   * connection (R37), or intercept plaintext traffic to it. */
  private buildData(w: Workload): void {
    if (this.gen.elements.get(w.id)?.kind !== 'data-store') return;
    const children: NodeId[] = [];
    const exec = this.footholds.execOf(w.id);
    if (exec) children.push(exec);
    const host = this.gen.hostOf(w.id);
    if (host && this.hostRead.has(host)) children.push(this.hostRead.get(host)!);
    const r37 = ruleById('R37')!;
    for (const flow of this.gen.flowsTo.get(w.id) ?? []) {
      const clientId = this.gen.elements.get(flow.from)?.workload;
      const client = clientId ? this.gen.workloadsById.get(clientId) : undefined;
      const clientExec = client ? this.footholds.execOf(client.id) : undefined;
      if (client && clientExec) {
        const instance = instantiate(this.gen, r37, client, client.containers[0]!, false);
        if (instance) children.push(addRuleUse(this.gen, this.tree, instance, clientExec, `->${w.id}`));
      }
      if (this.tree.has(`goal:flow:${flow.id}`)) children.push(`goal:flow:${flow.id}`);
    }
    if (children.length === 0) return;
    const technology = this.gen.elements.get(w.id)?.technology;
    const title = `read or tamper with the data in ${w.name}${technology ? ` (${technology})` : ''}`;
    this.add(this.tree.gate(`goal:data:${w.id}`, 'goal', 'OR', title, children), 'data', title, w.id);
  }

  private buildPersistence(w: Workload): void {
    const uses = this.usesIn(w, [ruleById('R22')!]);
    if (uses.length === 0) return;
    const host = this.gen.hostOf(w.id);
    const children = [...uses, ...(host && this.hostRoot.has(host) ? [this.hostRoot.get(host)!] : [])];
    const title = `persist in ${w.name}`;
    this.add(this.tree.gate(`goal:persist:${w.id}`, 'goal', 'OR', title, children), 'persist', title, w.id);
  }

  private buildByRule(host: string, ruleId: string, kind: GoalKind, title: string): void {
    const rule = ruleById(ruleId)!;
    const uses = this.workloadsOn(host).flatMap((w) => this.usesIn(w, [rule]));
    if (uses.length === 0) return;
    const children =
      kind === 'hijack' && this.hostRoot.has(host) ? [...uses, this.hostRoot.get(host)!] : uses;
    this.add(this.tree.gate(`goal:${kind}:${host}`, 'goal', 'OR', title, children), kind, title, host);
  }
}
