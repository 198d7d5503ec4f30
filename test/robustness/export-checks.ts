// Control characters are what these checks look for, so their patterns must name them.
/* eslint-disable no-control-regex */
import { CORE_SCHEMA, defineMappingTag, defineScalarTag, defineSequenceTag, loadAll } from 'js-yaml';
import { readZip } from '../cli/read-zip';
import { elementsOf, parseXml, XmlError, type XmlElement } from './well-formed-xml';

/**
 * What an export must be, whatever text the model holds: each check returns the problems it found
 * (empty when the output is fine), so a failing property names what broke.
 */

const XML_ILLEGAL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
/** What the diagram and tree pictures are drawn with: shapes, text and their definitions. */
const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'marker',
  'pattern',
  'rect',
  'path',
  'line',
  'text',
  'title',
]);

/** Script, event handlers, links out and foreign content are what an SVG must not have. */
export function svgProblems(svg: string): string[] {
  let root: XmlElement;
  try {
    root = parseXml(svg);
  } catch (error) {
    if (error instanceof XmlError) return [`not well-formed: ${error.message}`];
    throw error;
  }
  const problems: string[] = [];
  if (root.name !== 'svg') problems.push(`root element <${root.name}>`);
  for (const element of elementsOf(root)) {
    if (!SVG_ELEMENTS.has(element.name)) problems.push(`element <${element.name}>`);
    for (const [name, value] of element.attributes) {
      if (name === 'xmlns' && value !== SVG_NAMESPACE) problems.push(`foreign namespace ${value}`);
      if (name.startsWith('xmlns:')) problems.push(`namespace declaration ${name}`);
      if (/^on/i.test(name)) problems.push(`event handler ${name}`);
      if (/(^|:)href$/i.test(name) && !value.startsWith('#')) problems.push(`link ${name}="${value}"`);
      // Names and ids are user text and may read `javascript:`; inert in data and ARIA attributes.
      if (!/^(data-|aria-)/.test(name) && /javascript:/i.test(value.replace(/[\s\u0000-\u001f]/g, '')))
        problems.push(`javascript: in ${name}`);
      if (/url\(\s*(?!['"]?#)/i.test(value)) problems.push(`external url() in ${name}`);
    }
  }
  return problems;
}

const HTML_ELEMENTS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'div',
  'header',
  'nav',
  'section',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'ol',
  'ul',
  'li',
  'a',
  'strong',
  'em',
  'code',
  'pre',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'img',
]);
const HTML_ATTRIBUTES = new Set([
  'lang',
  'charset',
  'http-equiv',
  'content',
  'name',
  'class',
  'id',
  'href',
  'scope',
  'style',
  'src',
  'alt',
  'width',
  'height',
]);
const VOID_ELEMENTS = new Set(['meta', 'img', 'col']);
const DATA_IMAGE = /^data:image\/(png|jpeg|svg\+xml);base64,([A-Za-z0-9+/]*={0,2})$/;

/** A standalone specification page: only the tags and attributes the renderer writes, every tag
 * closed, no `<` or `&` from user text left raw, no script, and embedded SVG pictures that are
 * themselves safe. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('a <script');
  if (!html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`))
    problems.push('no Content-Security-Policy that forbids scripts');
  const illegal = XML_ILLEGAL.exec(html);
  if (illegal) problems.push(`U+${illegal[0].charCodeAt(0).toString(16)} in the page`);
  const body = html.replace(/^<!DOCTYPE html>\n/, '').replace(/<style>[^<]*<\/style>/, '<style></style>');
  const open: string[] = [];
  let rest = '';
  let last = 0;
  for (const tag of body.matchAll(/<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/g)) {
    rest += body.slice(last, tag.index);
    last = tag.index + tag[0].length;
    const [, closing, name, attributes] = tag as unknown as [string, string, string, string];
    if (!HTML_ELEMENTS.has(name)) problems.push(`element <${name}>`);
    for (const [, attribute, value = ''] of attributes.matchAll(/\s+([a-z-]+)(?:="([^"]*)")?/g)) {
      if (!HTML_ATTRIBUTES.has(attribute!)) problems.push(`attribute ${attribute} on <${name}>`);
      if (attribute === 'href' && !value.startsWith('#')) problems.push(`link to ${value}`);
      if (attribute === 'src') {
        const data = DATA_IMAGE.exec(value);
        if (!data) problems.push(`image from ${value.slice(0, 60)}`);
        else if (data[1] === 'svg+xml')
          problems.push(
            ...svgProblems(Buffer.from(data[2]!, 'base64').toString('utf8')).map((p) => `embedded SVG: ${p}`),
          );
      }
    }
    if (VOID_ELEMENTS.has(name)) continue;
    if (!closing) open.push(name);
    else if (open.pop() !== name) problems.push(`</${name}> closes another element`);
  }
  rest += body.slice(last);
  if (open.length) problems.push(`unclosed <${open.join('>, <')}>`);
  const raw = /<|&(?!(?:amp|lt|gt|quot|#39|#x?[0-9a-fA-F]+);)/.exec(rest);
  if (raw) problems.push(`raw ${JSON.stringify(rest.slice(raw.index, raw.index + 40))} outside any tag`);
  return problems;
}

/** The line with every code span replaced by a placeholder, and backslash escapes removed. */
function outsideCode(line: string): string {
  let out = '';
  for (let i = 0; i < line.length;) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      out += 'E';
      i += 2;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
      close.lastIndex = i + run.length;
      const end = close.exec(line);
      if (end) {
        out += 'C';
        i = end.index + run.length;
        continue;
      }
      out += run;
      i += run.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Cell separators of a table row: pipes no backslash escapes (GFM splits on them even inside
 * code spans). */
function tableColumns(line: string): number {
  return line.replace(/\\\|/g, '').split('|').length - 1;
}

/**
 * Markdown where user text stays text: outside code, no raw HTML tag (but the line breaks the
 * reports put in table cells), autolink or entity of its own; links and images only to the document's anchors and embedded pictures (which must be safe
 * SVG); every row of a table with as many cells as its header.
 */
export function markdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  const lines = markdown.split('\n');
  let fence: { marker: string; indent: number } | undefined;
  let tableColumnsExpected: number | undefined;
  lines.forEach((line, n) => {
    const where = `line ${n + 1}: ${JSON.stringify(line.slice(0, 80))}`;
    const indent = /^ */.exec(line)![0].length;
    if (fence !== undefined) {
      const closing = /^ *(`{3,})\s*$/.exec(line);
      if (closing && closing[1]!.length >= fence.marker.length && indent <= fence.indent + 3) {
        fence = undefined;
        return;
      }
      // A code block in a list item ends with the item: a line indented less than the item's
      // content is outside both, and is Markdown again.
      if (fence.indent === 0 || line.trim() === '' || indent >= fence.indent) return;
      problems.push(`${where}: ends the code block of a list item early`);
      fence = undefined;
    }
    const opening = /^( {0,5})(`{3,})[^`]*$/.exec(line);
    if (opening) {
      fence = { marker: opening[2]!, indent: opening[1]!.length };
      tableColumnsExpected = undefined;
      return;
    }
    if (line.startsWith('|')) {
      const columns = tableColumns(line);
      if (tableColumnsExpected === undefined) tableColumnsExpected = columns;
      else if (columns !== tableColumnsExpected)
        problems.push(`${where}: ${columns - 1} cells, the header has ${tableColumnsExpected - 1}`);
    } else tableColumnsExpected = undefined;
    // `<br>` is how the reports break a line inside a table cell; user text never brings one.
    const text = outsideCode(line).replace(/<br>/g, '');
    if (/<[A-Za-z/!?]/.test(text)) problems.push(`${where}: raw HTML`);
    if (/&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);/.test(text.replace(/&amp;/g, '')))
      problems.push(`${where}: an entity reference`);
    for (const link of text.matchAll(/\]\(([^)\s]*)/g)) {
      const target = link[1]!;
      const data = DATA_IMAGE.exec(target);
      if (data?.[1] === 'svg+xml')
        problems.push(
          ...svgProblems(Buffer.from(data[2]!, 'base64').toString('utf8')).map(
            (p) => `${where}: embedded SVG: ${p}`,
          ),
        );
      else if (!data && !/^#[a-z0-9-]+$/.test(target))
        problems.push(`${where}: a link to ${target.slice(0, 60)}`);
    }
  });
  if (fence !== undefined) problems.push('an unclosed code block');
  return problems;
}

/** The cells of an RFC 4180 file; throws on a quote where none may be. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const end = text.indexOf('"', i);
        if (end < 0) throw new Error('an unclosed quoted cell');
        cell += text.slice(i, end);
        if (text[end + 1] === '"') {
          cell += '"';
          i = end + 2;
        } else {
          i = end + 1;
          break;
        }
      }
    } else {
      const end = /,|\r\n|$/.exec(text.slice(i))!;
      cell = text.slice(i, i + end.index);
      if (/["\r\n]/.test(cell))
        throw new Error(`a quote or line break in an unquoted cell: ${JSON.stringify(cell)}`);
      i += end.index;
    }
    row.push(cell);
    if (text[i] === ',') {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    if (text.startsWith('\r\n', i)) i += 2;
    else if (i < text.length) throw new Error(`${JSON.stringify(text.slice(i, i + 10))} after a quoted cell`);
    if (i >= text.length) return rows;
  }
}

/** The project's formula rule (OWASP CSV injection): a spreadsheet evaluates a cell that starts
 * with one of these, also after leading white space, and also in their full-width forms. */
const FORMULA = /^[\s\u3000]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** A findings CSV: a byte order mark, the header, one record per finding with as many cells as
 * the header, and no cell a spreadsheet would read as a formula. */
export function csvProblems(csv: string, header: readonly string[], records: number): string[] {
  if (!csv.startsWith('\ufeff')) return ['no byte order mark'];
  let rows: string[][];
  try {
    rows = parseCsv(csv.slice(1));
  } catch (error) {
    return [String(error)];
  }
  const problems: string[] = [];
  if (rows[0]?.join(',') !== header.join(',')) problems.push(`header ${JSON.stringify(rows[0])}`);
  if (rows.length !== records + 1) problems.push(`${rows.length - 1} records for ${records} findings`);
  rows.forEach((row, r) => {
    if (row.length !== header.length) problems.push(`record ${r}: ${row.length} cells`);
    for (const cell of row) {
      if (FORMULA.test(cell)) problems.push(`record ${r}: formula ${JSON.stringify(cell.slice(0, 40))}`);
      if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(cell)) problems.push(`record ${r}: a control character`);
    }
  });
  return problems;
}

/** A Word file: a zip whose XML parts (and SVG pictures) are well-formed, hold no character XML
 * forbids, and whose pictures are safe SVG. */
export function docxProblems(bytes: Uint8Array): string[] {
  let parts: Map<string, Buffer>;
  try {
    parts = readZip(bytes);
  } catch (error) {
    return [`not a zip: ${String(error)}`];
  }
  const problems: string[] = [];
  for (const required of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'])
    if (!parts.has(required)) problems.push(`no ${required}`);
  for (const [name, data] of parts) {
    if (!/\.(xml|rels|svg)$/.test(name)) continue;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      problems.push(`${name}: not UTF-8`);
      continue;
    }
    if (name.endsWith('.svg')) {
      problems.push(...svgProblems(text).map((p) => `${name}: ${p}`));
      continue;
    }
    try {
      parseXml(text);
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      problems.push(`${name}: ${error.message}`);
    }
  }
  return problems;
}

/** The text of every w:t element of a Word part, entities decoded. */
export function wordText(xml: string): string {
  const texts: string[] = [];
  for (const element of elementsOf(parseXml(xml)))
    if (element.name === 'w:t') texts.push(element.children.filter((c) => typeof c === 'string').join(''));
  return texts.join('\n');
}

const sequenceTag = (tag: string) =>
  defineSequenceTag<unknown[]>(tag, {
    create: () => [],
    addItem: (list, item) => {
      list.push(item);
    },
    identify: () => false,
  });
const mappingTag = (tag: string) =>
  defineMappingTag<Map<unknown, unknown>>(tag, {
    create: () => new Map(),
    addPair: (map, key, value) => {
      map.set(key, value);
      return '';
    },
    has: (map, key) => map.has(key),
    keys: (map) => map.keys(),
    get: (map, key) => map.get(key),
    identify: () => false,
  });

/** YAML 1.2 with the tags Docker Compose adds for override files (`!reset`, `!override`). */
const COMPOSE_SCHEMA = CORE_SCHEMA.withTags(
  defineScalarTag('!reset', { resolve: () => null, identify: () => false }),
  sequenceTag('!reset'),
  sequenceTag('!override'),
  mappingTag('!reset'),
  mappingTag('!override'),
);

/** YAML 1.2 §5.1: a stream holds only printable characters (no C0 or C1 control but tab, line
 * breaks and NEL, no U+FEFF after the start, no U+FFFE/U+FFFF, no lone surrogate); Compose's and
 * kubectl's readers refuse anything else. */
const NOT_YAML_PRINTABLE =
  /[^\t\n\r\u0020-\u007e\u0085\u00a0-\ud7ff\ud800-\udfff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The documents of a YAML file Compose or kubectl reads; throws where a strict reader would. */
export function loadConfigYaml(text: string): unknown[] {
  const bad = NOT_YAML_PRINTABLE.exec(text);
  if (bad)
    throw new Error(
      `U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at offset ${bad.index} is not printable in YAML`,
    );
  const documents = loadAll(text, { schema: COMPOSE_SCHEMA });
  // An escape may name a lone surrogate, which a strict reader refuses as it refuses a raw one.
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && LONE_SURROGATE.test(value))
      throw new Error(`${JSON.stringify(value)} holds a lone surrogate`);
    if (value instanceof Map) for (const [k, v] of value) [k, v].forEach(visit);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) [k, v].forEach(visit);
  };
  documents.forEach(visit);
  return documents;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
