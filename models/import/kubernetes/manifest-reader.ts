import { diagnosticAt, type Diagnostic, type DiagnosticSpec } from '../../source/diagnostic';
import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import type { SourceText } from '../../source/source-text';
import type { YamlLocations } from '../../yaml/yaml-locations';
import { isRecord } from '../coerce';
import { LocatedReader } from '../located-reader';
import { K8S_DIAGNOSTICS as D } from './diagnostics';
import { fieldPath, itemPath, keyPath } from './paths';

export type Mapping = Record<string, unknown>;

/**
 * Reads typed fields of a manifest and reports, at the line it is written on, every value whose
 * type the API server would reject. `null` and missing fields both read as unset, as the API does.
 *
 * Where the intent is plain (`containerPort: "8080"`, `value: 8080`) the value is still read, so
 * that one type slip does not hide the rest of the workload; the diagnostic says what it was read as.
 */
export class ManifestReader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly located: LocatedReader;

  constructor(
    readonly source: SourceText,
    locations: YamlLocations,
  ) {
    this.located = new LocatedReader(source, locations);
  }

  get file(): string {
    return this.source.file;
  }

  /** Where `key` is written in `parent`, whose own path is `path`. */
  keyAt(parent: Mapping, key: string, path: string): SourceRef {
    return this.located.key(parent, key, fieldPath(path, key));
  }

  /** Like `keyAt` for a user-chosen key (annotation, label), bracketed in the path when needed. */
  userKeyAt(parent: Mapping, key: string, path: string): SourceRef {
    return this.located.key(parent, key, keyPath(path, key));
  }

  itemAt(list: unknown[], index: number, path: string): SourceRef {
    return this.located.item(list, index, itemPath(path, index));
  }

  /** Where a mapping or list starts; an object at the root of its document has no path. */
  nodeAt(node: unknown, path: string): SourceRef {
    return withoutEmptyPath(this.located.node(node, path));
  }

  /** Where a document starts, for a document that is not a mapping. */
  documentAt(offset: number): SourceRef {
    return withoutEmptyPath(this.located.at(offset < 0 ? undefined : offset, ''));
  }

  report(spec: DiagnosticSpec, message: string, at: SourceRef): void {
    this.diagnostics.push(diagnosticAt(spec, message, at, this.source));
  }

  mapping(parent: Mapping, key: string, path: string): Mapping | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (isRecord(value)) return value;
    this.invalid(parent, key, path, 'a mapping', value);
    return undefined;
  }

  list(parent: Mapping, key: string, path: string): unknown[] | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value;
    this.invalid(parent, key, path, 'a list', value);
    return undefined;
  }

  string(parent: Mapping, key: string, path: string): string | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') {
      const read = String(value);
      this.invalid(parent, key, path, 'a string (quote it)', value, read);
      return read;
    }
    this.invalid(parent, key, path, 'a string', value);
    return undefined;
  }

  boolean(parent: Mapping, key: string, path: string): boolean | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      // kubectl reads YAML 1.1, where an unquoted yes/no/on/off is a boolean.
      const word = YAML11_BOOLEANS.get(value);
      if (word !== undefined) return word;
      const spelled = value.toLowerCase();
      if (spelled === 'true' || spelled === 'false') {
        this.invalid(parent, key, path, 'a boolean (without quotes)', value, spelled);
        return spelled === 'true';
      }
    }
    this.invalid(parent, key, path, 'a boolean (true or false)', value);
    return undefined;
  }

  integer(parent: Mapping, key: string, path: string): number | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string' && DIGITS.test(value.trim())) {
      const read = Number(value.trim());
      this.invalid(parent, key, path, 'a number (without quotes)', value, String(read));
      return read;
    }
    this.invalid(parent, key, path, 'a whole number', value);
    return undefined;
  }

  /** Fields such as `targetPort` and `servicePort`: a port number or a port name. */
  intOrString(parent: Mapping, key: string, path: string): number | string | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value))) return value;
    this.invalid(parent, key, path, 'a port number or a port name', value);
    return undefined;
  }

  /** Quantities (`cpu: 500m`, `cpu: 2`, `memory: 1Gi`) as written. */
  quantity(parent: Mapping, key: string, path: string): string | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    this.invalid(parent, key, path, 'a quantity such as 500m or 1Gi', value);
    return undefined;
  }

  /** Labels, annotations, selectors: string values; other scalars are read as written. */
  stringMap(parent: Mapping, key: string, path: string): Record<string, string> {
    const out: Record<string, string> = {};
    const map = this.mapping(parent, key, path);
    if (!map) return out;
    const mapPath = fieldPath(path, key);
    for (const name of Object.keys(map)) {
      const value = map[name];
      if (typeof value === 'string') {
        setEntry(out, name, value);
      } else if (typeof value === 'number' || typeof value === 'boolean') {
        const read = String(value);
        this.invalidAt(this.userKeyAt(map, name, mapPath), 'a string (quote it)', value, read);
        setEntry(out, name, read);
      } else if (value === null) {
        setEntry(out, name, '');
      } else {
        this.invalidAt(this.userKeyAt(map, name, mapPath), 'a string', value);
      }
    }
    return out;
  }

  booleanFact(parent: Mapping, key: string, path: string): Fact<boolean> | undefined {
    const value = this.boolean(parent, key, path);
    return value === undefined ? undefined : fact(value, this.keyAt(parent, key, path));
  }

  integerFact(parent: Mapping, key: string, path: string): Fact<number> | undefined {
    const value = this.integer(parent, key, path);
    return value === undefined ? undefined : fact(value, this.keyAt(parent, key, path));
  }

  stringFact(parent: Mapping, key: string, path: string): Fact<string> | undefined {
    const value = this.string(parent, key, path);
    return value === undefined ? undefined : fact(value, this.keyAt(parent, key, path));
  }

  /** The i-th item of a list when it is a mapping (containers, ports, volumes…). */
  mappingItem(list: unknown[], index: number, path: string): Mapping | undefined {
    const value = list[index];
    if (isRecord(value)) return value;
    if (value !== null && value !== undefined)
      this.invalidAt(this.itemAt(list, index, path), 'a mapping', value);
    return undefined;
  }

  /** The i-th item of a list of strings (capabilities, hosts…). */
  stringItem(list: unknown[], index: number, path: string): string | undefined {
    const value = list[index];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') {
      const read = String(value);
      this.invalidAt(this.itemAt(list, index, path), 'a string (quote it)', value, read);
      return read;
    }
    if (value !== null && value !== undefined)
      this.invalidAt(this.itemAt(list, index, path), 'a string', value);
    return undefined;
  }

  /** Reports a value the API does not accept (an unknown enum value, a port out of range). */
  invalidValue(at: SourceRef, message: string): void {
    this.report(D.K8S_INVALID_VALUE, message, at);
  }

  private invalid(
    parent: Mapping,
    key: string,
    path: string,
    expected: string,
    found: unknown,
    readAs?: string,
  ): void {
    this.invalidAt(this.keyAt(parent, key, path), expected, found, readAs);
  }

  private invalidAt(at: SourceRef, expected: string, found: unknown, readAs?: string): void {
    const read = readAs === undefined ? '' : `; read as ${JSON.stringify(readAs)}`;
    this.report(
      D.K8S_INVALID_FIELD,
      `${at.path ?? 'the field'} must be ${expected}, found ${describeValue(found)}${read}`,
      at,
    );
  }
}

const DIGITS = /^[0-9]{1,15}$/;

const YAML11_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
]);

function withoutEmptyPath(at: SourceRef): SourceRef {
  if (at.path !== '') return at;
  return { file: at.file, line: at.line, column: at.column };
}

/** How a found value is named in a message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(truncate(value))}`;
  return `${typeof value === 'number' ? 'the number' : 'the boolean'} ${String(value)}`;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Keeps a `__proto__` label an ordinary entry. */
function setEntry(target: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
