import {
  buildGoalView,
  initialCollapsed,
  layOutGoalView,
  pathsThrough,
  reachableFrom,
  summarizeWhatIf,
  type LaidOutGoal,
  type WhatIfSummary,
} from '../../models/attack/explore';
import {
  compactWhenNearlyFull,
  diffGoal,
  whatIfInView,
  type EvaluationView,
  type NodeStatus,
  type WhatIfChange,
} from '../../models/attack/evaluation';
import type { AssumptionHolds, AttackTree, NodeId } from '../../models/attack/tree/attack-tree';
import type { MitigationId } from '../../models/mitigations/mitigation-ids';
import type { ThreatModel } from '../../models/model/threat-model';
import type { Editor } from '../editor/editor';
import { afterPaint } from '../state/after-paint';
import { whenIdle } from '../state/when-idle';
import { Store } from '../state/store';
import { TreeDerivationCache, type TreeDerivation } from './tree-derivation';
import { adoptionOf, withChange } from './what-if-scenario';

/** OR nodes show this many alternatives, cheapest first, before a "more" node. */
export const MAX_ALTERNATIVES = 12;

export interface ExplorerSnapshot {
  visible: boolean;
  /** `deriving` while the trees of a changed model are generated and evaluated. */
  status: 'idle' | 'deriving' | 'ready';
  base?: TreeDerivation;
  /** The trees with the what-if scenario applied (the base itself when there is none). */
  tree?: AttackTree;
  /** The open goal and the nodes below it, evaluated with the scenario applied (the base
   * evaluation when there is none). */
  evaluation?: EvaluationView;
  /** Status of every goal with the scenario applied, for the goal picker. */
  statuses?: ReadonlyMap<NodeId, NodeStatus>;
  /** False from a what-if toggle until the open goal's attack list (and the "cuts N of M" summary
   * built from it) has been made, just after the toggle's repaint. */
  listed: boolean;
  summary?: WhatIfSummary;
  goal?: NodeId;
  /** Folded nodes per goal, kept while the user switches between goals. */
  collapsed: ReadonlyMap<NodeId, ReadonlySet<NodeId>>;
  /** OR nodes whose alternatives are all shown. */
  showAll: ReadonlySet<NodeId>;
  /** "Show only paths through this node". */
  focus?: NodeId;
  search: string;
  selected?: NodeId;
  /** Key of the minimal attack drawn emphasised. */
  attack?: string;
  scenario: readonly WhatIfChange[];
  past: readonly (readonly WhatIfChange[])[];
  future: readonly (readonly WhatIfChange[])[];
  presenter: boolean;
}

const INITIAL: ExplorerSnapshot = {
  visible: false,
  status: 'idle',
  listed: true,
  collapsed: new Map(),
  showAll: new Set(),
  search: '',
  scenario: [],
  past: [],
  future: [],
  presenter: false,
};

/**
 * The tree explorer's state: which goal is open, what is folded, what is searched, selected and
 * emphasised, and the what-if scenario. Plain TypeScript over one store (replaced, never mutated,
 * so the big tree and evaluation objects never become deep proxies); tests drive it without a DOM.
 *
 * The trees are derived lazily — only while the explorer is open — and cached by the model parts
 * they depend on. A what-if toggle re-evaluates incrementally against the model's own evaluation,
 * so the delta shown is always "scenario vs. the model as it is", and only what the explorer shows
 * (`whatIfInView`): the open goal and the nodes below it, and the status of every goal. On a large
 * system listing a goal's attacks costs more than the rest of a toggle, so the tree and metrics
 * are repainted first and the attack list follows right after the paint. The scenario has its own
 * undo/redo; adopting it and recording decisions are model edits in the editor's history.
 */
export class TreeExplorerState {
  readonly state = new Store<ExplorerSnapshot>(INITIAL);
  private readonly cache: TreeDerivationCache;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private picture: { key: unknown[]; value: LaidOutGoal } | undefined;
  private wantedTargets: readonly string[] = [];

