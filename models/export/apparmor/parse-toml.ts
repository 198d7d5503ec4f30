import { diagnosticAt, type Diagnostic } from '../../source/diagnostic';
import type { SourceRef } from '../../source/source-ref';
import { SourceText } from '../../source/source-text';
import { APPARMOR_DIAGNOSTICS as D } from './diagnostics';

/**
 * The subset of TOML (toml.io v1.0.0) a bane policy uses: `[table]` headers with bare names,
 * `key = value` with bare keys, basic and literal strings, booleans, arrays of those (over several
 * lines, with comments and a trailing comma), and comments. Everything else in TOML (numbers,
 * dates, inline tables, arrays of tables, dotted or quoted keys, multi-line strings) is refused
 * with a message naming the line and column, never guessed at.
 */

export type TomlValue =
  | { kind: 'string'; value: string; at: SourceRef }
  | { kind: 'boolean'; value: boolean; at: SourceRef }
  | { kind: 'array'; items: TomlValue[]; at: SourceRef };

export interface TomlEntry {
  key: string;
  /** Where the key is written. */
  at: SourceRef;
  value: TomlValue;
}

export interface TomlTable {
  /** Empty for the keys before the first `[table]`. */
  name: string;
  at: SourceRef;
  entries: Map<string, TomlEntry>;
}

export interface TomlDocument {
  root: TomlTable;
  /** Tables in the order written. */
  tables: Map<string, TomlTable>;
}

export interface TomlResult {
  document?: TomlDocument;
  diagnostics: Diagnostic[];
}

class TomlError extends Error {
  constructor(
    readonly spec: (typeof D)[keyof typeof D],
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const MAX_DEPTH = 8;

export function parseToml(file: string, text: string): TomlResult {
  const source = new SourceText(file, text);
  const parser = new Parser(file, text, source);
  try {
    return { document: parser.document(), diagnostics: [] };
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const { line, column } = source.position(error.offset);
    return { diagnostics: [diagnosticAt(error.spec, error.message, { file, line, column }, source)] };
  }
}

class Parser {
  private pos = 0;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly source: SourceText,
  ) {}

  document(): TomlDocument {
    const root: TomlTable = { name: '', at: this.at(0), entries: new Map() };
    const tables = new Map<string, TomlTable>();
    let current = root;
    for (;;) {
      this.skipBlankAndComments();
      if (this.pos >= this.text.length) break;
      const ch = this.text[this.pos]!;
      if (ch === '[') {
        current = this.tableHeader(tables);
      } else {
        this.keyValue(current);
      }
      this.endOfLine();
    }
    return { root, tables };
  }

  private tableHeader(tables: Map<string, TomlTable>): TomlTable {
    const start = this.pos;
    if (this.text[this.pos + 1] === '[')
      this.fail(D.TOML_UNSUPPORTED, 'arrays of tables ([[name]]) are not part of a bane policy', start);
    this.pos++;
    this.skipSpaces();
    const name = this.bareKey('a table name such as Filesystem');
    this.skipSpaces();
    if (this.text[this.pos] === '.')
      this.fail(D.TOML_UNSUPPORTED, 'dotted table names are not part of a bane policy', this.pos);
    if (this.text[this.pos] !== ']') this.fail(D.TOML_SYNTAX, 'expected ] to close the table name', this.pos);
    this.pos++;
    if (tables.has(name)) this.fail(D.TOML_DUPLICATE, `table [${name}] is defined twice`, start);
    const table: TomlTable = { name, at: this.at(start), entries: new Map() };
    tables.set(name, table);
    return table;
  }

  private keyValue(table: TomlTable): void {
    const start = this.pos;
    const ch = this.text[start]!;
    if (ch === '"' || ch === "'")
      this.fail(D.TOML_UNSUPPORTED, 'quoted keys are not part of a bane policy; write the key bare', start);
    const key = this.bareKey('a key such as Name, or a [table] header');
    this.skipSpaces();
    if (this.text[this.pos] === '.')
      this.fail(
        D.TOML_UNSUPPORTED,
        'dotted keys are not part of a bane policy; use a [table] header',
        this.pos,
      );
    if (this.text[this.pos] !== '=') this.fail(D.TOML_SYNTAX, `expected = after the key "${key}"`, this.pos);
    this.pos++;
    this.skipSpaces();
    const value = this.value(0);
    if (table.entries.has(key)) {
      const where = table.name ? ` in [${table.name}]` : '';
      this.fail(D.TOML_DUPLICATE, `key "${key}" is set twice${where}`, start);
    }
    table.entries.set(key, { key, at: this.at(start), value });
  }

  private value(depth: number): TomlValue {
    const start = this.pos;
    const ch = this.text[start];
    if (ch === undefined || ch === '\n' || ch === '\r' || ch === '#')
      this.fail(D.TOML_SYNTAX, 'expected a value: a "string", true, false or an [array]', start);
    if (ch === '"' || ch === "'") return { kind: 'string', value: this.string(), at: this.at(start) };
    if (ch === '[') return this.array(depth);
    if (ch === '{') this.fail(D.TOML_UNSUPPORTED, 'inline tables are not part of a bane policy', start);
    const word = /^[A-Za-z0-9_:.+-]+/.exec(this.text.slice(start, start + 64))?.[0] ?? '';
    if (word === 'true' || word === 'false') {
      this.pos += word.length;
      return { kind: 'boolean', value: word === 'true', at: this.at(start) };
    }
    if (/^[+-]?(\d|inf|nan)/.test(word))
      this.fail(D.TOML_UNSUPPORTED, `numbers and dates are not part of a bane policy (found ${word})`, start);
    this.fail(
      D.TOML_SYNTAX,
      `expected a value: a "string", true, false or an [array]${word ? ` (found ${word}; strings need quotes)` : ''}`,
      start,
    );
  }

  private array(depth: number): TomlValue {
    const start = this.pos;
    if (depth >= MAX_DEPTH) this.fail(D.TOML_UNSUPPORTED, 'arrays are nested too deeply', start);
    this.pos++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlankAndComments();
      if (this.pos >= this.text.length) this.fail(D.TOML_SYNTAX, 'the array is not closed with ]', start);
      if (this.text[this.pos] === ']') {
        this.pos++;
        return { kind: 'array', items, at: this.at(start) };
      }
      items.push(this.value(depth + 1));
      this.skipBlankAndComments();
      if (this.pos >= this.text.length) this.fail(D.TOML_SYNTAX, 'the array is not closed with ]', start);
      const ch = this.text[this.pos];
      if (ch === ',') this.pos++;
      else if (ch !== ']')
        this.fail(D.TOML_SYNTAX, 'expected , between array items or ] to close the array', this.pos);
    }
  }

