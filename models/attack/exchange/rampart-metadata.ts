import { MITIGATION_IDS, type MitigationId } from '../../mitigations/mitigation-ids';
import type { SourceRef } from '../../source/source-ref';
import type { NodeId, NodeOrigin, PartialEffect, StepAttributes, TreeNode } from '../tree/attack-tree';

/** What ADTool cannot hold — ids, kinds, rule and ATT&CK ids, evidence, defence state — travels in
 * the node's `<comment>` as one line `rampart:{…json…}`, after the notes. ADTool keeps comments,
 * so a tree survives a round trip through ADTool; a comment without the line is read as notes. */
export const METADATA_PREFIX = 'rampart:';

/** The first occurrence of a node carries everything; later occurrences of a shared node (clones,
 * ADTool being tree-based) carry only the id; nodes made up for the export are marked. */
export type NodeMetadata =
  { node: Record<string, unknown> } | { clone: NodeId } | { synthetic: 'defences' | 'counter-attacks' };

/** Metadata of a node's first occurrence: every field but the structure (children, counters and
 * gate are in the XML), the label only when the XML label had to differ. */
export function nodeMetadata(node: TreeNode, xmlLabel: string): NodeMetadata {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(node).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (key === 'children' || key === 'counters' || key === 'gate') continue;
    if (key === 'label' && value === xmlLabel) continue;
    out[key] = value;
  }
  if (node.kind === 'step') out.attributes = numbers(node.attributes);
  if (node.kind === 'defence' && node.partial) out.partial = numbers(node.partial);
  return { node: out };
}

/** Key order of the metadata line, so that the same node always writes the same text. */
function rank(key: string): number {
  const first = ['id', 'kind', 'label', 'origin', 'notes'].indexOf(key);
  return first === -1 ? 5 : first;
}

function numbers<T extends object>(record: T): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [key, value] of Object.entries(record)) out[key] = jsonNumber(value as number);
  return out;
}

/** The comment text for a node: its notes, then the metadata line. */
export function commentFor(notes: string | undefined, metadata: NodeMetadata): string {
  const line = METADATA_PREFIX + JSON.stringify(metadata);
  return notes ? `${notes}\n${line}` : line;
}

/** Notes and metadata read back from a comment; metadata is undefined when absent, `null` when
 * present but unreadable. Everything is checked field by field: comments are user input. */
export function parseComment(comment: string): { notes?: string; metadata?: ReadMetadata | null } {
  const lines = comment.split('\n');
  const index = lines.findIndex((l) => l.trim().startsWith(METADATA_PREFIX));
  const notes = lines
    .filter((_, k) => k !== index)
    .join('\n')
    .trim();
  const result: { notes?: string; metadata?: ReadMetadata | null } = notes ? { notes } : {};
  if (index >= 0) result.metadata = readMetadata(lines[index]!.trim().slice(METADATA_PREFIX.length));
  return result;
}

/** Metadata as read: every field optional and checked. */
export interface ReadMetadata {
  clone?: NodeId;
  synthetic?: 'defences' | 'counter-attacks';
  id?: NodeId;
  kind?: TreeNode['kind'];
  label?: string;
  origin?: NodeOrigin;
  notes?: string;
  attributes?: StepAttributes;
  ruleId?: string;
  attack?: string[];
  cves?: string[];
  evidence?: SourceRef[];
  elementId?: string;
  key?: string;
  value?: string;
  holds?: true | false | 'unknown';
  probability?: number;
  mitigation?: MitigationId;
  effect?: 'blocks' | 'partial';
  partial?: PartialEffect;
  active?: boolean;
}

const KINDS = new Set(['goal', 'subgoal', 'step', 'assumption', 'defence']);

function readMetadata(json: string): ReadMetadata | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(raw)) return null;
  if (typeof raw.clone === 'string') return { clone: raw.clone };
  if (raw.synthetic === 'defences' || raw.synthetic === 'counter-attacks')
    return { synthetic: raw.synthetic };
  const n = raw.node;
  if (!isRecord(n) || typeof n.id !== 'string' || !KINDS.has(n.kind as string)) return null;
  const out: ReadMetadata = { id: n.id, kind: n.kind as TreeNode['kind'] };
  if (typeof n.label === 'string') out.label = n.label;
  if (n.origin === 'generated' || n.origin === 'user') out.origin = n.origin;
  if (typeof n.notes === 'string') out.notes = n.notes;
  if (isRecord(n.attributes)) {
    const a = n.attributes;
    if ([a.cost, a.time, a.skill, a.probability].every(isNumberLike)) {
      out.attributes = {
        cost: num(a.cost),
        time: num(a.time),
        skill: num(a.skill),
        probability: num(a.probability),
      };
    }
  }
  if (typeof n.ruleId === 'string') out.ruleId = n.ruleId;
  if (isStrings(n.attack)) out.attack = n.attack;
  if (isStrings(n.cves)) out.cves = n.cves;
  if (Array.isArray(n.evidence) && n.evidence.every(isSourceRef)) out.evidence = n.evidence as SourceRef[];
  if (typeof n.elementId === 'string') out.elementId = n.elementId;
  if (typeof n.key === 'string') out.key = n.key;
  if (typeof n.value === 'string') out.value = n.value;
  if (n.holds === true || n.holds === false || n.holds === 'unknown') out.holds = n.holds;
  if (typeof n.probability === 'number') out.probability = n.probability;
  if (typeof n.mitigation === 'string' && (MITIGATION_IDS as readonly string[]).includes(n.mitigation)) {
    out.mitigation = n.mitigation as MitigationId;
  }
  if (n.effect === 'blocks' || n.effect === 'partial') out.effect = n.effect;
  if (
    isRecord(n.partial) &&
    [n.partial.probabilityFactor, n.partial.addedCost, n.partial.addedTime].every(isNumberLike)
  ) {
    out.partial = {
      probabilityFactor: num(n.partial.probabilityFactor),
      addedCost: num(n.partial.addedCost),
      addedTime: num(n.partial.addedTime),
    };
  }
  if (typeof n.active === 'boolean') out.active = n.active;
  return out;
}

/** JSON has no Infinity: it is written as the string "Infinity" and read back. */
export function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function isNumberLike(v: unknown): boolean {
  return typeof v === 'number' || v === 'Infinity';
}

function num(v: unknown): number {
  return v === 'Infinity' ? Infinity : (v as number);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isSourceRef(v: unknown): boolean {
  return (
    isRecord(v) &&
    typeof v.file === 'string' &&
    typeof v.line === 'number' &&
    typeof v.column === 'number' &&
    (v.path === undefined || typeof v.path === 'string')
  );
}
