import type { MessageKey } from '../i18n/t';

/** Exports made from the model's analysis, named as the desktop menu's `export:*` commands. */
export const FILE_EXPORTS = [
  'docx',
  'html',
  'markdown',
  'json',
  'sarif',
  'csv',
  'threat-dragon',
  'harden',
] as const;
export type FileExportKind = (typeof FILE_EXPORTS)[number];

/** Profiles generated from what the user pastes, not from the model. */
export type ProfileKind = 'seccomp' | 'apparmor';
export type ExportKind = FileExportKind | ProfileKind;

export const EXPORT_KINDS: readonly ExportKind[] = [...FILE_EXPORTS, 'seccomp', 'apparmor'];

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}

/** The specification formats: they use the document-control fields and the diagram. */
export function isSpecification(kind: ExportKind): kind is 'docx' | 'html' | 'markdown' {
  return kind === 'docx' || kind === 'html' || kind === 'markdown';
}

export const EXPORT_LABELS: Record<ExportKind, MessageKey> = {
  docx: 'export.kind.docx',
  html: 'export.kind.html',
  markdown: 'export.kind.markdown',
  json: 'export.kind.json',
  sarif: 'export.kind.sarif',
  csv: 'export.kind.csv',
  'threat-dragon': 'export.kind.threat-dragon',
  harden: 'export.kind.harden',
  seccomp: 'export.kind.seccomp',
  apparmor: 'export.kind.apparmor',
};

/** File name ending and media type of each file export. */
export const EXPORT_FILES: Record<FileExportKind, { suffix: string; mimeType: string }> = {
  docx: {
    suffix: '-specification.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  html: { suffix: '-specification.html', mimeType: 'text/html' },
  markdown: { suffix: '-specification.md', mimeType: 'text/markdown' },
  json: { suffix: '-analysis.json', mimeType: 'application/json' },
  sarif: { suffix: '.sarif', mimeType: 'application/sarif+json' },
  csv: { suffix: '-findings.csv', mimeType: 'text/csv' },
  'threat-dragon': { suffix: '-threat-dragon.json', mimeType: 'application/json' },
  harden: { suffix: '-hardened.md', mimeType: 'text/markdown' },
};
