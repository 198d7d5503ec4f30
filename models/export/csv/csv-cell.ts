// Control characters are what this strips, so the pattern must name them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** A formula character first, or after leading white space (which some importers trim). */
const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell made safe to open in a spreadsheet, then quoted as RFC 4180 requires.
 *
 * - Control characters other than tab and line breaks are removed; CR LF and lone CR become LF, so
 *   a cell's text looks the same everywhere.
 * - Formula injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`, tab or
 *   carriage return — or their full-width forms, which some spreadsheets also read as formulas,
 *   or any of them after leading white space — is prefixed with `'`, so it is shown as text,
 *   never evaluated.
 * - A cell holding a comma, a double quote or a line break is enclosed in double quotes, with each
 *   quote doubled.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  if (FORMULA_START.test(value) || FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: the cells joined by commas, ended by CR LF (RFC 4180 §2). */
export function csvRecord(cells: (string | number | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
