import { diagnosticAt, type Diagnostic, type DiagnosticSpec } from '../../source/diagnostic';
import type { SourceText } from '../../source/source-text';
import { XML_DIAGNOSTICS as X } from './xml-diagnostics';

/** A deliberately small XML reader for exchange files (ADTool). Elements, attributes, text,
 * CDATA, comments and processing instructions; the five predefined entities and character
 * references. It refuses what makes XML dangerous to read — document type declarations (and so
 * entity definitions, the "billion laughs" and external entities) — and bounds size, depth and
 * element count. It never throws on input: problems come back as diagnostics, and the first
 * error stops reading (XML has no error recovery). Namespaces are not interpreted. */

export interface XmlElement {
  kind: 'element';
  name: string;
  attributes: ReadonlyMap<string, string>;
  children: XmlNode[];
  /** Offset of the `<` that opens the element. */
  offset: number;
}

export interface XmlText {
  kind: 'text';
  text: string;
  offset: number;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlLimits {
  maxChars: number;
  maxDepth: number;
  maxElements: number;
}

/** Exchange files are small (an ADTool tree of thousands of nodes is well under a megabyte). */
export const XML_LIMITS: XmlLimits = { maxChars: 8 * 1024 * 1024, maxDepth: 256, maxElements: 200_000 };

export interface XmlReadResult {
  root?: XmlElement;
  diagnostics: Diagnostic[];
}

const NAME = /[A-Za-z_:][-A-Za-z0-9._:\u00B7-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class XmlError {
  constructor(
    readonly spec: DiagnosticSpec,
    readonly message: string,
    readonly offset: number,
  ) {}
}

export function readXml(source: SourceText, limits: XmlLimits = XML_LIMITS): XmlReadResult {
  const fail = (e: XmlError): XmlReadResult => {
    const { line, column } = source.position(e.offset);
    return { diagnostics: [diagnosticAt(e.spec, e.message, { file: source.file, line, column }, source)] };
  };
  if (source.text.length > limits.maxChars) {
    return fail(
      new XmlError(
        X.XML_TOO_LARGE,
        `the file has ${source.text.length} characters; the limit is ${limits.maxChars}`,
        0,
      ),
    );
  }
  try {
    return { root: new Reader(source.text, limits).document(), diagnostics: [] };
  } catch (e) {
    if (e instanceof XmlError) return fail(e);
    throw e;
  }
}

class Reader {
  private pos = 0;
  private elements = 0;

  constructor(
    private readonly text: string,
    private readonly limits: XmlLimits,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  document(): XmlElement {
    let root: XmlElement | undefined;
    const stack: XmlElement[] = [];
    const text = this.text;
    while (this.pos < text.length) {
      const at = this.pos;
      if (text[at] !== '<') {
        const end = text.indexOf('<', at);
        const raw = text.slice(at, end === -1 ? text.length : end);
        this.pos = end === -1 ? text.length : end;
        const top = stack[stack.length - 1];
        if (top) top.children.push({ kind: 'text', text: this.decode(raw, at), offset: at });
        else if (raw.trim() !== '') throw new XmlError(X.XML_SYNTAX, 'text outside the root element', at);
        continue;
      }
      if (text.startsWith('<?', at)) this.skipPast('?>', at, 'processing instruction');
      else if (text.startsWith('<!--', at)) this.skipPast('-->', at, 'comment');
      else if (text.startsWith('<![CDATA[', at)) {
        const end = this.skipPast(']]>', at, 'CDATA section');
        const top = stack[stack.length - 1];
        if (!top) throw new XmlError(X.XML_SYNTAX, 'CDATA outside the root element', at);
        top.children.push({ kind: 'text', text: text.slice(at + 9, end), offset: at });
      } else if (text.startsWith('<!', at)) {
        throw new XmlError(
          X.XML_DTD_FORBIDDEN,
          'a <!DOCTYPE> or other declaration; DTDs are not accepted',
          at,
        );
      } else if (text.startsWith('</', at)) {
        this.pos = at + 2;
        const name = this.name();
        this.space();
        this.expect('>');
        const open = stack.pop();
        if (!open) throw new XmlError(X.XML_SYNTAX, `closing tag </${name}> without an open element`, at);
        if (open.name !== name)
          throw new XmlError(X.XML_MISMATCHED_TAG, `</${name}> closes <${open.name}>`, at);
      } else {
        const { element, empty } = this.startTag(at);
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(element);
        else if (root) throw new XmlError(X.XML_SYNTAX, 'a second root element', at);
        else root = element;
        if (!empty) {
          if (stack.length + 1 > this.limits.maxDepth) {
            throw new XmlError(X.XML_TOO_DEEP, `elements nest deeper than ${this.limits.maxDepth}`, at);
          }
          stack.push(element);
        }
      }
    }
    const unclosed = stack[stack.length - 1];
    if (unclosed) throw new XmlError(X.XML_UNCLOSED, `<${unclosed.name}> is not closed`, unclosed.offset);
    if (!root) throw new XmlError(X.XML_SYNTAX, 'no root element', this.text.length);
    return root;
  }

  /** `<name attr="value" …>` or the empty-element tag `<name …/>`; leaves `pos` after the `>`. */
  private startTag(at: number): { element: XmlElement; empty: boolean } {
    if (++this.elements > this.limits.maxElements) {
      throw new XmlError(X.XML_TOO_MANY_ELEMENTS, `more than ${this.limits.maxElements} elements`, at);
    }
    this.pos = at + 1;
    const name = this.name();
    const attributes = new Map<string, string>();
    let empty = false;
    for (;;) {
      const before = this.pos;
      this.space();
      if (this.text.startsWith('/>', this.pos)) {
        this.pos += 2;
        empty = true;
        break;
      }
      if (this.text[this.pos] === '>') {
        this.pos++;
        break;
      }
      if (this.pos >= this.text.length) throw new XmlError(X.XML_UNCLOSED, `<${name}> is not closed`, at);
      if (this.pos === before)
        throw new XmlError(X.XML_SYNTAX, `expected a space, ">" or "/>" in <${name}>`, this.pos);
      const attrAt = this.pos;
      const attr = this.name();
      this.space();
      this.expect('=');
      this.space();
      const quote = this.text[this.pos];
      if (quote !== '"' && quote !== "'")
        throw new XmlError(X.XML_SYNTAX, `attribute ${attr} needs a quoted value`, this.pos);
      const end = this.text.indexOf(quote, this.pos + 1);
      if (end === -1) throw new XmlError(X.XML_SYNTAX, `attribute ${attr} is not closed`, this.pos);
      const raw = this.text.slice(this.pos + 1, end);
      if (raw.includes('<'))
        throw new XmlError(X.XML_SYNTAX, `"<" in the value of attribute ${attr}`, this.pos);
      if (attributes.has(attr))
        throw new XmlError(X.XML_DUPLICATE_ATTRIBUTE, `attribute ${attr} appears twice`, attrAt);
      attributes.set(attr, this.decode(raw, this.pos + 1));
      this.pos = end + 1;
    }
    return { element: { kind: 'element', name, attributes, children: [], offset: at }, empty };
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.text);
    if (!m) throw new XmlError(X.XML_SYNTAX, 'expected a name', this.pos);
    this.pos += m[0].length;
    return m[0];
  }

  private space(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.text);
    this.pos = SPACE.lastIndex;
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) throw new XmlError(X.XML_SYNTAX, `expected "${char}"`, this.pos);
    this.pos++;
  }

  private skipPast(end: string, at: number, what: string): number {
    const found = this.text.indexOf(end, at);
    if (found === -1) throw new XmlError(X.XML_SYNTAX, `unterminated ${what}`, at);
    this.pos = found + end.length;
    return found;
  }

  /** Replaces entity and character references; anything else named is refused. */
  private decode(raw: string, offset: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s<]*);?/g, (whole, body: string, index: number) => {
      const at = offset + index;
      if (!whole.endsWith(';')) throw new XmlError(X.XML_SYNTAX, 'an "&" that starts no reference', at);
      if (body in PREDEFINED) return PREDEFINED[body]!;
      const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
      if (!numeric) throw new XmlError(X.XML_UNKNOWN_ENTITY, `entity "&${body};" is not defined`, at);
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
      const allowed =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      if (!allowed)
        throw new XmlError(X.XML_SYNTAX, `character reference "&${body};" is not a legal character`, at);
      return String.fromCodePoint(code);
    });
  }
}

/** Child elements of `element` with the given name. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === name);
}

/** Concatenated text content of an element (direct text and CDATA children). */
export function textOf(element: XmlElement): string {
  return element.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
}
