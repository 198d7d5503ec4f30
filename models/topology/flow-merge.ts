import { compareSourceRefs } from '../source/source-ref';
import { compareIds as compareText } from './ids';
import { addTo } from './multimap';
import { weakerProtection, type EvidenceRank } from './protection';
import type { FlowOrigin, Protection, ProtectionEvidence } from './types';

/** A flow as one piece of configuration implies it, before flows are merged. */
export interface FlowDraft {
  from: string;
  to: string;
  protocol: string;
  port?: number;
  protection: Protection;
  protectionEvidence?: ProtectionEvidence;
  rank: EvidenceRank;
  credentials?: ProtectionEvidence;
  origin: FlowOrigin;
  /** Says only that `from` talks to `to` (compose `depends_on`): absorbed by any other flow between
   * the same two elements. */
  weak?: boolean;
}

export interface MergedFlow {
  from: string;
  to: string;
  protocol: string;
  port?: number;
  protection: Protection;
  protectionEvidence?: ProtectionEvidence;
  credentials?: ProtectionEvidence;
  origins: FlowOrigin[];
}

/**
 * Merges drafts that describe the same flow (same from, to, protocol and port), keeping the
 * strongest evidence for the protection; then folds dependency-only drafts into the addressed
 * flows of the same pair. The result does not depend on the order of the drafts.
 */
export function mergeFlows(drafts: FlowDraft[]): MergedFlow[] {
  const byKey = new Map<string, FlowDraft[]>();
  for (const draft of drafts) {
    addTo(byKey, `${draft.from}\u0000${draft.to}\u0000${draft.protocol}\u0000${draft.port ?? ''}`, draft);
  }
  const strong = new Map<string, MergedFlow[]>();
  const weak: { pair: string; flow: MergedFlow }[] = [];
  for (const group of byKey.values()) {
    const flow = mergeGroup(group);
    const pair = `${flow.from}\u0000${flow.to}`;
    if (group.every((d) => d.weak)) weak.push({ pair, flow });
    else addTo(strong, pair, flow);
  }
  const out = [...strong.values()].flat();
  for (const { pair, flow } of weak) {
    const addressed = strong.get(pair);
    if (!addressed) out.push(flow);
    else for (const target of addressed) target.origins = sortOrigins([...target.origins, ...flow.origins]);
  }
  return out;
}

function mergeGroup(group: FlowDraft[]): MergedFlow {
  let best = group[0]!;
  let credentials = best.credentials;
  for (let i = 1; i < group.length; i++) {
    const draft = group[i]!;
    if (better(draft, best)) best = draft;
    if (draft.credentials && (!credentials || compareEvidence(draft.credentials, credentials) < 0))
      credentials = draft.credentials;
  }
  const flow: MergedFlow = {
    from: best.from,
    to: best.to,
    protocol: best.protocol,
    protection: best.protection,
    origins: sortOrigins(group.map((d) => d.origin)),
  };
  if (best.port !== undefined) flow.port = best.port;
  if (best.protectionEvidence) flow.protectionEvidence = best.protectionEvidence;
  if (credentials) flow.credentials = credentials;
  return flow;
}

/** Higher rank wins; then the weaker protection; then the earlier source, for a stable choice. */
function better(a: FlowDraft, b: FlowDraft): boolean {
  if (a.rank !== b.rank) return a.rank > b.rank;
  const strength = weakerProtection(a.protection, b.protection);
  if (strength !== 0) return strength < 0;
  return compareSourceRefs(a.origin.at, b.origin.at) < 0;
}

function compareEvidence(a: ProtectionEvidence, b: ProtectionEvidence): number {
  return compareSourceRefs(a.at, b.at) || compareText(a.detail, b.detail);
}

function compareOrigins(a: FlowOrigin, b: FlowOrigin): number {
  return compareText(a.kind, b.kind) || compareSourceRefs(a.at, b.at) || compareText(a.detail, b.detail);
}

/** Sorts origins in place and drops repeats of one place (same kind, detail and position), keeping
 * the last one given. Comparing neighbours after a stable sort finds the repeats without building
 * a key per origin. */
function sortOrigins(origins: FlowOrigin[]): FlowOrigin[] {
  if (origins.length < 2) return origins;
  origins.sort(compareOrigins);
  let kept = 0;
  for (let i = 1; i < origins.length; i++) {
    if (compareOrigins(origins[kept]!, origins[i]!) === 0) origins[kept] = origins[i]!;
    else origins[++kept] = origins[i]!;
  }
  origins.length = kept + 1;
  return origins;
}
