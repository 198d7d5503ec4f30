import type { DiagnosticSpec } from '../../source/diagnostic';
import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import { asBoolean, asNumber, asString, isRecord } from '../coerce';
import { dirname, joinPath } from '../import-file';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import { interpolate } from './interpolate';
import type { ServiceLayer } from './layer';
import type { ImportSession, LoadedFile } from './session';

/**
 * One document of one compose file, read with the project's variables: turns YAML positions into
 * SourceRefs, interpolates scalars as they are read (so the document is never copied), and reports
 * diagnostics at the value's position. Also caches the services normalized from it, for `extends`.
 */
export class FileScope {
  readonly file: string;
  /** Directory that relative paths in this file are resolved against. */
  readonly dir: string;
  /** True when the last `string()` call replaced a variable (the value is not a plain literal). */
  lastSubstituted = false;
  /** Normalized layers by service name, each with its `extends` chain already applied. */
  readonly resolved = new Map<string, ServiceLayer | null>();
  /** Service names whose `extends` chain is being resolved (the cycle guard). */
  readonly resolving = new Set<string>();

  constructor(
    readonly session: ImportSession,
    readonly loaded: LoadedFile,
    readonly root: Record<string, unknown>,
  ) {
    this.file = loaded.path;
    this.dir = dirname(loaded.path);
  }

  /** A path written in this file, relative to its directory unless absolute. */
  resolve(path: string): string {
    return resolvePath(this.dir, path);
  }

  /** The `services` mapping, when there is one. */
  get services(): Record<string, unknown> | undefined {
    const services = this.root.services;
    return isRecord(services) ? services : undefined;
  }

  keyAt(mapping: unknown, key: string, path: string): SourceRef {
    return this.loaded.reader.key(mapping, key, path);
  }

  itemAt(sequence: unknown, index: number, path: string): SourceRef {
    return this.loaded.reader.item(sequence, index, path);
  }

  /** The explicit tag on the value under `key` (`!reset`, `!override`). */
  tag(mapping: unknown, key: string): string | undefined {
    return this.loaded.parsed.locations.valueTag(mapping, key);
  }

  /**
   * A scalar as an interpolated string; undefined for null. A collection is reported as the wrong
   * type (`expected` says what was wanted) and also gives undefined.
   */
  string(value: unknown, at: SourceRef, expected: string): string | undefined {
    this.lastSubstituted = false;
    if (typeof value === 'string') return this.interpolate(value, at);
    if (value === null || value === undefined) return undefined;
    const scalar = asString(value);
    if (scalar !== undefined) return scalar;
    this.wrongType(at, expected);
    return undefined;
  }

  /** A sequence, or undefined for null; anything else is reported. */
  list(value: unknown, at: SourceRef, expected: string): unknown[] | undefined {
    if (Array.isArray(value)) return value;
    if (value !== null && value !== undefined) this.wrongType(at, expected);
    return undefined;
  }

  /** A mapping, or undefined for null; anything else is reported. */
  mapping(value: unknown, at: SourceRef, expected: string): Record<string, unknown> | undefined {
    if (isRecord(value)) return value;
    if (value !== null && value !== undefined) this.wrongType(at, expected);
    return undefined;
  }

  /** A boolean written as a YAML boolean or as a string (`"true"`), as compose accepts both. */
  boolean(mapping: Record<string, unknown>, key: string, path: string): Fact<boolean> | undefined {
    const at = this.keyAt(mapping, key, path);
    const text = this.string(mapping[key], at, 'true or false');
    if (text === undefined) return undefined;
    const value = asBoolean(text);
    if (value === undefined) {
      this.report(D.COMPOSE_INVALID_VALUE, `${path} must be true or false, found "${text}"`, at);
      return undefined;
    }
    return fact(value, at);
  }

  /** A number written as a YAML number or a string; an empty value (an unset variable) is unset. */
  number(mapping: Record<string, unknown>, key: string, path: string): Fact<number> | undefined {
    const at = this.keyAt(mapping, key, path);
    const text = this.string(mapping[key], at, 'a number');
    if (text === undefined || text.trim() === '') return undefined;
    const value = asNumber(text);
    if (value === undefined) {
      this.report(D.COMPOSE_INVALID_VALUE, `${path} must be a number, found "${text}"`, at);
      return undefined;
    }
    return fact(value, at);
  }

  wrongType(at: SourceRef, expected: string): void {
    this.report(D.COMPOSE_WRONG_TYPE, `${at.path ?? 'this value'} must be ${expected}`, at);
  }

  report(spec: DiagnosticSpec, message: string, at: SourceRef): void {
    this.session.report(spec, message, at);
  }

  /** Undefined when an expression cannot be read: compose refuses such a value, and half of it
   * (`${UNCLOSED` as a user name) would only mislead. */
  private interpolate(text: string, at: SourceRef): string | undefined {
    if (text.indexOf('$') === -1) return text;
    const result = interpolate(text, this.session.lookup);
    this.lastSubstituted = result.substituted;
    let readable = true;
    for (const issue of result.issues ?? []) {
      if (issue.kind === 'unset') {
        if (this.session.firstUnset(this.file, issue.name))
          this.report(
            D.COMPOSE_UNSET_VARIABLE,
            `variable ${issue.name} is not set (no .env entry and no default); compose uses an empty string here and wherever else this file uses it`,
            at,
          );
      } else if (issue.kind === 'required') {
        this.report(D.COMPOSE_REQUIRED_VARIABLE, issue.message, at);
      } else {
        this.report(D.COMPOSE_INVALID_INTERPOLATION, issue.message, at);
        readable = false;
      }
    }
    return readable ? result.value : undefined;
  }
}

/** `path` relative to `dir`, or `path` itself (normalized) when it is absolute. */
export function resolvePath(dir: string, path: string): string {
  return path.startsWith('/') ? joinPath(path) : joinPath(dir, path);
}
