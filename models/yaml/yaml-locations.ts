/** Where each part of a parsed YAML/JSON value sits in its file, kept beside the plain JavaScript
 * value (a WeakMap keyed by the mapping or sequence object) so that importers read ordinary
 * objects and ask for an offset only when they record a fact. */
export interface MappingLocation {
  start: number;
  keyOffsets: Map<string, number>;
  valueOffsets: Map<string, number>;
  /** Explicit tags on values, such as compose's `!reset` and `!override`. */
  valueTags?: Map<string, string>;
}

export interface SequenceLocation {
  start: number;
  itemOffsets: number[];
}

export class YamlLocations {
  private readonly mappings = new WeakMap<object, MappingLocation>();
  private readonly sequences = new WeakMap<object, SequenceLocation>();

  setMapping(value: object, location: MappingLocation): void {
    this.mappings.set(value, location);
  }

  setSequence(value: object, location: SequenceLocation): void {
    this.sequences.set(value, location);
  }

  /** Offset of a mapping or sequence node itself. */
  nodeOffset(node: unknown): number | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    return (this.mappings.get(node) ?? this.sequences.get(node))?.start;
  }

  /** Offset of a key in a mapping (where `key:` is written); undefined when unknown. */
  keyOffset(mapping: unknown, key: string): number | undefined {
    if (typeof mapping !== 'object' || mapping === null) return undefined;
    return this.mappings.get(mapping)?.keyOffsets.get(key);
  }

  /** Offset of the value under a key. */
  valueOffset(mapping: unknown, key: string): number | undefined {
    if (typeof mapping !== 'object' || mapping === null) return undefined;
    return this.mappings.get(mapping)?.valueOffsets.get(key);
  }

  /** Offset of the i-th item of a sequence. */
  itemOffset(sequence: unknown, index: number): number | undefined {
    if (typeof sequence !== 'object' || sequence === null) return undefined;
    return this.sequences.get(sequence)?.itemOffsets[index];
  }

  /** The explicit tag written on the value under a key (`!reset`), if any. */
  valueTag(mapping: unknown, key: string): string | undefined {
    if (typeof mapping !== 'object' || mapping === null) return undefined;
    return this.mappings.get(mapping)?.valueTags?.get(key);
  }
}
