import { diagnosticAt, type Diagnostic, type DiagnosticSpec } from '../../source/diagnostic';
import { SourceText } from '../../source/source-text';
import { ADTOOL_DOMAINS, SAND_MIN_TIME_CLASS, type AdtoolDomainId } from '../evaluation/adtool-domains';
import {
  DEFAULT_STEP_ATTRIBUTES,
  type AttackTree,
  type DefenceNode,
  type Gate,
  type NodeId,
  type StepAttributes,
  type TreeNode,
} from '../tree/attack-tree';
import { treeGraph } from '../tree/tree-graph';
import { parseComment, type ReadMetadata } from './rampart-metadata';
import { ADTOOL_DIAGNOSTICS as A } from './xml-diagnostics';
import { childElements, readXml, textOf, type XmlElement, type XmlLimits } from './xml-reader';

export interface AdtoolImportOptions {
  /** The file name diagnostics cite. */
  file?: string;
  limits?: XmlLimits;
}

export interface AdtoolImport {
  tree?: AttackTree;
  /** The root goal. */
  goal?: NodeId;
  diagnostics: Diagnostic[];
}

type Attribute = keyof StepAttributes;
/** A node before it has an id (distributes over the node kinds). */
type Unplaced<T> = T extends unknown ? Omit<T, 'id'> : never;

/** ADTool predefined domains and the step attribute each one carries. */
const DOMAIN_ATTRIBUTE: Record<string, { domain: AdtoolDomainId; attribute?: Attribute }> = {
  [ADTOOL_DOMAINS.MinCost.className]: { domain: 'MinCost', attribute: 'cost' },
  [ADTOOL_DOMAINS.MinTimeSeq.className]: { domain: 'MinTimeSeq', attribute: 'time' },
  [ADTOOL_DOMAINS.MinTimePar.className]: { domain: 'MinTimePar', attribute: 'time' },
  [SAND_MIN_TIME_CLASS]: { domain: 'MinTimePar', attribute: 'time' },
  [ADTOOL_DOMAINS.MinSkill.className]: { domain: 'MinSkill', attribute: 'skill' },
  [ADTOOL_DOMAINS.ProbSucc.className]: { domain: 'ProbSucc', attribute: 'probability' },
  [ADTOOL_DOMAINS.SatScenario.className]: { domain: 'SatScenario' },
};

/** Reads an ADTool 2 XML document (`<adtree>` or `<sandtree>`) into a tree. Never throws: what
 * cannot be read is reported with file, line and column.
 *
 * Roles follow ADTool: a node has its parent's player unless it says `switchRole="yes"`; a
 * node of the other player is a countermeasure (defence under an attack node, counter-attack
 * under a defence). Disjunctive refinements of defences become separate defences on the same
 * node (exact: the countermeasure of d1 ∨ d2 is "neither d1 nor d2"); conjunctive ones are folded
 * into one defence whose counter-attack defeats any member (exact while all are in place, which
 * ADTool assumes).
 *
 * Nodes of the same player with the same label are one node when their content agrees — ADTool's
 * clones (Bossuat & Kordy 2017) — so a DAG written by `exportAdtoolXml` comes back as a DAG. Rampart
 * metadata in `<comment>` restores ids and everything ADTool does not hold; parameter values win
 * over metadata for step attributes, so values edited in ADTool are kept. */
export function importAdtoolXml(text: string, options: AdtoolImportOptions = {}): AdtoolImport {
  const source = new SourceText(options.file ?? 'adtree.xml', text);
  const { root, diagnostics } = readXml(source, options.limits);
  if (!root) return { diagnostics };
  return new AdtoolReader(source, diagnostics).read(root);
}

class AdtoolReader {
  private readonly nodes = new Map<NodeId, TreeNode>();
  private readonly signatures = new Map<NodeId, string>();
  private readonly byLabel = new Map<string, NodeId[]>();
  private readonly domains = new Map<string, { domain: AdtoolDomainId; attribute?: Attribute }>();
  private readonly unread = new Set<string>();
  private readonly defaulted = new Map<Attribute, number>();
  private synthetic = 0;

