import { analyzeFiles } from '../analysis/analyze';
import type { ThreatAnalysis } from '../analysis/analyze-threats';
import { evaluateTree } from '../attack/evaluation';
import { generateAttackTrees } from '../attack/generate/generate-attack-trees';
import { GeneratorContext } from '../attack/generate/generator-context';
import {
  DEFAULT_STEP_ATTRIBUTES,
  isAttackNode,
  isGateNode,
  withNodes,
  type AttackTree,
  type DefenceNode,
  type GateNode,
  type StepNode,
  type TreeNode,
} from '../attack/tree/attack-tree';
import {
  applyOverrides,
  deriveMitigationStates,
  type MitigationOverride,
  type ResolvedMitigationState,
} from '../mitigations/derive-states';
import { MITIGATION_IDS, type MitigationId } from '../mitigations/mitigation-ids';
import { compareDiagnostics, diagnosticAt, type Diagnostic } from '../source/diagnostic';
import type { DataFlow, Protection } from '../topology/types';
import { MODEL_DIAGNOSTICS as D } from './diagnostics';
import type { ModelFlow, ThreatModel, UserTreeNode } from './threat-model';

/**
 * What the app shows for a model, derived from it alone (DESIGN §2: trees and evaluation are
 * derived, never edited):
 *
 *   deriveModel(model) → { analysis, states, diagnostics }
 *
 * Re-analyses the model's `sources`, generates and evaluates the attack-defence trees with the
 * model's assumptions, its mitigation-state edits as overrides, and the nodes users added to the
 * trees carried over. Pure and deterministic: the same model gives the same result.
 */

export interface DerivedModel {
  /** Findings, topology, trees and their evaluation. */
  analysis: ThreatAnalysis;
  /** Resolved mitigation states (config evidence, then the user's edits) per element id (workload
   * elements, and any element the user set a state on) and per flow id, in DESIGN §6 order. */
  states: ReadonlyMap<string, ResolvedMitigationState[]>;
  diagnostics: Diagnostic[];
}

/** The file name diagnostics about the model itself (not one of its sources) carry. */
export const MODEL_DIAGNOSTIC_FILE = 'model';

const TRANSPORT: readonly MitigationId[] = ['tls', 'mtls', 'ipsec'];

export function deriveModel(model: ThreatModel): DerivedModel {
  const base = analyzeFiles(model.sources.map((s) => ({ path: s.path, text: s.text })));
  const overrides = modelOverrides(model, base.topology.flows);
  const diagnostics: Diagnostic[] = [...base.diagnostics];

  const previous = userNodesAsTree(model.treeNodes);
  const generated = generateAttackTrees(base, {
    assumptions: model.assumptions,
    overrides,
    ...(previous ? { previous } : {}),
  });
  const tree = attachNotes(generated.tree, model.treeNodes);
  diagnostics.push(...detachedNodes(model.treeNodes, tree));
  const analysis: ThreatAnalysis = {
    ...base,
    trees: { ...generated, tree },
    evaluation: evaluateTree(tree),
  };

  const states = resolveStates(model, analysis, overrides);
  return { analysis, states, diagnostics: diagnostics.sort(compareDiagnostics) };
}

/**
 * The model's edits as the generator's overrides, keyed by workload or flow id: first, for an
 * imported flow whose protection the user changed, the transport kinds that protection implies;
 * then the explicit mitigation-state edits, oldest first, so that the latest wins.
 */
export function modelOverrides(
  model: ThreatModel,
  topologyFlows: readonly DataFlow[],
): Record<string, MitigationOverride[]> {
  // Keyed by user ids: no prototype, so an id such as `constructor` finds nothing it should not.
  const overrides = Object.create(null) as Record<string, MitigationOverride[]>;
  const add = (key: string, override: MitigationOverride): void => {
    (overrides[key] ??= []).push(override);
  };
  const configured = new Map(topologyFlows.map((f) => [f.id, f.protection]));
  for (const flow of model.flows) {
    const fromConfig = configured.get(flow.id);
    if (fromConfig === undefined || fromConfig === flow.protection) continue;
    for (const override of protectionOverrides(flow)) add(flow.id, override);
  }
  const workloadOf = new Map(model.elements.map((e) => [e.id, e.workload ?? e.id]));
  const edits = [...model.mitigationStates].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const edit of edits) {
    add(workloadOf.get(edit.target) ?? edit.target, {
      mitigation: edit.mitigation,
      state: edit.state,
      ...(edit.reason !== undefined ? { reason: edit.reason } : {}),
      ...(edit.author !== undefined ? { author: edit.author } : {}),
    });
  }
  return overrides;
}

/** What a protection set by hand says about each transport kind. */
function protectionOverrides(flow: ModelFlow): MitigationOverride[] {
  if (flow.protection === 'unknown') return [];
  const reason = `protection set to ${flow.protection} in the model`;
  return TRANSPORT.map((mitigation) => ({
    mitigation,
    state: implies(flow.protection, mitigation) ? 'implemented' : 'missing',
    reason,
  }));
}

function implies(protection: Protection, mitigation: MitigationId): boolean {
  if (mitigation === 'tls') return protection === 'tls' || protection === 'mtls';
  return protection === mitigation;
}

/** The user's steps and defences as `user` tree nodes, with stand-ins for the generated nodes they
 * hang under, in the shape `carryOverUserNodes` expects of a previous tree. */
