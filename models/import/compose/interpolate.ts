/**
 * Compose variable interpolation (Compose Specification, "Interpolation"): `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
 * `${VAR+alt}` and `$$` for a literal `$`. Defaults and alternatives may nest further expressions.
 * A `$` that starts none of these stays literal, as in compose.
 */

export type VariableLookup = (name: string) => string | undefined;

export interface InterpolationIssue {
  /** `unset`: replaced by ''; `required`: a `?` form whose variable is missing; `invalid`: unreadable `${…}`. */
  kind: 'unset' | 'required' | 'invalid';
  name: string;
  message: string;
}

export interface Interpolation {
  value: string;
  /** True when at least one variable expression was replaced (the value is not a plain literal). */
  substituted: boolean;
  issues: InterpolationIssue[] | undefined;
}

/** Deeper nesting than this in defaults is refused rather than recursed into. */
const MAX_NESTING = 16;

const DOLLAR = 36;
const OPEN = 123;
const CLOSE = 125;

export function interpolate(text: string, lookup: VariableLookup): Interpolation {
  const result: Interpolation = { value: text, substituted: false, issues: undefined };
  if (text.indexOf('$') === -1) return result;
  result.value = substitute(text, lookup, result, 0);
  return result;
}

function substitute(text: string, lookup: VariableLookup, result: Interpolation, depth: number): string {
  let out = '';
  let last = 0;
  let i = text.indexOf('$');
  while (i !== -1) {
    const next = text.charCodeAt(i + 1);
    if (next === DOLLAR) {
      out += text.slice(last, i) + '$';
      last = i + 2;
      i = text.indexOf('$', last);
      continue;
    }
    if (next === OPEN) {
      const end = closingBrace(text, i + 2);
      if (end === -1) {
        addIssue(result, 'invalid', '', `"\${" at "${excerpt(text, i)}" has no closing "}"`);
        break;
      }
      out += text.slice(last, i) + braced(text.slice(i + 2, end), lookup, result, depth);
      result.substituted = true;
      last = end + 1;
      i = text.indexOf('$', last);
      continue;
    }
    if (isNameStart(next)) {
      let j = i + 2;
      while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
      const name = text.slice(i + 1, j);
      out += text.slice(last, i) + resolveNamed(name, lookup, result);
      result.substituted = true;
      last = j;
      i = text.indexOf('$', last);
      continue;
    }
    i = text.indexOf('$', i + 1);
  }
  return out + text.slice(last);
}

/** Offset of the `}` that closes a `${` whose body starts at `from`, counting nested `${…}`. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DOLLAR && text.charCodeAt(i + 1) === OPEN) {
      depth++;
      i++;
    } else if (c === CLOSE && --depth === 0) {
      return i;
    }
  }
  return -1;
}

function braced(body: string, lookup: VariableLookup, result: Interpolation, depth: number): string {
  let nameEnd = 0;
  if (body.length > 0 && isNameStart(body.charCodeAt(0))) {
    nameEnd = 1;
    while (nameEnd < body.length && isNameChar(body.charCodeAt(nameEnd))) nameEnd++;
  }
  const name = body.slice(0, nameEnd);
  if (name === '') {
    addIssue(result, 'invalid', '', `"\${${body}}" does not start with a variable name`);
    return '';
  }
  if (nameEnd === body.length) return resolveNamed(name, lookup, result);

  const colon = body.charCodeAt(nameEnd) === 58;
  const operator = body[colon ? nameEnd + 1 : nameEnd];
  const argument = body.slice(colon ? nameEnd + 2 : nameEnd + 1);
  if (operator !== '-' && operator !== '?' && operator !== '+') {
    addIssue(
      result,
      'invalid',
      name,
      `"\${${body}}" is not a valid expression: expected one of :- - :? ? :+ + after the variable name`,
    );
    return '';
  }
  const value = lookup(name);
  // With a colon, an empty value counts as missing; without, only an unset one does.
  const missing = value === undefined || (colon && value === '');
  switch (operator) {
    case '-':
      return missing ? nested(argument, lookup, result, depth) : value!;
    case '+':
      return missing ? '' : nested(argument, lookup, result, depth);
    default: {
      if (!missing) return value!;
      const reason = nested(argument, lookup, result, depth);
      addIssue(
        result,
        'required',
        name,
        reason === ''
          ? `required variable ${name} is missing a value`
          : `required variable ${name} is missing a value: ${reason}`,
      );
      return '';
    }
  }
}

function nested(text: string, lookup: VariableLookup, result: Interpolation, depth: number): string {
  if (text.indexOf('$') === -1) return text;
  if (depth >= MAX_NESTING) {
    addIssue(result, 'invalid', '', `expressions are nested deeper than ${MAX_NESTING} levels`);
    return '';
  }
  return substitute(text, lookup, result, depth + 1);
}

function resolveNamed(name: string, lookup: VariableLookup, result: Interpolation): string {
  const value = lookup(name);
  if (value !== undefined) return value;
  addIssue(result, 'unset', name, `variable ${name} is not set; an empty string is used`);
  return '';
}

function addIssue(result: Interpolation, kind: InterpolationIssue['kind'], name: string, message: string) {
  (result.issues ??= []).push({ kind, name, message });
}

function excerpt(text: string, from: number): string {
  const part = text.slice(from, from + 24);
  return part.length < text.length - from ? `${part}…` : part;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
