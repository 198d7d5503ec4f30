import type { SourceText } from './source-text';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A problem with an input, told the way a user can act on it: which file, which line and column,
 * what was found (`excerpt`) and what was expected (`message`). Codes are stable (see catalogue). */
export interface Diagnostic {
  severity: DiagnosticSeverity;
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
  path?: string;
  excerpt?: string;
}

/** One entry of a diagnostics catalogue: the stable code, its severity and a one-line title. */
export interface DiagnosticSpec {
  code: string;
  severity: DiagnosticSeverity;
  title: string;
}

/** Declares a catalogue section; the keys become the codes, so a code can only be used if it is declared. */
export function defineDiagnostics<const K extends string>(
  entries: Record<K, { severity: DiagnosticSeverity; title: string }>,
): Record<K, DiagnosticSpec> {
  const out = {} as Record<K, DiagnosticSpec>;
  for (const code of Object.keys(entries) as K[]) out[code] = { code, ...entries[code] };
  return out;
}

const EXCERPT_LIMIT = 160;

/** Builds a diagnostic at a 1-based position, quoting the offending line when the text is known. */
export function diagnosticAt(
  spec: DiagnosticSpec,
  message: string,
  where: { file: string; line: number; column: number; path?: string },
  source?: SourceText,
): Diagnostic {
  const d: Diagnostic = {
    severity: spec.severity,
    code: spec.code,
    message,
    file: where.file,
    line: where.line,
    column: where.column,
  };
  if (where.path) d.path = where.path;
  if (source) {
    const text = source.lineText(where.line).trim();
    if (text) d.excerpt = text.length > EXCERPT_LIMIT ? `${text.slice(0, EXCERPT_LIMIT)}…` : text;
  }
  return d;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
