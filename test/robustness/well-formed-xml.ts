/**
 * A strict reader for the XML the exporters write (SVG, WordprocessingML): it accepts a document
 * only if it is well-formed XML 1.0 and namespace-well-formed, and returns its element tree so that
 * tests can look at what is in it. It refuses a document type declaration outright — no export
 * has one, and entities are how XML smuggles content in.
 *
 * Checked: every character is an XML Char (no C0 controls but tab and line breaks, no lone
 * surrogates, no U+FFFE/U+FFFF), names follow the Name production, tags nest and match, attribute
 * names are unique per element, `<` never appears in an attribute value, every `&` starts a
 * predefined entity or a character reference to a legal character, `]]>` never appears in text,
 * comments hold no `--`, and every prefix (of an element or an attribute) is declared in scope.
 */

export interface XmlElement {
  name: string;
  attributes: [string, string][];
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

// The characters XML 1.0 excludes are what this finds, so the pattern must name them.
/* eslint-disable no-control-regex */
const NOT_CHAR =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/* eslint-enable no-control-regex */

const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
// The Name production lists combining marks among the characters a name may continue with.
// eslint-disable-next-line no-misleading-character-class
const NAME = new RegExp(`[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*`, 'uy');
const SPACE = /[ \t\r\n]+/y;
const TEXT_RUN = /[^<&\]]+/y;
const ATTRIBUTE_RUN = /[^<&"']+/y;
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
const XML_DECLARATION =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\5)?[ \t\r\n]*\?>/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** The root element of a well-formed document; throws `XmlError` naming the first problem. */
export function parseXml(text: string): XmlElement {
  return new Reader(text).document();
}

/** Whether the text is a well-formed document, and why not. */
export function xmlProblem(text: string): string | undefined {
  try {
    parseXml(text);
    return undefined;
  } catch (error) {
    if (error instanceof XmlError) return error.message;
    throw error;
  }
}

class Reader {
  private i = 0;

  constructor(private readonly s: string) {}

  document(): XmlElement {
    const bad = NOT_CHAR.exec(this.s);
    if (bad) {
      this.i = bad.index;
      this.fail(`U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} is not an XML character`);
    }
    if (this.s.startsWith('\ufeff')) this.i = 1;
    if (this.at('<?xml')) {
      XML_DECLARATION.lastIndex = this.i;
      const m = XML_DECLARATION.exec(this.s);
      if (!m) this.fail('malformed XML declaration');
      this.i += m[0].length;
    }
    this.misc();
    if (this.at('<!DOCTYPE')) this.fail('a document type declaration');
    if (this.s[this.i] !== '<') this.fail('expected the root element');
    const root = this.element(new Map([['xml', XML_NAMESPACE]]));
    this.misc();
    if (this.i !== this.s.length) this.fail('content after the root element');
    return root;
  }

  private fail(message: string): never {
    throw new XmlError(
      `${message} at offset ${this.i}: ${JSON.stringify(this.s.slice(this.i, this.i + 60))}`,
    );
  }

  private at(prefix: string): boolean {
    return this.s.startsWith(prefix, this.i);
  }

  private expect(text: string): void {
    if (!this.at(text)) this.fail(`expected ${JSON.stringify(text)}`);
    this.i += text.length;
  }

  private space(): boolean {
    SPACE.lastIndex = this.i;
    const m = SPACE.exec(this.s);
    if (!m) return false;
    this.i += m[0].length;
    return true;
  }

  private name(): string {
    NAME.lastIndex = this.i;
    const m = NAME.exec(this.s);
    if (!m) this.fail('expected a name');
    this.i += m[0].length;
    return m[0];
  }

  private misc(): void {
    for (;;) {
      this.space();
      if (this.at('<!--')) this.comment();
      else if (this.at('<?')) this.processingInstruction();
      else return;
    }
  }

  private comment(): void {
    const end = this.s.indexOf('-->', this.i + 4);
    if (end < 0) this.fail('unclosed comment');
    const body = this.s.slice(this.i + 4, end);
    if (body.includes('--') || body.endsWith('-')) this.fail('-- inside a comment');
    this.i = end + 3;
  }

  private processingInstruction(): void {
    this.i += 2;
    const target = this.name();
    if (target.toLowerCase() === 'xml') this.fail('an XML declaration that is not at the start');
    const end = this.s.indexOf('?>', this.i);
    if (end < 0) this.fail('unclosed processing instruction');
    this.i = end + 2;
  }