  constructor(
    private readonly source: SourceText,
    private readonly diagnostics: Diagnostic[],
  ) {}

  read(root: XmlElement): AdtoolImport {
    if (root.name !== 'adtree' && root.name !== 'sandtree') {
      this.report(A.ADTOOL_NOT_ADTREE, `the root element is <${root.name}>`, root);
      return { diagnostics: this.diagnostics };
    }
    for (const d of childElements(root, 'domain')) {
      const id = d.attributes.get('id') ?? '';
      const className = textOf(childElements(d, 'class')[0] ?? d).trim();
      const known = DOMAIN_ATTRIBUTE[className];
      if (known) this.domains.set(id, known);
      else {
        this.unread.add(id);
        this.report(A.ADTOOL_UNKNOWN_DOMAIN, `domain "${id}" (${className}) is not read`, d);
      }
    }
    const top = childElements(root, 'node')[0];
    if (!top) {
      this.report(A.ADTOOL_NO_ROOT_NODE, `<${root.name}> holds no <node>`, root);
      return { diagnostics: this.diagnostics };
    }
    if (isSwitched(top)) this.report(A.ADTOOL_ROOT_IS_DEFENCE, 'switchRole on the root is ignored', top);
    let goal = this.attack(top, true);
    const first = this.nodes.get(goal)!;
    if (first.kind !== 'goal') {
      // A root leaf (possibly countered): Rampart's goals are gates, so the leaf gets a goal above it.
      const id = this.freshId(`${goal}-goal`);
      this.nodes.set(id, {
        id,
        kind: 'goal',
        label: first.label,
        origin: 'generated',
        gate: 'OR',
        children: [goal],
      });
      goal = id;
    }
    for (const [attribute, count] of this.defaulted) {
      this.report(
        A.ADTOOL_DEFAULT_VALUES,
        `${count} leaf/leaves have no ${attribute}; the default ${DEFAULT_STEP_ATTRIBUTES[attribute]} is used`,
        top,
      );
    }
    return { tree: { nodes: this.preorder(goal) }, goal, diagnostics: this.diagnostics };
  }

  /** An attacker's node: a gate if it has children of its own player, else a step or assumption. */
  private attack(el: XmlElement, isRoot = false): NodeId {
    const { label, notes, meta } = this.header(el);
    if (meta?.clone !== undefined && this.nodes.has(meta.clone)) return meta.clone;
    const own = childElements(el, 'node').filter((c) => !isSwitched(c));
    const counters = childElements(el, 'node').filter(isSwitched);
    const base = {
      label: meta?.label ?? label,
      origin: meta?.origin ?? 'generated',
      ...(notes && { notes }),
    } as const;
    let node: Unplaced<TreeNode>;
    if (own.length > 0) {
      const children = own.map((c) => this.attack(c));
      const kind =
        meta?.kind === 'goal' || meta?.kind === 'subgoal' ? meta.kind : isRoot ? 'goal' : 'subgoal';
      node = { ...base, kind, gate: this.gate(el), children: [...new Set(children)] };
    } else if (meta?.kind === 'assumption') {
      const probability = this.parameters(el).probability ?? meta.probability ?? 0.5;
      node = {
        ...base,
        kind: 'assumption',
        key: meta.key ?? label,
        value: meta.value ?? '',
        holds: meta.holds ?? 'unknown',
        probability,
      };
    } else {
      const values = this.parameters(el);
      const attributes = { ...DEFAULT_STEP_ATTRIBUTES, ...meta?.attributes };
      for (const a of ['cost', 'time', 'skill', 'probability'] as const) {
        if (values[a] !== undefined) attributes[a] = values[a];
        else if (!meta?.attributes) this.defaulted.set(a, (this.defaulted.get(a) ?? 0) + 1);
      }
      node = {
        ...base,
        kind: 'step',
        attributes,
        attack: meta?.attack ?? [],
        cves: meta?.cves ?? [],
        evidence: meta?.evidence ?? [],
        ...(meta?.ruleId !== undefined && { ruleId: meta.ruleId }),
        ...(meta?.elementId !== undefined && { elementId: meta.elementId }),
      };
    }
    const id = this.place(node, meta?.id ?? meta?.clone, el);
    for (const c of counters) this.defences(c, id, []);
    return id;
  }