function userNodesAsTree(nodes: readonly UserTreeNode[]): AttackTree | undefined {
  if (nodes.length === 0) return undefined;
  const tree = new Map<string, TreeNode>();
  const childrenOf = new Map<string, string[]>();
  for (const node of nodes) {
    const converted = toTreeNode(node);
    if (!converted) continue;
    tree.set(node.id, converted);
    if (converted.kind === 'step')
      childrenOf.set(node.parent, [...(childrenOf.get(node.parent) ?? []), node.id]);
  }
  for (const [parent, children] of childrenOf) {
    if (tree.has(parent)) continue;
    const standIn: GateNode = {
      id: parent,
      kind: 'subgoal',
      gate: 'OR',
      label: '',
      origin: 'generated',
      children,
    };
    tree.set(parent, standIn);
  }
  return { nodes: tree };
}

/** A user-added step or defence as a tree node; notes are not nodes (see `attachNotes`). */
export function toTreeNode(node: UserTreeNode): StepNode | DefenceNode | undefined {
  const notes = node.description !== undefined && node.description !== '' ? { notes: node.description } : {};
  if (node.kind === 'step') {
    return {
      id: node.id,
      kind: 'step',
      label: node.label,
      origin: 'user',
      ...notes,
      attributes: {
        cost: node.cost ?? DEFAULT_STEP_ATTRIBUTES.cost,
        time: node.time ?? DEFAULT_STEP_ATTRIBUTES.time,
        skill: node.skill ?? DEFAULT_STEP_ATTRIBUTES.skill,
        probability: node.probability ?? DEFAULT_STEP_ATTRIBUTES.probability,
      },
      attack: [],
      cves: [],
      evidence: [],
    };
  }
  if (node.kind === 'defence') {
    return {
      id: node.id,
      kind: 'defence',
      label: node.label,
      origin: 'user',
      ...notes,
      counters: [node.parent],
      effect: 'blocks',
      active: node.active ?? false,
      children: [],
    };
  }
  return undefined;
}

/** Notes users wrote on tree nodes, appended to the node's own notes in id order. */
function attachNotes(tree: AttackTree, nodes: readonly UserTreeNode[]): AttackTree {
  const updated = new Map<string, TreeNode>();
  for (const note of [...nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (note.kind !== 'note') continue;
    const target = updated.get(note.parent) ?? tree.nodes.get(note.parent);
    if (!target) continue;
    const text = note.description ? `${note.label}: ${note.description}` : note.label;
    updated.set(note.parent, { ...target, notes: target.notes ? `${target.notes}\n${text}` : text });
  }
  return updated.size === 0 ? tree : withNodes(tree, updated.values());
}

/** User nodes whose parent the regenerated tree no longer has (or has as another kind). */
function detachedNodes(nodes: readonly UserTreeNode[], tree: AttackTree): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const node of nodes) {
    const parent = tree.nodes.get(node.parent);
    const own = tree.nodes.get(node.id);
    const attached =
      node.kind === 'step'
        ? own?.origin === 'user' && isGateNode(parent) && parent.children.includes(node.id)
        : node.kind === 'defence'
          ? own?.origin === 'user' && isAttackNode(parent)
          : parent !== undefined;
    if (attached) continue;
    out.push(
      diagnosticAt(
        D.MODEL_TREE_NODE_DETACHED,
        `${node.kind} ${JSON.stringify(node.label)} hangs under ${JSON.stringify(node.parent)}, which the attack trees no longer have`,
        { file: MODEL_DIAGNOSTIC_FILE, line: 1, column: 1, path: `treeNodes[${JSON.stringify(node.id)}]` },
      ),
    );
  }
  return out;
}

function resolveStates(
  model: ThreatModel,
  analysis: ThreatAnalysis,
  overrides: Record<string, MitigationOverride[]>,
): Map<string, ResolvedMitigationState[]> {
  const context = new GeneratorContext(analysis, { assumptions: model.assumptions, overrides });
  const states = new Map<string, ResolvedMitigationState[]>();
  for (const element of model.elements) {
    const key = element.workload ?? element.id;
    const workload = context.workloadsById.get(key);
    if (workload) {
      states.set(
        element.id,
        MITIGATION_IDS.map((id) => context.mitigationState(workload, id)).filter((s) => s !== undefined),
      );
    } else if (overrides[key]) {
      states.set(element.id, applyOverrides([], overrides[key]));
    }
  }
  const configured = new Map(analysis.topology.flows.map((f) => [f.id, f]));
  for (const flow of model.flows) {
    const fromConfig = configured.get(flow.id);
    const protection = fromConfig?.protection ?? flow.protection;
    const derived = deriveMitigationStates({
      kind: 'flow',
      id: flow.id,
      protection: protection === 'unknown' ? 'none' : protection,
      ...(fromConfig ? { at: fromConfig.at } : {}),
    }).map((state) =>
      protection === 'unknown'
        ? { ...state, reason: 'the configuration does not show how the flow is protected' }
        : state,
    );
    // A user-drawn flow has no configuration: its protection is what the user said.
    const own = fromConfig
      ? (overrides[flow.id] ?? [])
      : [...protectionOverrides(flow), ...(overrides[flow.id] ?? [])];
    states.set(
      flow.id,
      applyOverrides(fromConfig ? derived : derived.map((s) => ({ ...s, basis: 'none' as const })), own),
    );
  }
  return states;
}
