import { diagnosticAt, type Diagnostic, type DiagnosticSpec } from '../../source/diagnostic';
import type { SourceRef } from '../../source/source-ref';
import { asBoolean, asNumber, isRecord } from '../coerce';
import type { LocatedReader } from '../located-reader';

/**
 * Reads fields of a JSON document whose schema is fixed (docker inspect, OCI config.json) and
 * reports each value of the wrong type once, at its line and column, saying what was expected.
 * A scalar of the wrong kind that still reads unambiguously (`"Privileged": "true"`) is reported
 * and then used, so that a hand-edited file does not hide a risky setting.
 */
export class TypedFields {
  constructor(
    readonly reader: LocatedReader,
    private readonly diagnostics: Diagnostic[],
    private readonly wrongType: DiagnosticSpec,
  ) {}

  /** Where `key` is written in `mapping`. */
  at(mapping: unknown, key: string, path: string): SourceRef {
    return this.reader.key(mapping, key, path);
  }

  /** Where the i-th item of a list is written. */
  itemAt(list: unknown, index: number, path: string): SourceRef {
    return this.reader.item(list, index, path);
  }

  report(spec: DiagnosticSpec, message: string, at: SourceRef): void {
    this.diagnostics.push(diagnosticAt(spec, message, at, this.reader.source));
  }

  /** Reports a value of the wrong type at the value itself. */
  mistyped(mapping: unknown, key: string, path: string, expected: string, found: unknown): void {
    const at = this.reader.value(mapping, key, path);
    this.report(this.wrongType, `${path}: expected ${expected}, found ${describe(found)}`, at);
  }

  /** Reports a list item of the wrong type at the item. */
  mistypedItem(list: unknown[], index: number, path: string, expected: string): void {
    const at = this.itemAt(list, index, path);
    this.report(this.wrongType, `${path}: expected ${expected}, found ${describe(list[index])}`, at);
  }

  object(mapping: Record<string, unknown>, key: string, path: string): Record<string, unknown> | undefined {
    const value = mapping[key];
    if (value === undefined || value === null) return undefined;
    if (isRecord(value)) return value;
    this.mistyped(mapping, key, path, 'an object', value);
    return undefined;
  }

  array(mapping: Record<string, unknown>, key: string, path: string): unknown[] | undefined {
    const value = mapping[key];
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value;
    this.mistyped(mapping, key, path, 'a list', value);
    return undefined;
  }

  string(mapping: Record<string, unknown>, key: string, path: string): string | undefined {
    const value = mapping[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.mistyped(mapping, key, path, 'a string', value);
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  }

  boolean(mapping: Record<string, unknown>, key: string, path: string): boolean | undefined {
    const value = mapping[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    this.mistyped(mapping, key, path, 'true or false', value);
    return asBoolean(value);
  }

  number(mapping: Record<string, unknown>, key: string, path: string): number | undefined {
    const value = mapping[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    const n = asNumber(value);
    // Integers beyond 2^53 stay text in the parse; written without quotes they are numbers all the same.
    if (n !== undefined && typeof value === 'string' && !this.wasQuoted(mapping, key)) return n;
    this.mistyped(mapping, key, path, 'a number', value);
    return n;
  }

  /** A map of strings (labels, annotations, sysctls): keys in file order, other values reported.
   * Keys are defined as own properties, so a key named `__proto__` stays data. */
  stringRecord(mapping: Record<string, unknown>, key: string, path: string): Record<string, string> {
    const out: Record<string, string> = {};
    const map = this.object(mapping, key, path);
    if (!map) return out;
    for (const name of Object.keys(map)) {
      const value = this.string(map, name, `${path}.${name}`);
      if (value === undefined) continue;
      Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** The string items of a list; other items are reported and skipped. */
  strings(list: unknown[], path: string): { value: string; index: number }[] {
    const out: { value: string; index: number }[] = [];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (typeof item === 'string') out.push({ value: item, index: i });
      else if (item !== null) this.mistypedItem(list, i, `${path}[${i}]`, 'a string');
    }
    return out;
  }

  /** True when the value under `key` was written in quotes, which only a column check can tell. */
  private wasQuoted(mapping: unknown, key: string): boolean {
    const offset = this.reader.locations.valueOffset(mapping, key);
    if (offset === undefined) return true;
    const ch = this.reader.source.text[offset];
    return ch === '"' || ch === "'";
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