  private reference(): string {
    REFERENCE.lastIndex = this.i;
    const m = REFERENCE.exec(this.s);
    if (!m) this.fail('an & that starts no entity or character reference');
    let value: string;
    if (m[1]) value = PREDEFINED[m[1]]!;
    else {
      const code = m[2] !== undefined ? Number(m[2]) : parseInt(m[3]!, 16);
      if (code > 0x10ffff) this.fail('a character reference beyond U+10FFFF');
      value = String.fromCodePoint(code);
      if (code >= 0xd800 && code <= 0xdfff) this.fail('a character reference to a surrogate');
      if (NOT_CHAR.test(value)) this.fail('a character reference to a character XML cannot hold');
    }
    this.i += m[0].length;
    return value;
  }

  private attributeValue(): string {
    const quote = this.s[this.i];
    if (quote !== '"' && quote !== "'") this.fail('expected a quoted attribute value');
    this.i++;
    let value = '';
    for (;;) {
      ATTRIBUTE_RUN.lastIndex = this.i;
      const run = ATTRIBUTE_RUN.exec(this.s);
      if (run) {
        value += run[0];
        this.i += run[0].length;
      }
      const c = this.s[this.i];
      if (c === undefined) this.fail('unclosed attribute value');
      if (c === quote) {
        this.i++;
        return value;
      }
      if (c === '<') this.fail('< in an attribute value');
      if (c === '&') value += this.reference();
      else {
        value += c;
        this.i++;
      }
    }
  }

  private element(scope: ReadonlyMap<string, string>): XmlElement {
    this.expect('<');
    const name = this.name();
    const attributes: [string, string][] = [];
    let empty = false;
    for (;;) {
      const spaced = this.space();
      if (this.at('/>')) {
        this.i += 2;
        empty = true;
        break;
      }
      if (this.at('>')) {
        this.i++;
        break;
      }
      if (!spaced) this.fail('expected white space before an attribute');
      const attribute = this.name();
      this.space();
      this.expect('=');
      this.space();
      const value = this.attributeValue();
      if (attributes.some(([n]) => n === attribute)) this.fail(`attribute ${attribute} given twice`);
      attributes.push([attribute, value]);
    }

    const inner = new Map(scope);
    for (const [n, v] of attributes) {
      if (n === 'xmlns') inner.set('', v);
      else if (n.startsWith('xmlns:')) {
        if (v === '') this.fail(`prefix ${n.slice(6)} bound to no namespace`);
        inner.set(n.slice(6), v);
      }
    }
    this.checkPrefix(name, inner);
    for (const [n] of attributes) if (n !== 'xmlns' && !n.startsWith('xmlns:')) this.checkPrefix(n, inner);

    const element: XmlElement = { name, attributes, children: [] };
    if (!empty) element.children = this.content(name, inner);
    return element;
  }

  private checkPrefix(qualified: string, scope: ReadonlyMap<string, string>): void {
    const parts = qualified.split(':');
    if (parts.length > 2 || parts.some((p) => p === '')) this.fail(`${qualified} is not a qualified name`);
    if (parts.length === 2 && !scope.has(parts[0]!)) this.fail(`prefix ${parts[0]} is not declared`);
  }

  private content(name: string, scope: ReadonlyMap<string, string>): XmlNode[] {
    const children: XmlNode[] = [];
    let text = '';
    const flush = () => {
      if (text) children.push(text);
      text = '';
    };
    for (;;) {
      TEXT_RUN.lastIndex = this.i;
      const run = TEXT_RUN.exec(this.s);
      if (run) {
        text += run[0];
        this.i += run[0].length;
      }
      if (this.i >= this.s.length) this.fail(`<${name}> is not closed`);
      if (this.at('</')) {
        flush();
        this.i += 2;
        const end = this.name();
        if (end !== name) this.fail(`</${end}> closes <${name}>`);
        this.space();
        this.expect('>');
        return children;
      }
      if (this.at('<!--')) this.comment();
      else if (this.at('<![CDATA[')) {
        const end = this.s.indexOf(']]>', this.i);
        if (end < 0) this.fail('unclosed CDATA section');
        text += this.s.slice(this.i + 9, end);
        this.i = end + 3;
      } else if (this.at('<?')) this.processingInstruction();
      else if (this.at('<')) {
        flush();
        children.push(this.element(scope));
      } else if (this.at('&')) text += this.reference();
      else if (this.at(']]>')) this.fail(']]> in text');
      else {
        text += ']';
        this.i++;
      }
    }
  }
}

/** Every element of a tree, depth first. */
export function* elementsOf(root: XmlElement): Generator<XmlElement> {
  yield root;
  for (const child of root.children) if (typeof child !== 'string') yield* elementsOf(child);
}
