import type { SourceRef } from '../../source/source-ref';
import { isRecord } from '../coerce';
import type { FileScope } from './file-scope';
import type { Keyed } from './layer';

/**
 * Called for each `NAME=value` entry. `value` is undefined for a bare name (`- FOO`, or `FOO:` with
 * no value); `substituted` is true when the value came (partly) from interpolation.
 */
export type KeyValueVisitor<T> = (
  name: string,
  value: string | undefined,
  at: SourceRef,
  substituted: boolean,
) => T;

/**
 * Reads settings that compose accepts both as a mapping (`FOO: bar`) and as a list of `FOO=bar`
 * strings (environment, labels, annotations, sysctls, build args) into a keyed list, the later of
 * two entries with the same name winning. Undefined when the setting is null or of the wrong type.
 */
export function readKeyValues<T>(
  scope: FileScope,
  value: unknown,
  at: SourceRef,
  expected: string,
  entry: KeyValueVisitor<T>,
): Keyed<T> | undefined {
  const path = at.path ?? '';
  const out: Keyed<T> = new Map();
  if (isRecord(value)) {
    for (const name of Object.keys(value)) {
      const entryAt = scope.keyAt(value, name, `${path}.${name}`);
      const text = scope.string(value[name], entryAt, 'a string, number or boolean');
      out.set(name, entry(name, text, entryAt, scope.lastSubstituted));
    }
    return out;
  }
  const list = scope.list(value, at, `${expected}, as a mapping or a list of NAME=value strings`);
  if (!list) return undefined;
  for (let i = 0; i < list.length; i++) {
    const entryAt = scope.itemAt(list, i, `${path}[${i}]`);
    const text = scope.string(list[i], entryAt, 'a NAME=value string');
    if (text === undefined || text === '') continue;
    const eq = text.indexOf('=');
    const name = eq === -1 ? text : text.slice(0, eq);
    out.set(name, entry(name, eq === -1 ? undefined : text.slice(eq + 1), entryAt, scope.lastSubstituted));
  }
  return out;
}
