import type { ThreatAnalysis } from '../../analysis/analyze-threats';
import { GeneratorContext } from '../../attack/generate/generator-context';
import type { AssumptionKey, AssumptionValue } from '../../attack/rules/assumptions';
import type { Finding } from '../../conditions/finding';
import type { Workload } from '../../import/workload';
import { MITIGATIONS } from '../../mitigations/catalogue';
import {
  applyOverrides,
  deriveMitigationStates,
  type MitigationOverride,
  type ResolvedMitigationState,
} from '../../mitigations/derive-states';
import { formatRequirement } from '../../mitigations/format-requirement';
import { MITIGATION_IDS, type MitigationId } from '../../mitigations/mitigation-ids';
import type { MitigationStateEdit } from '../../model/threat-model';
import type { DataFlow, TopologyElement } from '../../topology/types';
import { elementSlug, flowSlug, requirementId, workloadSlug } from './requirement-ids';

/** One numbered requirement of the specification: a mitigation kind applied to a workload or a
 * flow, with the catalogue's normative text and the state the configuration and the workshop give. */
export interface SpecRequirement {
  id: string;
  mitigation: MitigationId;
  /** The workload the requirement is listed under (for a flow: the client, or the server when the
   * client is not a workload). */
  workload: string;
  subject: { kind: 'workload' | 'flow'; id: string; name: string };
  text: string;
  state: ResolvedMitigationState;
}

/** Everything the sections look up, computed once from the analysis and the workshop's edits. */
export class SpecContext {
  readonly elements: Map<string, TopologyElement>;
  /** Running workloads (images are not listed on their own), in analysis order. */
  readonly workloads: Workload[];
  readonly workloadIds: Set<string>;
  readonly findingsByWorkload = new Map<string, Finding[]>();
  readonly requirements: SpecRequirement[] = [];
  readonly requirementsByWorkload = new Map<string, SpecRequirement[]>();
  /** Resolved states per workload id and per flow id. */
  readonly states = new Map<string, ResolvedMitigationState[]>();

  constructor(
    readonly analysis: ThreatAnalysis,
    edits: readonly MitigationStateEdit[],
    assumptions: Partial<Record<AssumptionKey, AssumptionValue>>,
  ) {
    this.elements = new Map(analysis.topology.elements.map((e) => [e.id, e]));
    const overrides = overridesFrom(edits);
    const gen = new GeneratorContext(analysis, { assumptions, overrides });
    this.workloads = gen.workloads;
    this.workloadIds = new Set(this.workloads.map((w) => w.id));
    for (const f of analysis.findings) {
      const list = this.findingsByWorkload.get(f.workload);
      if (list) list.push(f);
      else this.findingsByWorkload.set(f.workload, [f]);
    }

    const byId = new Map<string, SpecRequirement[]>();
    const add = (r: SpecRequirement) => {
      byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
      this.requirements.push(r);
    };
    for (const w of this.workloads) {
      const states = MITIGATION_IDS.map((id) => gen.mitigationState(w, id)).filter(
        (s): s is ResolvedMitigationState => s !== undefined,
      );
      this.states.set(w.id, states);
      const slug = workloadSlug(w.id);
      for (const state of states) {
        add({
          id: requirementId(slug, state.mitigation),
          mitigation: state.mitigation,
          workload: w.id,
          subject: { kind: 'workload', id: w.id, name: w.name },
          text: formatRequirement(MITIGATIONS[state.mitigation], w.name),
          state,
        });
      }
    }
    for (const flow of analysis.topology.flows) {
      const owner = this.workloadIds.has(flow.from)
        ? flow.from
        : this.workloadIds.has(flow.to)
          ? flow.to
          : undefined;
      const states = flowStates(flow, overrides[flow.id] ?? []);
      this.states.set(flow.id, states);
      if (!owner) continue;
      const slug = flowSlug(
        elementSlug(flow.from, this.workloadIds.has(flow.from)),
        elementSlug(flow.to, this.workloadIds.has(flow.to)),
        flow.port,
        flow.protocol,
      );
      const name = this.flowName(flow);
      for (const state of states) {
        // TLS is the requirement of every flow; mTLS and IPsec are listed where the flow has them
        // or the workshop set them, since they are alternatives, not additions.
        if (state.mitigation !== 'tls' && state.state !== 'implemented' && !state.overridden) continue;
        add({
          id: requirementId(slug, state.mitigation),
          mitigation: state.mitigation,
          workload: owner,
          subject: { kind: 'flow', id: flow.id, name },
          text: formatRequirement(MITIGATIONS[state.mitigation], name),
          state,
        });
      }
    }
    // Ids that two subjects would share (workload ids differing only in punctuation, two protocols
    // on one port) get a suffix made from their own subject id, so they stay stable too.
    for (const [id, list] of byId) {
      if (list.length < 2) continue;
      for (const r of list) r.id = `${id}-${shortHash(r.subject.id)}`;
    }
    this.requirements.sort(
      (a, b) =>
        compare(a.workload, b.workload) ||
        (a.subject.kind === b.subject.kind ? 0 : a.subject.kind === 'workload' ? -1 : 1) ||
        compare(a.subject.id, b.subject.id) ||
        MITIGATION_IDS.indexOf(a.mitigation) - MITIGATION_IDS.indexOf(b.mitigation),
    );
    for (const r of this.requirements)
      this.requirementsByWorkload.set(r.workload, [
        ...(this.requirementsByWorkload.get(r.workload) ?? []),
        r,
      ]);
  }

  /** An element's name, or its id when the analysis does not know it. */
  name(id: string): string {
    return this.elements.get(id)?.name ?? this.workloads.find((w) => w.id === id)?.name ?? id;
  }

  flowName(flow: DataFlow): string {
    return `${this.name(flow.from)} → ${this.name(flow.to)} (${endpoint(flow)})`;
  }
}

/** `protocol:port`, or the protocol alone. */
export function endpoint(flow: { protocol: string; port?: number }): string {
  return flow.port !== undefined ? `${flow.protocol}:${flow.port}` : flow.protocol;
}

/** Edits grouped by target, oldest first, so that the latest edit of a kind wins. */
function overridesFrom(edits: readonly MitigationStateEdit[]): Record<string, MitigationOverride[]> {
  const sorted = [...edits].sort((a, b) => compare(a.at, b.at));
  const out: Record<string, MitigationOverride[]> = {};
  for (const e of sorted) {
    (out[e.target] ??= []).push({
      mitigation: e.mitigation,
      state: e.state,
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
      ...(e.author !== undefined ? { author: e.author } : {}),
    });
  }
  return out;
}

function flowStates(flow: DataFlow, overrides: readonly MitigationOverride[]): ResolvedMitigationState[] {
  const protection = flow.protection === 'unknown' ? 'none' : flow.protection;
  let derived = deriveMitigationStates({ kind: 'flow', id: flow.id, protection, at: flow.at });
  if (flow.protection === 'unknown') {
    // Nothing in the configuration says whether the flow is encrypted: missing until shown.
    derived = derived.map((d) => ({
      ...d,
      reason: 'the configuration does not show whether the flow is encrypted',
      basis: 'none' as const,
    }));
  }
  return applyOverrides(derived, overrides);
}

/** FNV-1a, 32 bits, as 6 base-36 digits: short, stable, and the same on every machine. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(6, '0').slice(-6);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