  /** The defences an opponent element stands for, all countering `target`. `inherited` are
   * counter-attacks of an enclosing disjunction, which defeat each of its members. */
  private defences(el: XmlElement, target: NodeId, inherited: NodeId[]): void {
    const { label, notes, meta } = this.header(el);
    const known = meta?.clone === undefined ? undefined : this.nodes.get(meta.clone);
    if (known?.kind === 'defence') {
      // Another occurrence of a shared defence: it counters this node too.
      if (!known.counters.includes(target))
        this.nodes.set(known.id, { ...known, counters: [...known.counters, target] });
      return;
    }
    const own = childElements(el, 'node').filter((c) => !isSwitched(c));
    const counterAttacks = [
      ...inherited,
      ...childElements(el, 'node')
        .filter(isSwitched)
        .flatMap((c) => this.counterAttacks(c)),
    ];
    if (own.length > 0 && (meta?.synthetic === 'defences' || refinementOf(el) === 'disjunctive')) {
      for (const c of own) this.defences(c, target, counterAttacks);
      return;
    }
    let children = counterAttacks;
    if (own.length > 0) {
      this.report(A.ADTOOL_DEFENCE_FOLDED, `defences under "${label}" are folded into one`, el);
      const defeat = this.defeat(el, label);
      children = defeat === undefined ? inherited : [...inherited, defeat];
    }
    const values = this.parameters(el);
    const node: Omit<DefenceNode, 'id'> = {
      label: meta?.label ?? label,
      origin: meta?.origin ?? 'generated',
      ...(notes && { notes }),
      kind: 'defence',
      counters: [target],
      ...(meta?.mitigation !== undefined && { mitigation: meta.mitigation }),
      ...this.effect(meta, values),
      active: meta?.active ?? true,
      children: [...new Set(children)],
    };
    this.placeDefence(node, meta?.id ?? meta?.clone, el, target);
  }

  /** Attack nodes under a counter-attack element (a synthetic group stands for its members). */
  private counterAttacks(el: XmlElement): NodeId[] {
    const { meta } = this.header(el);
    if (meta?.synthetic === 'counter-attacks')
      return childElements(el, 'node')
        .filter((c) => !isSwitched(c))
        .map((c) => this.attack(c));
    return [this.attack(el)];
  }

  /** The attack that defeats an opponent subtree, all defences in place: a leaf defence by its
   * counter-attacks, a disjunction of defences by defeating every member, a conjunction by
   * defeating any. Undefined when nothing defeats it. */
  private defeat(el: XmlElement, label: string): NodeId | undefined {
    const own = childElements(el, 'node').filter((c) => !isSwitched(c));
    const counters = childElements(el, 'node')
      .filter(isSwitched)
      .flatMap((c) => this.counterAttacks(c));
    let refined: NodeId | undefined;
    if (own.length > 0) {
      const parts = own.map((c) => this.defeat(c, textOf(childElements(c, 'label')[0] ?? c).trim() || label));
      if (refinementOf(el) === 'disjunctive') {
        refined = parts.includes(undefined)
          ? undefined
          : this.gateNode('AND', parts as NodeId[], `${label} defeated`);
      } else {
        const some = parts.filter((p): p is NodeId => p !== undefined);
        refined = some.length === 0 ? undefined : this.gateNode('OR', some, `${label} defeated`);
      }
    }
    const options = [...(refined === undefined ? [] : [refined]), ...counters];
    return options.length === 0 ? undefined : this.gateNode('OR', options, `${label} defeated`);
  }

