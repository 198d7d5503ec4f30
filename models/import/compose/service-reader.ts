import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import type { FileScope } from './file-scope';
import type { Keyed, ServiceFields } from './layer';

/** Reads the keys of one service mapping in one file into normalized fields. */
export class ServiceReader {
  readonly fields: ServiceFields = {};
  /** `services.<name>`: the prefix of every path this reader cites. */
  readonly base: string;

  constructor(
    readonly scope: FileScope,
    readonly name: string,
    readonly mapping: Record<string, unknown>,
  ) {
    this.base = `services.${name}`;
  }

  path(key: string): string {
    return `${this.base}.${key}`;
  }

  /** Where `key` is written in the service mapping. */
  at(key: string): SourceRef {
    return this.scope.keyAt(this.mapping, key, this.path(key));
  }

  string(key: string, expected = 'a string'): Fact<string> | undefined {
    const at = this.at(key);
    const value = this.scope.string(this.mapping[key], at, expected);
    return value === undefined ? undefined : fact(value, at);
  }

  /** A non-empty string: compose treats an empty value (often an unset variable) as unset. */
  nonEmptyString(key: string, expected = 'a string'): Fact<string> | undefined {
    const value = this.string(key, expected);
    return value === undefined || value.value.trim() === '' ? undefined : value;
  }

  boolean(key: string): Fact<boolean> | undefined {
    return this.scope.boolean(this.mapping, key, this.path(key));
  }

  number(key: string): Fact<number> | undefined {
    return this.scope.number(this.mapping, key, this.path(key));
  }

  /** A list of strings keyed by `keyOf`: a later duplicate replaces the earlier one in place. */
  stringList(
    key: string,
    expected: string,
    keyOf: (value: string) => string = (v) => v,
  ): Keyed<Fact<string>> | undefined {
    const at = this.at(key);
    const list = this.scope.list(this.mapping[key], at, `a list of ${expected}`);
    if (!list) return undefined;
    const out: Keyed<Fact<string>> = new Map();
    const path = this.path(key);
    for (let i = 0; i < list.length; i++) {
      const itemAt = this.scope.itemAt(list, i, `${path}[${i}]`);
      const value = this.scope.string(list[i], itemAt, expected);
      if (value === undefined || value.trim() === '') continue;
      out.set(keyOf(value), fact(value, itemAt));
    }
    return out;
  }
}