  constructor(
    private readonly editor: Editor,
    options: {
      cache?: TreeDerivationCache;
      schedule?: (run: () => void) => void;
      /** Runs after the next paint; attack lists are made there. */
      afterPaint?: (run: () => void) => void;
      /** Runs when the page is idle; the model's evaluation is compacted there when nearly full. */
      whenIdle?: (run: () => void) => void;
    } = {},
  ) {
    this.cache = options.cache ?? new TreeDerivationCache();
    this.schedule = options.schedule ?? ((run) => (this.pending = setTimeout(run, 16)));
    this.afterPaint = options.afterPaint ?? ((run) => afterPaint(run));
    this.whenIdle = options.whenIdle ?? whenIdle;
    editor.scene.subscribe((scene) => {
      if (this.state.value.visible) this.refresh(scene.model);
    });
  }

  private readonly schedule: (run: () => void) => void;
  private readonly afterPaint: (run: () => void) => void;
  private readonly whenIdle: (run: () => void) => void;
  private compactionScheduled = false;

  get value(): ExplorerSnapshot {
    return this.state.value;
  }

  private update(change: Partial<ExplorerSnapshot>): void {
    this.state.set({ ...this.state.value, ...change });
  }

  /** Shows the explorer, optionally on a goal, deriving the trees when the model changed. */
  open(goal?: NodeId): void {
    this.update({ visible: true, ...(goal ? { goal } : {}) });
    this.refresh(this.editor.scene.value.model);
  }

  /** Shows the explorer on a goal about one of the given diagram items (an element, its workload,
   * a flow), or on the current goal when none is about them. */
  openFor(targets: readonly string[]): void {
    this.wantedTargets = targets;
    this.open();
  }

  close(): void {
    this.update({ visible: false, presenter: false });
  }

  /** Derives now when the cache fits, otherwise after the next paint (the view shows progress). */
  private refresh(model: ThreatModel): void {
    const cached = this.cache.peek(model);
    if (cached) {
      if (cached !== this.value.base || this.wantedTargets.length > 0) this.adopt(cached);
      return;
    }
    this.update({ status: 'deriving' });
    if (this.pending) clearTimeout(this.pending);
    this.schedule(() => {
      this.pending = undefined;
      this.adopt(this.cache.get(this.editor.scene.value.model));
    });
  }

  /** Derives synchronously (tests, benchmarks). */
  deriveNow(): void {
    this.adopt(this.cache.get(this.editor.scene.value.model));
  }

  private adopt(base: TreeDerivation): void {
    const snapshot = this.value;
    const wanted = new Set(this.wantedTargets);
    this.wantedTargets = [];
    const about = base.goals.find((g) => wanted.has(g.target))?.id;
    const goal =
      about ?? (snapshot.goal && base.tree.nodes.has(snapshot.goal) ? snapshot.goal : firstOpenGoal(base));
    this.update({
      status: 'ready',
      base,
      ...this.evaluate(base, snapshot.scenario, goal),
      ...(goal ? { goal } : {}),
    });
    if (goal) this.ensureCollapsed(goal);
  }

  private ensureCollapsed(goal: NodeId): void {
    const { base, collapsed } = this.value;
    if (!base || collapsed.has(goal)) return;
    const initial = initialCollapsed(base.tree, base.graph, goal, { maxAlternatives: MAX_ALTERNATIVES });
    this.update({ collapsed: new Map(collapsed).set(goal, initial) });
  }

  chooseGoal(goal: NodeId): void {
    const { base, scenario } = this.value;
    // Under a scenario only the open goal is evaluated in full: evaluate the new one.
    const evaluated = base && scenario.length > 0 ? this.evaluate(base, scenario, goal) : {};
    this.update({ goal, focus: undefined, selected: undefined, attack: undefined, ...evaluated });
    this.ensureCollapsed(goal);
  }

  collapsedOf(goal = this.value.goal): ReadonlySet<NodeId> {
    return (goal && this.value.collapsed.get(goal)) || new Set();
  }

  toggleCollapsed(node: NodeId): void {
    const goal = this.value.goal;
    if (!goal) return;
    const next = new Set(this.collapsedOf(goal));
    if (next.has(node)) next.delete(node);
    else next.add(node);
    this.update({ collapsed: new Map(this.value.collapsed).set(goal, next) });
  }

  /** Unfolds everything below the goal (large goals fold their alternatives into "more"). */
  expandAll(): void {
    const goal = this.value.goal;
    if (goal) this.update({ collapsed: new Map(this.value.collapsed).set(goal, new Set()) });
  }

