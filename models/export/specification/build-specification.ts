import type { ThreatAnalysis } from '../../analysis/analyze-threats';
import type { AssumptionKey, AssumptionValue } from '../../attack/rules/assumptions';
import type { MitigationStateEdit, WorkshopDecision } from '../../model/threat-model';
import { riskSections } from './risk-sections';
import { requirementSections } from './requirement-sections';
import { SpecContext } from './spec-context';
import type { SpecDocument, SpecInfo, SpecSection, SpecSectionId } from './spec-document';
import type { SpecTemplate } from './spec-template';
import { systemSections } from './system-sections';

/** Everything a specification is made from. Nothing else goes into it: every statement comes from
 * the analysis, the mitigation catalogue, the workshop's records or these fields. */
export interface SpecificationInput {
  analysis: ThreatAnalysis;
  info: SpecInfo;
  /** What the system is, in the authors' words (the model's description). */
  description?: string;
  decisions?: readonly WorkshopDecision[];
  /** Mitigation states set by hand (the model's `mitigationStates`): they win over the derived ones. */
  mitigationEdits?: readonly MitigationStateEdit[];
  /** Host assumptions the analysis was run with, so that derived states agree with the trees. */
  assumptions?: Partial<Record<AssumptionKey, AssumptionValue>>;
  /** The architecture diagram (`renderDiagramSvg`), with a raster copy for formats that need one. */
  diagram?: SpecDiagram;
  /** Generated artefacts (seccomp and AppArmor profiles, hardened configs) printed as appendices. */
  appendices?: readonly SpecAppendix[];
  template: SpecTemplate;
}

export interface SpecDiagram {
  svg: string;
  png?: Uint8Array;
  width: number;
  height: number;
}

export interface SpecAppendix {
  title: string;
  /** Language of the text (`json`, `yaml`, `text`…), for code highlighting where supported. */
  language: string;
  text: string;
}

/** The heading of each section. */
export const SECTION_TITLES: Record<SpecSectionId, string> = {
  'title-page': '',
  scope: 'Scope and system description',
  architecture: 'Architecture',
  'trust-boundaries': 'Trust boundaries',
  'assets-and-flows': 'Assets and data flows',
  requirements: 'Hardening requirements',
  'attack-trees': 'Attack trees',
  findings: 'Findings',
  'mitigation-matrix': 'Mitigation status matrix',
  decisions: 'Workshop decisions',
  'residual-risks': 'Residual and accepted risks',
  verification: 'Verification plan',
  appendices: 'Appendices',
};

/**
 * Builds the security specification: the sections the template lists, in its order, each from the
 * analysis (workloads, topology, findings, attack trees and their evaluation), the mitigation
 * catalogue (requirement texts, verification commands) and the workshop's records (decisions,
 * mitigation states set by hand). Where data is absent the section says so. Deterministic.
 */
export function buildSpecification(input: SpecificationInput): SpecDocument {
  const context = new SpecContext(input.analysis, input.mitigationEdits ?? [], input.assumptions ?? {});
  const builders: Record<SpecSectionId, () => Omit<SpecSection, 'id' | 'title'>> = {
    ...systemSections(input, context),
    ...requirementSections(input, context),
    ...riskSections(input, context),
  };
  return {
    info: input.info,
    tableOfContents: input.template.tableOfContents,
    sections: input.template.sections.map((id) => ({ id, title: SECTION_TITLES[id], ...builders[id]() })),
  };
}
