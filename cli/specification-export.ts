import type * as ResvgTypes from '@resvg/resvg-js';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ThreatAnalysis } from '../models/analysis/analyze-threats';
import { severityRank, type Severity } from '../models/conditions/condition-ids';
import { renderDiagramSvg, type ElementRisk } from '../models/export/diagram-svg';
import {
  buildSpecification,
  type SpecAppendix,
  type SpecDiagram,
  type SpecificationInput,
} from '../models/export/specification/build-specification';
import { specificationAppendices } from '../models/export/specification/appendices';
import { rasterImage } from '../models/export/specification/image-size';
import { renderSpecificationDocx } from '../models/export/specification/render-docx';
import { renderSpecificationHtml } from '../models/export/specification/render-html';
import { renderSpecificationMarkdown } from '../models/export/specification/render-markdown';
import type { SpecImageData, SpecInfo } from '../models/export/specification/spec-document';
import {
  DEFAULT_SPEC_TEMPLATE,
  parseSpecTemplate,
  type SpecTemplate,
} from '../models/export/specification/spec-template';
import { layoutDiagram } from '../models/layout/layout-diagram';
import type { Position } from '../models/model/threat-model';

export type SpecificationFormat = 'docx' | 'markdown' | 'html';

/** A template file that cannot be used: the message names the file and the field. */
export class SpecificationTemplateError extends Error {}

export interface SpecificationExportOptions {
  /** Template file (`templates/spec/default.json` when absent); its logo path is resolved against
   * the template's folder. */
  templatePath?: string;
  /** A template already read with `loadSpecTemplate` (wins over `templatePath`). */
  template?: LoadedSpecTemplate;
  /** The tool named in the generated appendices. */
  tool?: { name: string; version: string };
  /** Working directory for relative paths. */
  cwd?: string;
  /** Title page fields; the template and today's date fill the rest. */
  info?: Partial<Omit<SpecInfo, 'logo'>>;
  description?: string;
  decisions?: SpecificationInput['decisions'];
  mitigationEdits?: SpecificationInput['mitigationEdits'];
  assumptions?: SpecificationInput['assumptions'];
  /** Appendices; by default the enforcement artefacts generated from the analysis
   * (`specificationAppendices`). */
  appendices?: readonly SpecAppendix[];
  /** Diagram positions the user chose (a model's layout): kept, the rest laid out around them. */
  positions?: Record<string, Position>;
}

/** Longest side of the diagram's raster copy, in pixels: sharp in print, bounded in size. */
const MAX_RASTER_SIDE = 2400;

/** Largest template file read, in bytes. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;
/** Largest logo file read, in bytes. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

export interface LoadedSpecTemplate {
  template: SpecTemplate;
  logo?: SpecImageData;
}

/** Reads and checks a template file, and the logo it names (relative to the template file). */
export function loadSpecTemplate(path: string | undefined, cwd = process.cwd()): LoadedSpecTemplate {
  if (!path) return { template: DEFAULT_SPEC_TEMPLATE };
  const file = resolve(cwd, path);
  let value: unknown;
  try {
    checkSize(file, MAX_TEMPLATE_BYTES);
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SpecificationTemplateError(
      `${path}: cannot read the template: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = parseSpecTemplate(value);
  if (!parsed.template)
    throw new SpecificationTemplateError(parsed.errors.map((e) => `${path}: ${e}`).join('\n'));
  const template = parsed.template;
  if (!template.logo) return { template };
  let bytes: Uint8Array;
  try {
    const logoFile = resolve(dirname(file), template.logo);
    checkSize(logoFile, MAX_LOGO_BYTES);
    bytes = new Uint8Array(readFileSync(logoFile));
  } catch (error) {
    throw new SpecificationTemplateError(
      `${path}: logo: cannot read ${template.logo}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const logo = rasterImage(bytes);
  if ('error' in logo) throw new SpecificationTemplateError(`${path}: logo: ${template.logo}: ${logo.error}`);
  return { template, logo };
}

function checkSize(file: string, limit: number): void {
  const size = statSync(file).size;
  if (size > limit)
    throw new Error(
      `the file has ${size} bytes, more than the ${limit} allowed (${limit / 1024 / 1024} MiB)`,
    );
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

/** The architecture diagram as SVG, laid out around the positions given. */
export function diagramSvg(analysis: ThreatAnalysis, positions: Record<string, Position> = {}): SpecDiagram {
  const layout = layoutDiagram(analysis.topology, positions);
  const svg = renderDiagramSvg(analysis.topology, layout, {
    risks: elementRisks(analysis),
    title: 'Architecture diagram',
  });
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { svg, width: Number(size?.[1] ?? 800), height: Number(size?.[2] ?? 600) };
}

/** The architecture diagram as SVG and PNG (rasterized with resvg at up to 1.5 times its size). */
export async function renderDiagramImages(
  analysis: ThreatAnalysis,
  positions: Record<string, Position> = {},
): Promise<SpecDiagram> {
  const diagram = diagramSvg(analysis, positions);
  return { ...diagram, png: await rasterize(diagram) };
}

/** The PNG copy of a diagram, rendered by resvg on a worker thread so that the document is built
 * meanwhile. */
async function rasterize({ svg, width, height }: SpecDiagram): Promise<Uint8Array> {
  const zoom = Math.max(0.25, Math.min(1.5, MAX_RASTER_SIDE / Math.max(width, height)));
  const { renderAsync } = await loadResvg();
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: zoom },
  });
  return new Uint8Array(image.asPng());
}