  collapseAll(): void {
    const { goal, base } = this.value;
    if (!goal || !base) return;
    const all = new Set([...reachableFrom(base.graph, goal)].filter((id) => id !== goal));
    this.update({ collapsed: new Map(this.value.collapsed).set(goal, all) });
  }

  showAllAlternatives(node: NodeId): void {
    this.update({ showAll: new Set(this.value.showAll).add(node) });
  }

  /** Opens every fold on the way from the goal to the nodes, so they are drawn. */
  reveal(nodes: Iterable<NodeId>): void {
    const { goal, base } = this.value;
    if (!goal || !base) return;
    const next = new Set(this.collapsedOf(goal));
    let changed = false;
    for (const node of nodes) {
      const below = reachableFrom(base.graph, node);
      for (const id of pathsThrough(base.graph, goal, node)) {
        if (below.has(id) || !next.has(id)) continue;
        next.delete(id);
        changed = true;
      }
    }
    if (changed) this.update({ collapsed: new Map(this.value.collapsed).set(goal, next) });
  }

  setFocus(node: NodeId | undefined): void {
    this.update({ focus: node });
    if (node) this.reveal([node]);
  }

  setSearch(text: string): void {
    this.update({ search: text });
  }

  select(node: NodeId | undefined): void {
    this.update({ selected: node });
  }

  /** Emphasises one minimal attack (unfolding what hides its steps); the same key again clears. */
  highlightAttack(key: string | undefined): void {
    const attack = key === this.value.attack ? undefined : key;
    this.update({ attack });
    const found =
      attack && this.value.listed ? this.goalEvaluation()?.attacks.find((a) => a.key === attack) : undefined;
    if (found) this.reveal([...found.steps, ...found.assumed]);
  }

  goalEvaluation() {
    const { evaluation, goal } = this.value;
    return evaluation?.goals.find((g) => g.id === goal);
  }

  /** The open goal, unfolded and laid out; recomputed only when what it shows changed. */
  laidOut(): LaidOutGoal | undefined {
    const { tree, base, goal, evaluation, focus, showAll } = this.value;
    if (!tree || !base || !goal || !evaluation) return undefined;
    const collapsed = this.collapsedOf(goal);
    const key = [tree, goal, evaluation, collapsed, focus, showAll];
    if (this.picture && this.picture.key.every((part, i) => part === key[i])) return this.picture.value;
    const view = buildGoalView(tree, base.graph, goal, evaluation, {
      collapsed,
      maxAlternatives: MAX_ALTERNATIVES,
      showAll,
      ...(focus ? { focus } : {}),
    });
    const value = layOutGoalView(tree, view);
    this.picture = { key, value };
    return value;
  }

  /** Nodes below the open goal whose label contains the text, in depth-first view order. */
  searchResults(limit = 30): NodeId[] {
    const { tree, base, goal, search } = this.value;
    const text = search.trim().toLowerCase();
    if (!tree || !base || !goal || !text) return [];
    const out: NodeId[] = [];
    for (const id of reachableFrom(base.graph, goal)) {
      if (tree.nodes.get(id)?.label.toLowerCase().includes(text)) out.push(id);
      if (out.length >= limit) break;
    }
    return out.sort();
  }

  // What-if

  toggleDefence(id: NodeId): void {
    const node = this.value.tree?.nodes.get(id);
    if (node?.kind === 'defence') this.change({ kind: 'defence', id, active: !node.active });
  }

  setMitigation(mitigation: MitigationId, active: boolean): void {
    this.change({ kind: 'mitigation', mitigation, active });
  }

  setAssumptionHolds(id: NodeId, holds: AssumptionHolds): void {
    this.change({ kind: 'assumption', id, holds });
  }

  change(change: WhatIfChange): void {
    const { base, scenario, past } = this.value;
    if (!base) return;
    this.setScenario(withChange(base.tree, scenario, change), [...past, scenario], []);
  }

  /** Drops one change of the scenario (undoable like a toggle). */
  removeChange(change: WhatIfChange): void {
    const { scenario, past } = this.value;
    if (scenario.includes(change))
      this.setScenario(
        scenario.filter((c) => c !== change),
        [...past, scenario],
        [],
      );
  }

  undoWhatIf(): boolean {
    const { past, scenario, future } = this.value;
    const previous = past[past.length - 1];
    if (!previous) return false;
    this.setScenario(previous, past.slice(0, -1), [scenario, ...future]);
    return true;
  }

