import { interpolate, type InterpolationIssue, type VariableLookup } from './interpolate';

/**
 * The `.env` / `env_file` format as compose reads it: `KEY=value` (or `KEY: value`), an optional
 * `export ` prefix, `#` comments, single quotes taken literally, double quotes with `\n` escapes and
 * interpolation, unquoted values trimmed and cut at ` #`. A bare `KEY` takes its value from the
 * caller's environment. Values may use variables defined earlier in the same file.
 */

export interface DotenvEntry {
  name: string;
  /** Undefined for a bare `KEY` line (passed through from the caller's environment). */
  value: string | undefined;
  line: number;
  column: number;
  /** True when the value came (partly) from interpolation. */
  substituted: boolean;
}

export interface DotenvIssue {
  kind: 'syntax' | InterpolationIssue['kind'];
  name: string;
  message: string;
  line: number;
  column: number;
}

export interface Dotenv {
  entries: DotenvEntry[];
  issues: DotenvIssue[];
}

const NEWLINE = 10;

export function parseDotenv(text: string, outer: VariableLookup): Dotenv {
  const entries: DotenvEntry[] = [];
  const issues: DotenvIssue[] = [];
  const own = new Map<string, string>();
  const lookup: VariableLookup = (name) => own.get(name) ?? outer(name);
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const lineEnd = (from: number) => {
    const end = text.indexOf('\n', from);
    return end === -1 ? text.length : end;
  };
  // Moves `pos` to `to`, counting the line breaks passed.
  const advance = (to: number) => {
    for (let i = text.indexOf('\n', pos); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    pos = to;
  };

  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === NEWLINE || c === 32 || c === 9 || c === 13) {
      advance(pos + 1);
      continue;
    }
    if (c === 35 /* # */) {
      advance(lineEnd(pos));
      continue;
    }
    if (text.startsWith('export ', pos) || text.startsWith('export\t', pos)) pos += 7;
    while (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9) pos++;

    const column = pos - lineStart + 1;
    const entryLine = line;
    let keyEnd = pos;
    while (keyEnd < text.length && isKeyChar(text.charCodeAt(keyEnd))) keyEnd++;
    const name = text.slice(pos, keyEnd);
    let after = keyEnd;
    while (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9) after++;
    const separator = text[after];
    const atLineEnd = after >= text.length || separator === '\n' || separator === '\r';

    if (name === '' || (!atLineEnd && separator !== '=' && separator !== ':')) {
      issues.push({
        kind: 'syntax',
        name,
        message: `expected KEY=value, found "${text.slice(pos, Math.min(lineEnd(pos), pos + 40)).trim()}"`,
        line: entryLine,
        column,
      });
      advance(lineEnd(pos));
      continue;
    }
    if (atLineEnd) {
      entries.push({ name, value: undefined, line: entryLine, column, substituted: false });
      advance(after);
      continue;
    }

    let start = after + 1;
    while (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9) start++;
    const quote = text[start];
    let raw: string;
    let expand = true;
    if (quote === "'" || quote === '"') {
      const close = closingQuote(text, start + 1, quote);
      if (close === -1) {
        issues.push({
          kind: 'syntax',
          name,
          message: `the value of ${name} opens a ${quote} quote that is never closed`,
          line: entryLine,
          column,
        });
        advance(lineEnd(start));
        continue;
      }
      raw = text.slice(start + 1, close);
      if (quote === "'") expand = false;
      else raw = unescapeDoubleQuoted(raw);
      advance(close + 1);
      advance(lineEnd(pos));
    } else {
      const end = lineEnd(start);
      raw = stripComment(text.slice(start, end)).trim();
      advance(end);
    }

    let value = raw;
    let substituted = false;
    if (expand && raw.indexOf('$') !== -1) {
      const result = interpolate(raw, lookup);
      value = result.value;
      substituted = result.substituted;
      for (const issue of result.issues ?? [])
        issues.push({ kind: issue.kind, name: issue.name, message: issue.message, line: entryLine, column });
    }
    own.set(name, value);
    entries.push({ name, value, line: entryLine, column, substituted });
  }
  return { entries, issues };
}

function isKeyChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45 ||
    c === 91 ||
    c === 93
  );
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quote === '"') i++;
    else if (c === quote) return i;
  }
  return -1;
}

/** Double-quoted escapes; `\$` becomes `$$` so that interpolation leaves a literal `$`. */
function unescapeDoubleQuoted(raw: string): string {
  if (raw.indexOf('\\') === -1) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i === raw.length - 1) {
      out += c;
      continue;
    }
    const next = raw[++i];
    out += next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : next === '$' ? '$$' : next;
  }
  return out;
}

/** An unquoted value ends at a `#` that follows whitespace. */
function stripComment(value: string): string {
  for (let i = value.indexOf('#'); i !== -1; i = value.indexOf('#', i + 1)) {
    if (i === 0 || value[i - 1] === ' ' || value[i - 1] === '\t') return value.slice(0, i);
  }
  return value;
}
