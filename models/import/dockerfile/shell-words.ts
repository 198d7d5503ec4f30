/**
 * Word splitting, quote removal and variable expansion as the Dockerfile frontend does them
 * (moby/buildkit `frontend/dockerfile/parser` `parseWords` and `shell/lex.go`): arguments are split
 * on whitespace outside quotes, then each word loses its quotes and escape characters and has
 * `$VAR`, `${VAR}` and `${VAR:-default}` style references replaced.
 */

export interface Word {
  /** The word as written, quotes and escape characters included. */
  raw: string;
  /** Offset of the word in the text it was split from. */
  offset: number;
}

export interface SplitWords {
  words: Word[];
  /** A quote opened in the text is never closed; the last word runs to the end. */
  unterminatedQuote: boolean;
}

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** Splits on whitespace outside quotes, keeping each word's raw text and offset. */
export function splitWords(text: string, escape: string): SplitWords {
  const words: Word[] = [];
  let start = -1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (start < 0) {
      if (isBlank(ch)) continue;
      start = i;
    }
    if (quote !== '') {
      if (ch === quote) quote = '';
      else if (ch === escape && quote !== "'") i++;
      continue;
    }
    if (isBlank(ch)) {
      words.push({ raw: text.slice(start, i), offset: start });
      start = -1;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === escape) {
      i++;
    }
  }
  if (start >= 0) words.push({ raw: text.slice(start), offset: start });
  return { words, unterminatedQuote: quote !== '' };
}

/**
 * What a variable name resolves to: a string when its value is known, `null` when it is declared
 * but its value depends on something outside the file (a build argument without default, the base
 * image's environment), `undefined` when it is known to be unset.
 */
export type VariableLookup = (name: string) => string | null | undefined;

export interface ProcessedWord {
  value: string;
  /** Some reference could not be resolved; its text is kept as written in `value`. */
  unresolved: boolean;
  /** The word refers to at least one variable. */
  hasVariables: boolean;
  unterminatedQuote: boolean;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** Index of the `}` closing a `${` whose body starts at `from`, honouring nested `${…}`. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (ch === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

/**
 * Removes quotes and escape characters and, when `lookup` is given, expands variables. Without a
 * lookup the references stay as written, which is how values are recorded ("as written").
 */
export function processWord(raw: string, escape: string, lookup?: VariableLookup): ProcessedWord {
  return processNested(raw, escape, lookup, 0);
}

/** Defaults may nest (`${A:-${B:-x}}`); deeper than this the reference is left unresolved. */
const MAX_NESTING = 16;

function processNested(
  raw: string,
  escape: string,
  lookup: VariableLookup | undefined,
  depth: number,
): ProcessedWord {
  const state = { unresolved: false, hasVariables: false, depth };
  let out = '';
  let quote = '';
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (quote === "'") {
      if (ch === "'") quote = '';
      else out += ch;
      i++;
      continue;
    }
    if (ch === escape) {
      const next = raw[i + 1];
      if (next === undefined) {
        i++;
        continue;
      }
      // In double quotes only a few characters are escapable; elsewhere the escape stays.
      if (quote === '"' && next !== '"' && next !== '$' && next !== escape) out += ch;
      out += next;
      i += 2;
      continue;
    }
    if (quote === '' && (ch === '"' || ch === "'")) {
      quote = ch;
      i++;
      continue;
    }
    if (quote === '"' && ch === '"') {
      quote = '';
      i++;
      continue;
    }
    if (ch === '$') {
      const expanded = expandReference(raw, i, escape, lookup, state);
      out += expanded.text;
      i = expanded.end;
      continue;
    }
    out += ch;
    i++;
  }
  return {
    value: out,
    unresolved: state.unresolved,
    hasVariables: state.hasVariables,
    unterminatedQuote: quote !== '',
  };
}

interface ExpansionState {
  unresolved: boolean;
  hasVariables: boolean;
  depth: number;
}

function expandReference(
  raw: string,
  at: number,
  escape: string,
  lookup: VariableLookup | undefined,
  state: ExpansionState,
): { text: string; end: number } {
  const next = raw.charCodeAt(at + 1);
  if (raw[at + 1] === '{') {
    const close = closingBrace(raw, at + 2);
    if (close < 0) return { text: raw.slice(at), end: raw.length };
    state.hasVariables = true;
    const whole = raw.slice(at, close + 1);
    if (!lookup) return { text: whole, end: close + 1 };
    return { text: expandBraced(raw.slice(at + 2, close), whole, escape, lookup, state), end: close + 1 };
  }
  if (!isNameStart(next)) return { text: '$', end: at + 1 };
  let end = at + 1;
  while (end < raw.length && isNameChar(raw.charCodeAt(end))) end++;
  state.hasVariables = true;
  const whole = raw.slice(at, end);
  if (!lookup) return { text: whole, end };
  const value = lookup(raw.slice(at + 1, end));
  if (value === null) {
    state.unresolved = true;
    return { text: whole, end };
  }
  return { text: value ?? '', end };
}

/** `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, `${NAME:?msg}`. */
function expandBraced(
  body: string,
  whole: string,
  escape: string,
  lookup: VariableLookup,
  state: ExpansionState,
): string {
  let n = 0;
  while (n < body.length && isNameChar(body.charCodeAt(n))) n++;
  const name = body.slice(0, n);
  const value = name === '' ? null : lookup(name);
  const rest = body.slice(n);
  const unresolved = (): string => {
    state.unresolved = true;
    return whole;
  };
  const word = (text: string): string => {
    if (state.depth >= MAX_NESTING) return unresolved();
    const processed = processNested(text, escape, lookup, state.depth + 1);
    if (processed.unresolved) state.unresolved = true;
    return processed.value;
  };
  if (rest === '') return value === null ? unresolved() : (value ?? '');
  const colon = rest[0] === ':';
  const op = colon ? rest[1] : rest[0];
  const arg = rest.slice(colon ? 2 : 1);
  const isSet = value !== undefined && value !== null && (!colon || value !== '');
  switch (op) {
    case '-':
      // An unknown build argument falls back to its default when none is passed.
      return isSet ? value! : word(arg);
    case '+':
      if (value === null) return unresolved();
      return isSet ? word(arg) : '';
    case '?':
      return isSet ? value! : unresolved();
    default:
      // Pattern operators (#, %, /) are not evaluated here.
      return unresolved();
  }
}

/** The exec form: a JSON array of strings. `undefined` when the text is not one. */
export function parseJsonArray(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return undefined;
  return parsed as string[];
}

/** True when text opens and closes like a JSON array, so the author meant the exec form. */
export function looksLikeJsonArray(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.startsWith('[') && trimmed.endsWith(']');
}
