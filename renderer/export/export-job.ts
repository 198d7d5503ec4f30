import type { ThreatAnalysis } from '../../models/analysis/analyze-threats';
import { severityRank, type Severity } from '../../models/conditions/condition-ids';
import { analysisToJson } from '../../models/export/analysis-json';
import { findingsToCsv } from '../../models/export/csv';
import { renderDiagramSvg, type ElementRisk } from '../../models/export/diagram-svg';
import { generateHardenedConfigs, type HardenedFile } from '../../models/export/harden';
import { markdownText } from '../../models/export/markdown-text';
import { analysisToSarif } from '../../models/export/sarif';
import { buildSpecification, type SpecDiagram } from '../../models/export/specification/build-specification';
import { renderSpecificationDocx } from '../../models/export/specification/render-docx';
import { renderSpecificationHtml } from '../../models/export/specification/render-html';
import { renderSpecificationMarkdown } from '../../models/export/specification/render-markdown';
import type { SpecInfo } from '../../models/export/specification/spec-document';
import { DEFAULT_SPEC_TEMPLATE } from '../../models/export/specification/spec-template';
import { analysisToThreatDragon } from '../../models/export/threat-dragon';
import { layoutDiagram } from '../../models/layout/layout-diagram';
import { modelOverrides, type DerivedModel } from '../../models/model/derive-model';
import type { ModelLayout, ThreatModel } from '../../models/model/threat-model';
import { EXPORT_FILES, type FileExportKind } from './export-kinds';

/**
 * What an export is made from: plain data, so that a job can be posted to the export worker. The
 * model's derivation (analysis, trees, states) is made by whoever runs the job, once per model.
 */
export interface ExportJob {
  kind: FileExportKind;
  model: ThreatModel;
  layout: ModelLayout;
  /** Title page and document control of a specification. */
  info: SpecInfo;
  tool: { name: string; version: string };
  /** Raster copy of the diagram for the .docx (`diagramOf` → `rasterizeSvg`). */
  png?: Uint8Array;
}

export interface ExportOutput {
  mimeType: string;
  data: string | Uint8Array;
  /** The separate files of the hardened configs, each of which the user may save alone. */
  files?: HardenedFile[];
}

/** Findings per diagram element: how many, and the worst severity, for the diagram's badges. */
export function elementRisks(analysis: ThreatAnalysis): Record<string, ElementRisk> {
  const elements = new Set(analysis.topology.elements.map((e) => e.id));
  const risks: Record<string, ElementRisk> = {};
  for (const f of analysis.findings) {
    if (!elements.has(f.workload)) continue;
    const risk = (risks[f.workload] ??= { count: 0, severity: 'info' as Severity });
    risk.count++;
    if (severityRank(f.severity) > severityRank(risk.severity)) risk.severity = f.severity;
  }
  return risks;
}

/** The architecture diagram as SVG, laid out around the positions the user chose (as the CLI
 * draws it for `rampart export`). */
export function diagramOf(analysis: ThreatAnalysis, layout: ModelLayout): SpecDiagram {
  const laidOut = layoutDiagram(analysis.topology, layout.positions);
  const svg = renderDiagramSvg(analysis.topology, laidOut, {
    risks: elementRisks(analysis),
    title: 'Architecture diagram',
  });
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { svg, width: Number(size?.[1] ?? 800), height: Number(size?.[2] ?? 600) };
}

/** The specification's document structure, from the model's derivation and its workshop records. */
export function specificationOf(job: ExportJob, derived: DerivedModel) {
  const template = DEFAULT_SPEC_TEMPLATE;
  const diagram = template.sections.includes('architecture')
    ? { ...diagramOf(derived.analysis, job.layout), ...(job.png ? { png: job.png } : {}) }
    : undefined;
  return buildSpecification({
    analysis: derived.analysis,
    info: job.info,
    ...(job.model.description ? { description: job.model.description } : {}),
    decisions: job.model.decisions,
    mitigationEdits: job.model.mitigationStates,
    assumptions: job.model.assumptions,
    ...(diagram ? { diagram } : {}),
    appendices: [],
    template,
  });
}

/** The hardened compose overrides, Kubernetes patches and summary as one Markdown document: the
 * summary first, then every file under its path, to review in one place and copy from. */
export function hardenedBundle(title: string, files: readonly HardenedFile[]): string {
  const summary = files.find((f) => f.path === 'SUMMARY.md');
  const others = files.filter((f) => f !== summary);
  // The title carries the model's name, which is user text: escaped, so that it reads as text in
  // every Markdown viewer and can bring in no HTML, link or image.
  const parts = [`# ${markdownText(title)}\n`];
  if (summary) parts.push(summary.text.replace(/^#/gm, '##'));
  for (const file of others) {
    const fence = '`'.repeat(Math.max(3, ...[...file.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    const language = /\.ya?ml$/.test(file.path) ? 'yaml' : '';
    parts.push(`## ${file.path}\n\n${fence}${language}\n${file.text.replace(/\n?$/, '\n')}${fence}\n`);
  }
  return parts.join('\n');
}

/** Renders one export of a model whose derivation is known. */
export async function renderExport(job: ExportJob, derived: DerivedModel): Promise<ExportOutput> {
  const { mimeType } = EXPORT_FILES[job.kind];
  const { analysis } = derived;
  switch (job.kind) {
    case 'docx':
      return { mimeType, data: await renderSpecificationDocx(specificationOf(job, derived)) };
    case 'html':
      return { mimeType, data: renderSpecificationHtml(specificationOf(job, derived)) };
    case 'markdown':
      return { mimeType, data: renderSpecificationMarkdown(specificationOf(job, derived)) };
    case 'json':
      return { mimeType, data: analysisToJson(analysis, job.tool) };
    case 'sarif':
      return { mimeType, data: analysisToSarif(analysis, job.tool) };
    case 'csv':
      return { mimeType, data: findingsToCsv(analysis) };
    case 'threat-dragon':
      return {
        mimeType,
        data: analysisToThreatDragon(analysis, {
          title: job.model.name,
          ...(job.info.organization ? { owner: job.info.organization } : {}),
          contributors: job.info.authors,
          positions: job.layout.positions,
        }),
      };
    case 'harden': {
      const { files } = generateHardenedConfigs(analysis, {
        overrides: modelOverrides(job.model, analysis.topology.flows),
        tool: job.tool,
      });
      return { mimeType, data: hardenedBundle(`Hardened configuration: ${job.model.name}`, files), files };
    }
  }
}
