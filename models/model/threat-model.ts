import type { AssumptionKey, AssumptionValue } from '../attack/rules/assumptions';
import type { MitigationId, MitigationState } from '../mitigations/mitigation-ids';
import type { SourceRef } from '../source/source-ref';
import type { BoundaryKind, ElementKind, Protection } from '../topology/types';

/**
 * The threat model a user builds and keeps (DESIGN §3): what the diagram shows and everything the
 * workshop decided. Imported config files are kept verbatim in `sources`, so findings and attack
 * trees can always be derived again from the model alone; elements, boundaries and flows are the
 * diagram as the user sees it — those that came from the configs (`origin: 'imported'`, ids equal
 * to the topology's) and those drawn by hand (`origin: 'user'`). Positions live in
 * `ModelLayout`, apart from semantics, so that moving a box never changes the model.
 *
 * Every array is kept sorted by id (notes and decisions by id too), so a saved model diffs cleanly.
 */
export interface ThreatModel {
  /** Stable identity of the model, kept across renames and saves. */
  id: string;
  name: string;
  description: string;
  document: DocumentInfo;
  sources: ModelSource[];
  elements: ModelElement[];
  boundaries: ModelBoundary[];
  flows: ModelFlow[];
  /** Mitigation states set by hand; config evidence decides the others. */
  mitigationStates: MitigationStateEdit[];
  /** Host assumptions set in the workshop; the others take their catalogue default. */
  assumptions: Partial<Record<AssumptionKey, AssumptionValue>>;
  decisions: WorkshopDecision[];
  /** Attack steps, defences and notes added by hand to the generated trees. */
  treeNodes: UserTreeNode[];
  notes: ModelNote[];
}

/** What the specification's title page and document control show. */
export interface DocumentInfo {
  /** Version of the specification, as the authors number it (`1.0`, `2026-Q4`). */
  version: string;
  authors: string[];
  /** Classification marking printed on every page (`Internal`, `Confidential`…). */
  classification: string;
  organization: string;
}

/** An imported config file, kept as it was read. `path` is relative to the folder the user
 * imported, with forward slashes; it is the `file` of every SourceRef derived from it. */
export interface ModelSource {
  path: string;
  text: string;
  /** When it was (re-)imported, ISO 8601. */
  importedAt: string;
}

export type ModelOrigin = 'imported' | 'user';

export interface ModelElement {
  id: string;
  kind: ElementKind;
  name: string;
  origin: ModelOrigin;
  /** Innermost trust boundary. */
  boundary?: string;
  /** Workload the element stands for (imported services and data stores). */
  workload?: string;
  /** What a data store or service is (`postgres`, `nginx`…). */
  technology?: string;
  description?: string;
  /** Where the element was defined, for imported elements. */
  source?: SourceRef;
  /** Imported from a config that no longer defines it, kept because the user attached notes,
   * decisions or mitigation states to it (see `reimportModel`). */
  stale?: true;
}

export interface ModelBoundary {
  id: string;
  /** The topology's kinds, plus `organization` and `runtime`, which users draw by hand. */
  kind: BoundaryKind | 'organization' | 'runtime';
  name: string;
  parent?: string;
  origin: ModelOrigin;
  source?: SourceRef;
  /** Imported from a config that no longer defines it, kept because the user attached notes,
   * decisions or mitigation states to it (see `reimportModel`). */
  stale?: true;
}

export interface ModelFlow {
  id: string;
  from: string;
  to: string;
  protocol: string;
  port?: number;
  protection: Protection;
  /** How the client authenticates (`password`, `client certificate`, `none`…), when known. */
  authentication?: string;
  /** What the flow carries (`orders`, `session tokens`…), in the user's words. */
  data?: string;
  origin: ModelOrigin;
  source?: SourceRef;
  /** Imported from a config that no longer defines it, kept because the user attached notes,
   * decisions or mitigation states to it (see `reimportModel`). */
  stale?: true;
}

/** A mitigation state set by hand for an element or a flow (DESIGN §3). */
export interface MitigationStateEdit {
  /** Element or flow id. */
  target: string;
  mitigation: MitigationId;
  state: MitigationState;
  /** Required for `not-applicable` and `accepted-risk`. */
  reason?: string;
  author?: string;
  /** ISO 8601. */
  at: string;
}

export type DecisionKind = 'mitigate' | 'plan' | 'accept' | 'transfer';

/** What a workshop decided about one node of an attack tree. */
export interface WorkshopDecision {
  id: string;
  /** Attack-tree node id (generated ids are stable across regeneration). */
  node: string;
  /** The goal the group was walking through when it decided. */
  goal?: string;
  decision: DecisionKind;
  owner?: string;
  /** Due date, YYYY-MM-DD. */
  due?: string;
  note?: string;
  /** Mitigation the decision is about, for `mitigate` and `plan`. */
  mitigation?: MitigationId;
  /** ISO 8601. */
  at: string;
}

/** A node a user added to a generated tree; it hangs under `parent` and survives regeneration. */
export interface UserTreeNode {
  id: string;
  parent: string;
  kind: 'step' | 'defence' | 'note';
  label: string;
  description?: string;
  /** For steps: attributes in the tree's units (see StepAttributes). */
  cost?: number;
  time?: number;
  skill?: number;
  probability?: number;
  /** For defences: whether the defence is in place. */
  active?: boolean;
}

export interface ModelNote {
  id: string;
  /** Element, flow, boundary or tree-node id. */
  target: string;
  text: string;
  author?: string;
  /** ISO 8601. */
  at: string;
}

/** Where things are on the diagram: kept apart from the model's semantics (DESIGN §3). */
export interface ModelLayout {
  positions: Record<string, Position>;
}

export interface Position {
  x: number;
  y: number;
  /** Boundaries (and resized elements) have a size; other elements take their shape's default. */
  width?: number;
  height?: number;
}

/** The native file, `*.rampart.json` (DESIGN §3). */
export interface RampartFile {
  format: 'rampart';
  schemaVersion: number;
  model: ThreatModel;
  layout: ModelLayout;
}
