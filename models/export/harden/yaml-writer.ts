/**
 * A small YAML writer for generated configuration: block style, comments above entries, and the
 * explicit tags compose needs (`!reset`, `!override`). js-yaml writes neither comments nor such
 * tags. Strings are written plain only when YAML 1.1 and 1.2 both read them back as the same
 * string; otherwise double-quoted with JSON escapes, which YAML reads the same way.
 */

export type YamlScalarValue = string | number | boolean | null;

export type YamlNode = YamlScalar | YamlMap | YamlSeq;

export interface YamlScalar {
  kind: 'scalar';
  value: YamlScalarValue;
  tag?: string;
}

export interface YamlMap {
  kind: 'map';
  entries: YamlEntry[];
  tag?: string;
}

export interface YamlSeq {
  kind: 'seq';
  items: YamlNode[];
  tag?: string;
  /** Comments written above each item, by index. */
  comments?: (string[] | undefined)[];
}

export interface YamlEntry {
  key: string;
  value: YamlNode;
  /** Lines written as `# …` above the entry. */
  comments?: string[];
}

export const scalar = (value: YamlScalarValue, tag?: string): YamlScalar =>
  tag ? { kind: 'scalar', value, tag } : { kind: 'scalar', value };
export const map = (entries: YamlEntry[], tag?: string): YamlMap =>
  tag ? { kind: 'map', entries, tag } : { kind: 'map', entries };
export const seq = (items: YamlNode[], tag?: string): YamlSeq =>
  tag ? { kind: 'seq', items, tag } : { kind: 'seq', items };
export const entry = (key: string, value: YamlNode, comments?: string[]): YamlEntry =>
  comments && comments.length > 0 ? { key, value, comments } : { key, value };

const PLAIN = /^[A-Za-z_/.$][A-Za-z0-9_/.@+-]*$/;
/** Plain words YAML 1.1 reads as booleans or null, and forms it reads as numbers. */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~|\.inf|\.nan|[-+]?\.?\d.*)$/i;

/** What a YAML stream may not hold raw (YAML 1.2 §5.1) but JSON leaves as it is: DEL, the C1
 * controls other than NEL, U+FEFF and the noncharacters U+FFFE/U+FFFF. Compose refuses a file
 * with one of them, so a name from a config that holds one (written escaped there) is escaped
 * here too; a lone surrogate, which no YAML reader takes even escaped, becomes U+FFFD. */
const NOT_PRINTABLE = /[\u007f-\u0084\u0086-\u009f\ufeff\ufffe\uffff]/g;

/** A surrogate without its pair is no character at all: UTF-8 cannot write it, raw or escaped. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function yamlString(text: string): string {
  if (PLAIN.test(text) && !RESERVED.test(text) && !text.endsWith('.')) return text;
  return JSON.stringify(text.replace(LONE_SURROGATE, '\ufffd')).replace(
    NOT_PRINTABLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function scalarText(value: YamlScalarValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  return yamlString(value);
}

/** One line of comment text: line breaks, control characters and what YAML cannot hold raw
 * become spaces, a lone surrogate U+FFFD. */
export function commentText(text: string): string {
  return (
    text
      .replace(LONE_SURROGATE, '\ufffd')
      // Control characters are what this removes.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]+/g, ' ')
      .trim()
  );
}

function comments(lines: readonly string[] | undefined, indent: string): string {
  return (lines ?? []).map((line) => `${indent}# ${commentText(line)}`.trimEnd() + '\n').join('');
}

const tagged = (tag: string | undefined, text: string): string => (tag ? `${tag} ${text}` : text);

/** The text after `key:` or `- ` for a node that fits on that line, or undefined for a block. */
function inline(node: YamlNode): string | undefined {
  if (node.kind === 'scalar') return tagged(node.tag, scalarText(node.value));
  if (node.kind === 'map' && node.entries.length === 0) return tagged(node.tag, '{}');
  if (node.kind === 'seq' && node.items.length === 0) return tagged(node.tag, '[]');
  return undefined;
}

function renderEntries(entries: readonly YamlEntry[], indent: string): string {
  let out = '';
  for (const e of entries) {
    out += comments(e.comments, indent);
    const key = yamlString(e.key);
    const short = inline(e.value);
    if (short !== undefined) {
      out += `${indent}${key}: ${short}\n`;
      continue;
    }
    out += `${indent}${key}:${e.value.tag ? ` ${e.value.tag}` : ''}\n`;
    out += renderBlock(e.value, `${indent}  `);
  }
  return out;
}

function renderBlock(node: YamlNode, indent: string): string {
  if (node.kind === 'map') return renderEntries(node.entries, indent);
  if (node.kind === 'scalar') return `${indent}${inline(node)}\n`;
  let out = '';
  node.items.forEach((item, i) => {
    out += comments(node.comments?.[i], indent);
    const short = inline(item);
    if (short !== undefined) {
      out += `${indent}- ${short}\n`;
      return;
    }
    if (item.kind === 'map' && !item.tag) {
      // `- key: value` with the rest of the mapping aligned under the first key; the first key's
      // comments go above the dash.
      const [first, ...rest] = item.entries as [YamlEntry, ...YamlEntry[]];
      out += comments(first.comments, indent);
      const body = renderEntries([{ key: first.key, value: first.value }, ...rest], `${indent}  `);
      out += `${indent}- ${body.slice(indent.length + 2)}`;
      return;
    }
    out += `${indent}-${item.tag ? ` ${item.tag}` : ''}\n${renderBlock(item, `${indent}  `)}`;
  });
  return out;
}

/** A whole document: header comments, then the mapping. */
export function renderYamlDocument(root: YamlMap, header: readonly string[] = []): string {
  return `${comments(header, '')}${renderEntries(root.entries, '')}`;
}
