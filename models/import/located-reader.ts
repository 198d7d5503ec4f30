import type { SourceRef } from '../source/source-ref';
import type { SourceText } from '../source/source-text';
import type { YamlLocations } from '../yaml/yaml-locations';

/** Turns positions in a parsed YAML/JSON document into SourceRefs with a readable path, so an
 * importer can cite `services.web.cap_add[0]` at the line the user wrote it. */
export class LocatedReader {
  constructor(
    readonly source: SourceText,
    readonly locations: YamlLocations,
  ) {}

  get file(): string {
    return this.source.file;
  }

  /** Where `key` is written in `mapping`; falls back to the mapping itself, then to `fallback`. */
  key(mapping: unknown, key: string, path: string, fallback?: SourceRef): SourceRef {
    const offset = this.locations.keyOffset(mapping, key) ?? this.locations.nodeOffset(mapping);
    return this.at(offset, path, fallback);
  }

  /** Where the value under `key` starts (useful for the value of a scalar). */
  value(mapping: unknown, key: string, path: string, fallback?: SourceRef): SourceRef {
    const offset =
      this.locations.valueOffset(mapping, key) ??
      this.locations.keyOffset(mapping, key) ??
      this.locations.nodeOffset(mapping);
    return this.at(offset, path, fallback);
  }

  /** Where the i-th item of a sequence is written. */
  item(sequence: unknown, index: number, path: string, fallback?: SourceRef): SourceRef {
    const offset = this.locations.itemOffset(sequence, index) ?? this.locations.nodeOffset(sequence);
    return this.at(offset, path, fallback);
  }

  /** Where a mapping or sequence starts. */
  node(node: unknown, path: string, fallback?: SourceRef): SourceRef {
    return this.at(this.locations.nodeOffset(node), path, fallback);
  }

  at(offset: number | undefined, path: string, fallback?: SourceRef): SourceRef {
    if (offset === undefined)
      return fallback ? { ...fallback, path } : { file: this.file, line: 1, column: 1, path };
    const pos = this.source.position(offset);
    return { file: this.file, line: pos.line, column: pos.column, path };
  }
}