/** The security specification of an analysed system, as the bytes of a DOCX, Markdown or HTML file. */
export async function exportSpecification(
  analysis: ThreatAnalysis,
  format: SpecificationFormat,
  options: SpecificationExportOptions = {},
): Promise<Uint8Array> {
  const loaded = options.template ?? loadSpecTemplate(options.templatePath, options.cwd);
  const diagram = loaded.template.sections.includes('architecture')
    ? diagramSvg(analysis, options.positions)
    : undefined;
  // The raster copy (for Word versions without SVG support) renders while the document is built.
  const png = diagram && format === 'docx' ? rasterize(diagram) : undefined;
  // Awaited below; if building the document fails first, that error is the one reported.
  png?.catch(() => undefined);
  const spec = specificationOf(analysis, loaded, diagram, options);
  if (format === 'docx') {
    if (png) {
      const bytes = await png;
      for (const section of spec.sections)
        for (const block of section.blocks)
          if (block.kind === 'image' && block.svg === diagram?.svg) block.png = bytes;
    }
    return renderSpecificationDocx(spec);
  }
  return new TextEncoder().encode(
    format === 'html' ? renderSpecificationHtml(spec) : renderSpecificationMarkdown(spec),
  );
}

/**
 * The HTML or Markdown specification as text, without the raster copy of the diagram: both embed
 * the SVG, so nothing asynchronous is needed (the shape `rampart export` format writers have).
 */
export function exportSpecificationText(
  analysis: ThreatAnalysis,
  format: 'html' | 'markdown',
  options: SpecificationExportOptions = {},
): string {
  const loaded = options.template ?? loadSpecTemplate(options.templatePath, options.cwd);
  const diagram = loaded.template.sections.includes('architecture')
    ? diagramSvg(analysis, options.positions)
    : undefined;
  const spec = specificationOf(analysis, loaded, diagram, options);
  return format === 'html' ? renderSpecificationHtml(spec) : renderSpecificationMarkdown(spec);
}

function specificationOf(
  analysis: ThreatAnalysis,
  { template, logo }: LoadedSpecTemplate,
  diagram: SpecDiagram | undefined,
  options: SpecificationExportOptions,
) {
  const info: SpecInfo = {
    title: options.info?.title ?? template.title,
    version: options.info?.version ?? '1.0',
    date: options.info?.date ?? today(),
    authors: options.info?.authors ?? [],
    classification: options.info?.classification ?? template.classification,
    organization: options.info?.organization ?? template.organization,
    ...(logo ? { logo } : {}),
  };
  return buildSpecification({
    analysis,
    info,
    ...(options.description !== undefined ? { description: options.description } : {}),
    decisions: options.decisions ?? [],
    mitigationEdits: options.mitigationEdits ?? [],
    assumptions: options.assumptions ?? {},
    ...(diagram ? { diagram } : {}),
    appendices:
      options.appendices ??
      (template.sections.includes('appendices')
        ? specificationAppendices(analysis, options.tool ? { tool: options.tool } : {})
        : []),
    template,
  });
}

/** The date of the document: `SOURCE_DATE_EPOCH` when set, so that builds are reproducible. */
function today(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString().slice(0, 10);
}

type ResvgModule = typeof ResvgTypes;

/** resvg is a native addon: loaded at run time from node_modules, never bundled into the CLI. */
async function loadResvg(): Promise<ResvgModule> {
  const name = '@resvg/resvg-js';
  return (await import(/* @vite-ignore */ name)) as ResvgModule;
}
