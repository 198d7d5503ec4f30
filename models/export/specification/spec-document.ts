/**
 * The security specification as one neutral structure, built once from the analysis and rendered
 * to DOCX, Markdown and HTML: the three formats say the same thing because they read the same
 * blocks. Text here is plain user-visible text, never markup; each renderer escapes it.
 */
export interface SpecDocument {
  info: SpecInfo;
  /** Sections in the template's order; the title page, when present, comes first. */
  sections: SpecSection[];
  /** Whether a table of contents follows the title page. */
  tableOfContents: boolean;
}

/** What the title page, headers and footers show. */
export interface SpecInfo {
  title: string;
  version: string;
  /** Date of this version, YYYY-MM-DD. */
  date: string;
  authors: string[];
  /** Classification marking printed on every page. */
  classification: string;
  organization: string;
  logo?: SpecImageData;
}

/** A raster image and its natural size in pixels. */
export interface SpecImageData {
  type: 'png' | 'jpg';
  data: Uint8Array;
  width: number;
  height: number;
}

export interface SpecSection {
  id: SpecSectionId;
  /** Heading 1 text; empty for the title page, which has none. */
  title: string;
  blocks: SpecBlock[];
  /** Print the section on landscape pages (wide tables, a wide diagram). */
  landscape?: boolean;
}

/** Sections a template may list, in the default order. */
export const SPEC_SECTION_IDS = [
  'title-page',
  'scope',
  'architecture',
  'trust-boundaries',
  'assets-and-flows',
  'requirements',
  'attack-trees',
  'findings',
  'mitigation-matrix',
  'decisions',
  'residual-risks',
  'verification',
  'appendices',
] as const;

export type SpecSectionId = (typeof SPEC_SECTION_IDS)[number];

/** A run of text with emphasis; `code` is set in a monospaced font. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

export type SpecBlock =
  | { kind: 'heading'; level: 2 | 3; text: string; anchor?: string }
  | { kind: 'paragraph'; content: Inline[]; style?: 'title' | 'subtitle' | 'note' }
  | { kind: 'list'; ordered?: boolean; items: Inline[][] }
  | {
      kind: 'table';
      caption?: string;
      header: string[];
      rows: TableCell[][];
      widths?: number[];
      compact?: boolean;
      rotateHeader?: boolean;
    }
  | {
      kind: 'image';
      /** Raster data (DOCX and HTML embed it); `svg`, when present, is preferred where supported. */
      png?: Uint8Array;
      svg?: string;
      width: number;
      height: number;
      alt: string;
      caption?: string;
    }
  | { kind: 'code'; language: string; text: string }
  | { kind: 'page-break' };

/** A table cell: text runs, and an optional tone that renderers may shade. */
export interface TableCell {
  content: Inline[];
  tone?: CellTone;
}

export type CellTone = 'good' | 'bad' | 'warn' | 'neutral';

/** Plain text as one run. */
export function text(value: string, style: Omit<Inline, 'text'> = {}): Inline[] {
  return [{ text: value, ...style }];
}

/** A cell of plain text. */
export function cell(value: string, tone?: CellTone, style: Omit<Inline, 'text'> = {}): TableCell {
  return tone ? { content: text(value, style), tone } : { content: text(value, style) };
}

/** The plain text of some runs. */
export function plain(content: readonly Inline[]): string {
  return content.map((run) => run.text).join('');
}