  private gateNode(gate: Gate, children: NodeId[], label: string): NodeId {
    if (children.length === 1) return children[0]!;
    const id = this.freshId(`${slug(label)}-${++this.synthetic}`);
    this.nodes.set(id, { id, kind: 'subgoal', label, origin: 'generated', gate, children });
    return id;
  }

  /** Effect of a defence: from metadata, else from its ADTool values. A ProbSucc below 1 or a
   * finite cost or time make it partial: passing it has probability 1 − ProbSucc and costs the
   * given cost and time — ∞ where none is given, ADTool's default for defence values in those
   * domains — so bottom-up values match ADTool's. */
  private effect(
    meta: ReadMetadata | undefined,
    values: Partial<StepAttributes>,
  ): Pick<DefenceNode, 'effect' | 'partial'> {
    if (meta?.effect === 'partial')
      return { effect: 'partial', ...(meta.partial && { partial: meta.partial }) };
    if (meta?.effect === 'blocks') return { effect: 'blocks' };
    const p = values.probability;
    const finite = (v: number | undefined): boolean => v !== undefined && Number.isFinite(v);
    if ((p === undefined || p >= 1) && !finite(values.cost) && !finite(values.time))
      return { effect: 'blocks' };
    return {
      effect: 'partial',
      partial: {
        probabilityFactor: p === undefined ? 1 : 1 - p,
        addedCost: values.cost ?? Infinity,
        addedTime: values.time ?? Infinity,
      },
    };
  }

  /** Values of the known domains on an element, by step attribute. */
  private parameters(el: XmlElement): Partial<StepAttributes> {
    const values: Partial<StepAttributes> = {};
    for (const p of childElements(el, 'parameter')) {
      const category = p.attributes.get('category');
      if (category !== undefined && category !== 'basic') continue;
      const domainId = p.attributes.get('domainId') ?? '';
      const known = this.domains.get(domainId);
      if (this.unread.has(domainId)) continue;
      if (!known) {
        this.report(A.ADTOOL_BAD_PARAMETER, `parameter for undeclared domain "${domainId}"`, p);
        continue;
      }
      if (!known.attribute) continue;
      const value = ADTOOL_DOMAINS[known.domain].parse(textOf(p));
      if (typeof value !== 'number' || value < 0 || (known.attribute === 'probability' && value > 1)) {
        this.report(A.ADTOOL_BAD_PARAMETER, `"${textOf(p).trim()}" is not a value of ${known.domain}`, p);
        continue;
      }
      values[known.attribute] = value;
    }
    return values;
  }

  private header(el: XmlElement): { label: string; notes?: string; meta?: ReadMetadata } {
    const labelEl = childElements(el, 'label')[0];
    let label = labelEl ? textOf(labelEl).replace(/\s+/g, ' ').trim() : '';
    if (!label) {
      this.report(A.ADTOOL_MISSING_LABEL, 'a node without a label', el);
      label = 'node';
    }
    const commentEl = childElements(el, 'comment')[0];
    if (!commentEl) return { label };
    const { notes, metadata } = parseComment(textOf(commentEl));
    if (metadata === null)
      this.report(A.ADTOOL_BAD_METADATA, 'the rampart: line is not valid metadata', commentEl);
    return { label, ...(notes && { notes }), ...(metadata && { meta: metadata }) };
  }

  private gate(el: XmlElement): Gate {
    const r = refinementOf(el);
    if (r === 'disjunctive') return 'OR';
    if (r === 'sequential') return 'SAND';
    if (r !== 'conjunctive')
      this.report(A.ADTOOL_UNKNOWN_REFINEMENT, `refinement "${r}" is read as conjunctive`, el);
    return 'AND';
  }

