/** Resolution of untagged plain scalars by the YAML 1.2 core schema (the schema Go's yaml.v3,
 * and so docker compose and kubectl, follow): `22:22` stays a string, `0755` is 755, `yes` is
 * a string. Importers that expect booleans accept the YAML 1.1 spellings themselves. */
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INF = /^[-+]?\.(inf|Inf|INF)$/;
const NAN = /^\.(nan|NaN|NAN)$/;

export function resolvePlainScalar(text: string): string | number | boolean | null {
  if (text.length === 0) return null;
  const c = text.charCodeAt(0);
  // Fast path: most scalars in configs start with a letter that cannot begin a number or keyword.
  if (c !== 110 && c !== 78 && c !== 126 && c !== 116 && c !== 84 && c !== 102 && c !== 70) {
    if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return text;
  }
  switch (text) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (INT_DEC.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if (INT_OCT.test(text)) return parseInt(text.slice(2), 8);
  if (INT_HEX.test(text)) return parseInt(text.slice(2), 16);
  if (FLOAT.test(text)) return Number(text);
  if (INF.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (NAN.test(text)) return NaN;
  return text;
}

/** Applies an explicit standard tag (`!!str`, `!!int`…); any other tag leaves plain resolution. */
export function resolveTaggedScalar(
  tag: string,
  text: string,
  plain: boolean,
): string | number | boolean | null {
  switch (tag) {
    case '!!str':
    case 'tag:yaml.org,2002:str':
    case '!':
      return text;
    case '!!int':
    case '!!float': {
      const n = Number(text);
      return Number.isNaN(n) ? text : n;
    }
    case '!!bool':
      return /^(true|True|TRUE)$/.test(text) ? true : /^(false|False|FALSE)$/.test(text) ? false : text;
    case '!!null':
      return null;
    default:
      return plain ? resolvePlainScalar(text) : text;
  }
}
