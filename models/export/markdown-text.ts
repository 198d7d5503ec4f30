/** Makes user-controlled text (names, messages, paths from configs) inert in Markdown: no HTML,
 * no links or images, no emphasis or code spans, no table breaks, one line. */
// Control characters are what this strips, so the pattern must name them.
/* eslint-disable no-control-regex */
export function markdownText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

/** Text inside a code span: backticks cannot be escaped there, so the fence grows instead. */
export function markdownCode(text: string): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** A code span inside a table cell. GitHub-flavoured tables split a row on every pipe not escaped
 * with a backslash, code spans included (where the backslash is then not shown), so a pipe in a
 * file name or path would otherwise add cells and shift every column after it. */
export function markdownTableCode(text: string): string {
  return markdownCode(text).replace(/\|/g, '\\|');
}
/* eslint-enable no-control-regex */