  private string(): string {
    const start = this.pos;
    const quote = this.text[start]!;
    if (this.text.startsWith(quote.repeat(3), start))
      this.fail(D.TOML_UNSUPPORTED, 'multi-line strings are not part of a bane policy', start);
    this.pos++;
    let out = '';
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch === '\n' || ch === '\r')
        this.fail(D.TOML_SYNTAX, `the string is not closed with ${quote} on its line`, start);
      if (ch === quote) {
        this.pos++;
        return out;
      }
      const code = ch.charCodeAt(0);
      if ((code < 0x20 && ch !== '\t') || code === 0x7f)
        this.fail(D.TOML_SYNTAX, 'control characters must be escaped in strings', this.pos);
      if (ch === '\\' && quote === '"') {
        out += this.escape();
        continue;
      }
      out += ch;
      this.pos++;
    }
  }

  private escape(): string {
    const start = this.pos;
    const ch = this.text[this.pos + 1];
    const simple: Record<string, string> = {
      b: '\b',
      t: '\t',
      n: '\n',
      f: '\f',
      r: '\r',
      '"': '"',
      '\\': '\\',
    };
    if (ch !== undefined && ch in simple) {
      this.pos += 2;
      return simple[ch]!;
    }
    if (ch === 'u' || ch === 'U') {
      const length = ch === 'u' ? 4 : 8;
      const hex = this.text.slice(this.pos + 2, this.pos + 2 + length);
      const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === length ? parseInt(hex, 16) : NaN;
      if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        this.fail(D.TOML_SYNTAX, `\\${ch} needs ${length} hex digits of a Unicode scalar value`, start);
      this.pos += 2 + length;
      return String.fromCodePoint(code);
    }
    this.fail(
      D.TOML_SYNTAX,
      'unknown escape; use \\\\ for a backslash or a literal string in single quotes',
      start,
    );
  }

  private bareKey(expected: string): string {
    const start = this.pos;
    while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos]!)) this.pos++;
    if (this.pos === start) this.fail(D.TOML_SYNTAX, `expected ${expected}`, start);
    return this.text.slice(start, this.pos);
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  private skipComment(): void {
    if (this.text[this.pos] !== '#') return;
    while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
  }

  private skipBlankAndComments(): void {
    for (;;) {
      this.skipSpaces();
      this.skipComment();
      const ch = this.text[this.pos];
      if (ch === '\n' || ch === '\r') this.pos++;
      else return;
    }
  }

  /** After a header or a key/value only a comment may follow on the line. */
  private endOfLine(): void {
    this.skipSpaces();
    this.skipComment();
    if (this.text[this.pos] === '\r') this.pos++;
    const ch = this.text[this.pos];
    if (ch === undefined) return;
    if (ch !== '\n')
      this.fail(D.TOML_SYNTAX, 'expected the end of the line (one key = value per line)', this.pos);
    this.pos++;
  }

  private at(offset: number): SourceRef {
    return { file: this.file, ...this.source.position(offset) };
  }

  private fail(spec: (typeof D)[keyof typeof D], message: string, offset: number): never {
    throw new TomlError(spec, message, offset);
  }
}