  redoWhatIf(): boolean {
    const { past, scenario, future } = this.value;
    const next = future[0];
    if (!next) return false;
    this.setScenario(next, [...past, scenario], future.slice(1));
    return true;
  }

  clearWhatIf(): void {
    const { past, scenario } = this.value;
    if (scenario.length > 0) this.setScenario([], [...past, scenario], []);
  }

  private setScenario(
    scenario: readonly WhatIfChange[],
    past: readonly (readonly WhatIfChange[])[],
    future: readonly (readonly WhatIfChange[])[],
  ): void {
    const { base, goal } = this.value;
    if (!base) return;
    this.update({ scenario, past, future, ...this.evaluate(base, scenario, goal) });
  }

  /** The scenario applied to the open goal. Without a scenario that is the model's evaluation;
   * with one the attack list is left for after the paint. */
  private evaluate(
    base: TreeDerivation,
    scenario: readonly WhatIfChange[],
    goal: NodeId | undefined,
  ): Pick<ExplorerSnapshot, 'tree' | 'evaluation' | 'statuses' | 'listed' | 'summary'> {
    if (scenario.length === 0)
      return {
        tree: base.tree,
        evaluation: base.evaluation,
        statuses: new Map(base.evaluation.goals.map((g) => [g.id, g.status])),
        listed: true,
        summary: undefined,
      };
    const result = whatIfInView(base.tree, base.evaluation, scenario, goal ? [goal] : []);
    this.afterPaint(() => {
      if (this.value.evaluation !== result) return;
      this.update({ listed: true, summary: this.summarize() });
      this.compactWhenIdle(base);
    });
    return {
      tree: result.tree,
      evaluation: result,
      statuses: result.statuses,
      listed: false,
      summary: undefined,
    };
  }

  /** Every toggle and attack list leaves diagrams in the manager the model's evaluation shares
   * with its what-ifs; once it is nearly full a toggle would first have to compact it. Doing that
   * while the page is idle keeps the stall out of the workshop's next click. */
  private compactWhenIdle(base: TreeDerivation): void {
    if (this.compactionScheduled) return;
    this.compactionScheduled = true;
    this.whenIdle(() => {
      this.compactionScheduled = false;
      if (this.value.base === base) compactWhenNearlyFull(base.evaluation);
    });
  }

  /** "Cuts 3 of 5 attacks; remaining: …" for the open goal; undefined without a scenario and
   * until the attack lists it compares are made. */
  whatIfSummary(): WhatIfSummary | undefined {
    return this.value.summary;
  }

  /** Compares the open goal's attacks under the scenario with the model's (making the lists). */
  private summarize(): WhatIfSummary | undefined {
    const { base, tree, goal, scenario, evaluation } = this.value;
    if (!base || !tree || !goal || !evaluation || scenario.length === 0) return undefined;
    const before = base.evaluation.goals.find((g) => g.id === goal);
    const after = evaluation.goals.find((g) => g.id === goal);
    if (!before || !after) return undefined;
    return summarizeWhatIf(tree, diffGoal(before, after));
  }

  /** Adopts the scenario into the model (one undoable edit) and clears it. */
  adoptWhatIf(at: string): boolean {
    const { base, scenario } = this.value;
    if (!base || scenario.length === 0) return false;
    const adoption = adoptionOf(base.tree, scenario);
    const done = this.editor.dispatch('adopt-what-if', { ...adoption, at });
    if (done) this.clearWhatIf();
    return done;
  }

  setPresenter(on: boolean): void {
    this.update({ presenter: on, ...(on ? { visible: true } : {}) });
    if (on) this.refresh(this.editor.scene.value.model);
  }
}

/** The goal a first look should land on: the first open one, else the first. */
function firstOpenGoal(base: TreeDerivation): NodeId | undefined {
  const open = base.evaluation.goals.find((g) => g.status === 'open');
  return open?.id ?? base.goals[0]?.id;
}

const explorers = new WeakMap<Editor, TreeExplorerState>();

/** The one explorer state of an editor (the toolbar, the inspector and the explorer share it). */
export function explorerOf(editor: Editor): TreeExplorerState {
  let explorer = explorers.get(editor);
  if (!explorer) {
    explorer = new TreeExplorerState(editor);
    explorers.set(editor, explorer);
  }
  return explorer;
}
