import type { ThreatAnalysis } from '../models/analysis/analyze-threats';
import { analysisToJson } from '../models/export/analysis-json';
import { analysisToMarkdown } from '../models/export/analysis-markdown';
import { findingsToCsv } from '../models/export/csv';
import { analysisToSarif } from '../models/export/sarif';
import { analysisToThreatDragon } from '../models/export/threat-dragon';
import {
  exportSpecification,
  exportSpecificationText,
  type SpecificationExportOptions,
} from './specification-export';

/** What a writer gets besides the analysis. */
export interface ExportContext {
  tool: { name: string; version: string };
  /** Template and document-control fields of the specification formats (docx, html, spec-markdown). */
  specification?: SpecificationExportOptions;
}

/** One `rampart export --to` format: its name on the command line and the writer that renders the
 * analysis as the file's text or bytes (a DOCX file), directly or once a promise settles. */
export interface ExportFormat {
  name: string;
  /** One line for the usage text. */
  description: string;
  /** Whether the format is the security specification (it takes --template, --title and the other
   * document-control options). */
  specification?: boolean;
  write(analysis: ThreatAnalysis, context: ExportContext): string | Uint8Array | Promise<string | Uint8Array>;
}

const FORMATS = new Map<string, ExportFormat>();

/** Adds a format to `rampart export --to`; a name can be registered once. */
export function registerExportFormat(format: ExportFormat): void {
  if (FORMATS.has(format.name)) throw new Error(`export format "${format.name}" is registered twice`);
  FORMATS.set(format.name, format);
}

/** The format registered under a name, if any. */
export function exportFormat(name: string): ExportFormat | undefined {
  return FORMATS.get(name);
}

/** Registered format names, in registration order (the order the usage text lists them in). */
export function exportFormatNames(): string[] {
  return [...FORMATS.keys()];
}

registerExportFormat({
  name: 'json',
  description: 'the `rampart analyze --format json` document',
  write: (analysis, { tool }) => analysisToJson(analysis, tool),
});
registerExportFormat({
  name: 'markdown',
  description: 'the analysis report in Markdown',
  write: (analysis, { tool }) => analysisToMarkdown(analysis, tool),
});
registerExportFormat({
  name: 'sarif',
  description: 'SARIF 2.1.0 for code scanning (one result per finding)',
  write: (analysis, { tool }) => analysisToSarif(analysis, tool),
});
registerExportFormat({
  name: 'csv',
  description: 'the findings as CSV (UTF-8 with BOM, formula-safe cells)',
  write: (analysis) => findingsToCsv(analysis),
});
registerExportFormat({
  name: 'threat-dragon',
  description: 'an OWASP Threat Dragon v2 model (diagram with threats)',
  write: (analysis) => analysisToThreatDragon(analysis),
});
registerExportFormat({
  name: 'docx',
  description: 'the security specification as a Word document',
  specification: true,
  write: (analysis, { tool, specification }) =>
    exportSpecification(analysis, 'docx', { tool, ...specification }),
});
registerExportFormat({
  name: 'html',
  description: 'the security specification as one self-contained HTML page',
  specification: true,
  write: (analysis, { tool, specification }) =>
    exportSpecificationText(analysis, 'html', { tool, ...specification }),
});
registerExportFormat({
  name: 'spec-markdown',
  description: 'the security specification in Markdown (the analysis report is "markdown")',
  specification: true,
  write: (analysis, { tool, specification }) =>
    exportSpecificationText(analysis, 'markdown', { tool, ...specification }),
});