  /** Gives a node its id: the metadata id, or one made from the label. A node equal to one
   * already read under that id or label is that node (a clone). */
  private place(node: Unplaced<TreeNode>, wanted: NodeId | undefined, el: XmlElement): NodeId {
    const signature = JSON.stringify(node);
    const candidates = wanted !== undefined ? [wanted] : (this.byLabel.get(labelKey(node)) ?? []);
    for (const id of candidates) if (this.signatures.get(id) === signature) return id;
    if (wanted === undefined && candidates.length > 0) {
      this.report(A.ADTOOL_LABEL_CLASH, `another node is labelled "${node.label}"`, el);
    }
    const id = this.freshId(wanted ?? slug(node.label));
    this.nodes.set(id, { ...node, id } as TreeNode);
    this.signatures.set(id, signature);
    const key = labelKey(node);
    this.byLabel.set(key, [...(this.byLabel.get(key) ?? []), id]);
    return id;
  }

  /** Like `place`, for defences: the same defence met under another node counters that one too. */
  private placeDefence(
    node: Omit<DefenceNode, 'id'>,
    wanted: NodeId | undefined,
    el: XmlElement,
    target: NodeId,
  ): void {
    const { counters: _counters, ...content } = node;
    const signature = JSON.stringify(content);
    const candidates = wanted !== undefined ? [wanted] : (this.byLabel.get(labelKey(node)) ?? []);
    for (const id of candidates) {
      if (this.signatures.get(id) !== signature) continue;
      const existing = this.nodes.get(id) as DefenceNode;
      if (!existing.counters.includes(target))
        this.nodes.set(id, { ...existing, counters: [...existing.counters, target] });
      return;
    }
    if (wanted === undefined && candidates.length > 0) {
      this.report(A.ADTOOL_LABEL_CLASH, `another defence is labelled "${node.label}"`, el);
    }
    const id = this.freshId(wanted ?? slug(node.label));
    this.nodes.set(id, { ...node, id });
    this.signatures.set(id, signature);
    const key = labelKey(node);
    this.byLabel.set(key, [...(this.byLabel.get(key) ?? []), id]);
  }

  private freshId(wanted: NodeId): NodeId {
    if (!this.nodes.has(wanted)) return wanted;
    let k = 2;
    while (this.nodes.has(`${wanted}-${k}`)) k++;
    return `${wanted}-${k}`;
  }

  /** Nodes in depth-first order from the goal (the order they were read in is children first). */
  private preorder(goal: NodeId): Map<NodeId, TreeNode> {
    const graph = treeGraph({ nodes: this.nodes });
    const out = new Map<NodeId, TreeNode>();
    const stack = [goal];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.set(id, this.nodes.get(id)!);
      const next = graph.successors.get(id) ?? [];
      for (let k = next.length - 1; k >= 0; k--) if (!out.has(next[k]!)) stack.push(next[k]!);
    }
    for (const [id, node] of this.nodes) if (!out.has(id)) out.set(id, node);
    return out;
  }

  private report(spec: DiagnosticSpec, message: string, el: XmlElement): void {
    const { line, column } = this.source.position(el.offset);
    this.diagnostics.push(diagnosticAt(spec, message, { file: this.source.file, line, column }, this.source));
  }
}

function isSwitched(el: XmlElement): boolean {
  const v = el.attributes.get('switchRole')?.toLowerCase();
  return v === 'yes' || v === 'true';
}

function refinementOf(el: XmlElement): string {
  return (el.attributes.get('refinement') ?? 'conjunctive').toLowerCase();
}

function labelKey(node: { kind: string; label: string }): string {
  return `${node.kind === 'defence' ? 'o' : 'p'}:${node.label}`;
}

/** An id made from a label: lower case, runs of other characters as one dash. */
function slug(label: string): string {
  return (
    label
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'node'
  );
}
