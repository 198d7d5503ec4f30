import { parseEvents, getScalarValue, type Event, type ScalarEvent } from 'js-yaml';
import { diagnosticAt, type Diagnostic } from '../source/diagnostic';
import { INPUT_LIMITS } from '../source/limits';
import type { SourceText } from '../source/source-text';
import { YAML_DIAGNOSTICS as D } from './diagnostics';
import { resolvePlainScalar, resolveTaggedScalar } from './resolve-scalar';
import { YamlLocations, type MappingLocation, type SequenceLocation } from './yaml-locations';

/** One document of a (possibly multi-document) YAML or JSON file. */
export interface YamlDocument {
  value: unknown;
  /** 0-based position among the file's documents. */
  index: number;
  /** Offset of the document's root node, or -1 for an empty document. */
  start: number;
}

export interface ParsedYaml {
  documents: YamlDocument[];
  locations: YamlLocations;
  diagnostics: Diagnostic[];
}

// js-yaml event type ids (EVENT_ID): kept as literals because this loop is the importers' hot path.
const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const ALIAS = 5;
const POP = 6;
const PLAIN = 1;

interface MappingFrame {
  kind: 'mapping';
  value: Record<string, unknown>;
  location: MappingLocation;
  size: number;
  anchor: string | undefined;
  pendingKey: string | undefined;
  pendingKeyOffset: number;
  merges: unknown[] | undefined;
  mergeOffset: number;
}

interface SequenceFrame {
  kind: 'sequence';
  value: unknown[];
  location: SequenceLocation;
  size: number;
  anchor: string | undefined;
}

type Frame = MappingFrame | SequenceFrame;

class AbortDocument extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/**
 * Parses YAML (or JSON, which is YAML) into plain JavaScript values with source locations.
 *
 * Built on js-yaml's event stream rather than its loader so that offsets of keys and items are
 * kept, at about the cost of a plain load. Never throws on user input: syntax errors, alias bombs,
 * excessive nesting and unknown aliases become diagnostics. When the file as a whole does not
 * parse, its documents are parsed one by one so that one broken document does not hide the rest.
 */
export function parseYaml(source: SourceText): ParsedYaml {
  const locations = new YamlLocations();
  const diagnostics: Diagnostic[] = [];
  const documents: YamlDocument[] = [];
  const whole = parseChunk(source, source.text, 0, locations, diagnostics, documents);
  if (!whole.ok) {
    // Retry document by document; the error of the whole-file parse is not reported twice.
    documents.length = 0;
    diagnostics.length = 0;
    for (const chunk of splitDocuments(source.text)) {
      parseChunk(source, chunk.text, chunk.offset, locations, diagnostics, documents);
    }
  }
  documents.forEach((d, i) => (d.index = i));
  return { documents, locations, diagnostics };
}

function parseChunk(
  source: SourceText,
  text: string,
  base: number,
  locations: YamlLocations,
  diagnostics: Diagnostic[],
  documents: YamlDocument[],
): { ok: boolean } {
  let events: Event[];
  try {
    events = parseEvents(text, { filename: source.file, maxDepth: INPUT_LIMITS.maxDepth });
  } catch (error) {
    diagnostics.push(syntaxDiagnostic(source, error, base));
    return { ok: false };
  }
  new DocumentBuilder(source, text, base, locations, diagnostics, documents).build(events);
  return { ok: true };
}

function syntaxDiagnostic(source: SourceText, error: unknown, base: number): Diagnostic {
  const e = error as { reason?: string; message?: string; mark?: { position?: number } };
  const offset = base + (e.mark?.position ?? 0);
  const pos = source.position(offset);
  const reason = e.reason ?? String(e.message ?? error).split('\n')[0] ?? 'syntax error';
  const tooDeep = /depth/i.test(reason);
  const spec = tooDeep ? D.YAML_TOO_DEEP : D.YAML_SYNTAX;
  const message = tooDeep
    ? `collections are nested deeper than ${INPUT_LIMITS.maxDepth} levels`
    : `invalid YAML: ${reason}`;
  return diagnosticAt(spec, message, { file: source.file, ...pos }, source);
}

const DOCUMENT_MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/** Splits a stream at document markers, for the document-by-document retry. */
export function splitDocuments(text: string): { text: string; offset: number }[] {
  const chunks: { text: string; offset: number }[] = [];
  let last = 0;
  for (const m of text.matchAll(DOCUMENT_MARKER)) {
    if (m.index > last) chunks.push({ text: text.slice(last, m.index), offset: last });
    last = m.index;
  }
  chunks.push({ text: text.slice(last), offset: last });
  return chunks.filter((c) => c.text.replace(/^(---|\.\.\.)/, '').trim().length > 0);
}

class DocumentBuilder {
  private stack: Frame[] = [];
  private anchors = new Map<string, { value: unknown; size: number }>();
  private aliasCount = 0;
  private root: unknown = null;
  private rootStart = -1;
  private inDocument = false;
  private aborted = false;

  constructor(
    private readonly source: SourceText,
    private readonly text: string,
    private readonly base: number,
    private readonly locations: YamlLocations,
    private readonly diagnostics: Diagnostic[],
    private readonly documents: YamlDocument[],
  ) {}

  build(events: Event[]): void {
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.type === DOCUMENT && this.documents.length >= INPUT_LIMITS.maxDocuments) {
        const pos = this.source.position(this.base);
        this.diagnostics.push(
          diagnosticAt(
            D.YAML_TOO_MANY_DOCUMENTS,
            `the file holds more than ${INPUT_LIMITS.maxDocuments} documents; the rest are not read`,
            { file: this.source.file, ...pos },
          ),
        );
        return;
      }
      if (this.aborted && event.type !== DOCUMENT) {
        // Skip to the end of the aborted document, keeping the nesting count.
        if (event.type === POP) {
          if (this.stack.length === 0) this.inDocument = false;
          else this.stack.pop();
        } else if (event.type === SEQUENCE || event.type === MAPPING) {
          this.stack.push(null as never);
        }
        continue;
      }
      try {
        this.handle(event);
      } catch (error) {
        if (!(error instanceof AbortDocument)) throw error;
        this.diagnostics.push(error.diagnostic);
        this.aborted = true;
      }
    }
  }

  private startDocument(): void {
    this.stack = [];
    this.anchors = new Map();
    this.aliasCount = 0;
    this.root = null;
    this.rootStart = -1;
    this.inDocument = true;
    this.aborted = false;
  }

  private handle(event: Event): void {
    switch (event.type) {
      case DOCUMENT:
        this.startDocument();
        return;
      case MAPPING: {
        const value: Record<string, unknown> = {};
        const location: MappingLocation = {
          start: this.base + event.start,
          keyOffsets: new Map(),
          valueOffsets: new Map(),
        };
        this.locations.setMapping(value, location);
        const frame: MappingFrame = {
          kind: 'mapping',
          value,
          location,
          size: 1,
          anchor: this.anchorName(event.anchorStart, event.anchorEnd),
          pendingKey: undefined,
          pendingKeyOffset: 0,
          merges: undefined,
          mergeOffset: 0,
        };
        this.beginChild(location.start, this.tagText(event.tagStart, event.tagEnd));
        this.stack.push(frame);
        return;
      }
      case SEQUENCE: {
        const value: unknown[] = [];
        const location: SequenceLocation = { start: this.base + event.start, itemOffsets: [] };
        this.locations.setSequence(value, location);
        this.beginChild(location.start, this.tagText(event.tagStart, event.tagEnd));
        this.stack.push({
          kind: 'sequence',
          value,
          location,
          size: 1,
          anchor: this.anchorName(event.anchorStart, event.anchorEnd),
        });
        return;
      }
      case SCALAR: {
        // Quoted scalars: point at the opening quote, where the user sees the value begin.
        const quoted = event.style === 2 || event.style === 3;
        const offset = this.base + event.valueStart - (quoted ? 1 : 0);
        const tag = this.tagText(event.tagStart, event.tagEnd);
        const value = this.scalarValue(event, tag);
        const anchor = this.anchorName(event.anchorStart, event.anchorEnd);
        if (anchor !== undefined) this.anchors.set(anchor, { value, size: 1 });
        const top = this.stack[this.stack.length - 1];
        if (top?.kind === 'mapping' && top.pendingKey === undefined) {
          top.pendingKey = value === null ? 'null' : String(value);
          top.pendingKeyOffset = offset;
          return;
        }
        this.beginChild(offset, tag);
        this.addValue(value, 1, offset);
        return;
      }
      case ALIAS: {
        const name = this.text.slice(event.anchorStart, event.anchorEnd);
        const offset = this.base + event.anchorStart - 1;
        const target = this.anchors.get(name);
        if (!target)
          this.fail(D.YAML_UNKNOWN_ALIAS, `alias *${name} refers to no anchor defined before it`, offset);
        if (++this.aliasCount > INPUT_LIMITS.maxAliasesPerDocument) {
          this.fail(
            D.YAML_ALIAS_BOMB,
            `more than ${INPUT_LIMITS.maxAliasesPerDocument} aliases in one document`,
            offset,
          );
        }
        const top = this.stack[this.stack.length - 1];
        if (top?.kind === 'mapping' && top.pendingKey === undefined) {
          top.pendingKey = String(target!.value);
          top.pendingKeyOffset = offset;
          return;
        }
        this.beginChild(offset, undefined);
        this.addValue(target!.value, target!.size, offset);
        return;
      }
      case POP: {
        const frame = this.stack.pop();
        if (!frame) {
          this.finishDocument();
          return;
        }
        if (frame.kind === 'mapping') this.applyMerges(frame);
        if (frame.size > INPUT_LIMITS.maxExpandedNodes) {
          this.fail(
            D.YAML_ALIAS_BOMB,
            `aliases expand the document to more than ${INPUT_LIMITS.maxExpandedNodes} nodes`,
            frame.location.start,
          );
        }
        if (frame.anchor !== undefined)
          this.anchors.set(frame.anchor, { value: frame.value, size: frame.size });
        this.addValue(frame.value, frame.size, frame.location.start);
        return;
      }
    }
  }

  /** Records where a child value starts, before it is complete (mappings and sequences arrive open). */
  private beginChild(offset: number, tag: string | undefined): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.rootStart = offset;
      return;
    }
    if (top.kind === 'mapping') {
      const key = top.pendingKey;
      if (key === undefined) {
        // A collection used as a mapping key: rare in configs; give it a stable, inert name.
        top.pendingKey = '[complex key]';
        top.pendingKeyOffset = offset;
        return;
      }
      top.location.valueOffsets.set(key, offset);
      if (tag !== undefined) (top.location.valueTags ??= new Map()).set(key, tag);
    } else {
      top.location.itemOffsets.push(offset);
    }
  }

  private addValue(value: unknown, size: number, offset: number): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = value;
      return;
    }
    top.size += size;
    if (top.size > INPUT_LIMITS.maxExpandedNodes) {
      this.fail(
        D.YAML_ALIAS_BOMB,
        `aliases expand the document to more than ${INPUT_LIMITS.maxExpandedNodes} nodes`,
        offset,
      );
    }
    if (top.kind === 'sequence') {
      top.value.push(value);
      return;
    }
    const key = top.pendingKey!;
    top.pendingKey = undefined;
    if (key === '<<' && top.location.keyOffsets.get('<<') === undefined) {
      (top.merges ??= []).push(value);
      top.mergeOffset = top.pendingKeyOffset;
      top.location.keyOffsets.set('<<', top.pendingKeyOffset);
      return;
    }
    if (key === '[complex key]') return;
    if (top.location.keyOffsets.has(key)) {
      const pos = this.source.position(top.pendingKeyOffset);
      this.diagnostics.push(
        diagnosticAt(
          D.YAML_DUPLICATE_KEY,
          `key "${key}" is defined twice in this mapping; the later value is used`,
          { file: this.source.file, ...pos },
          this.source,
        ),
      );
    }
    top.location.keyOffsets.set(key, top.pendingKeyOffset);
    setOwn(top.value, key, value);
  }

  /** YAML merge keys (`<<: *defaults`): merged keys never override keys written in the mapping. */
  private applyMerges(frame: MappingFrame): void {
    if (!frame.merges) return;
    const sources = frame.merges.flatMap((m) => (Array.isArray(m) ? m : [m]));
    for (const src of sources) {
      if (typeof src !== 'object' || src === null || Array.isArray(src)) {
        const pos = this.source.position(frame.mergeOffset);
        this.diagnostics.push(
          diagnosticAt(
            D.YAML_BAD_MERGE,
            'the value of "<<" must be a mapping or a list of mappings',
            { file: this.source.file, ...pos },
            this.source,
          ),
        );
        continue;
      }
      for (const key of Object.keys(src)) {
        if (frame.location.keyOffsets.has(key) && key !== '<<') continue;
        if (Object.prototype.hasOwnProperty.call(frame.value, key)) continue;
        setOwn(frame.value, key, (src as Record<string, unknown>)[key]);
        const keyAt = this.locations.keyOffset(src, key);
        const valueAt = this.locations.valueOffset(src, key);
        if (keyAt !== undefined) frame.location.keyOffsets.set(key, keyAt);
        if (valueAt !== undefined) frame.location.valueOffsets.set(key, valueAt);
      }
    }
  }

  private finishDocument(): void {
    if (!this.inDocument) return;
    this.inDocument = false;
    this.documents.push({ value: this.root, index: this.documents.length, start: this.rootStart });
  }

  private scalarValue(event: ScalarEvent, tag: string | undefined): string | number | boolean | null {
    const raw = event.fast
      ? this.text.slice(event.valueStart, event.valueEnd)
      : getScalarValue(this.text, event);
    if (tag !== undefined) return resolveTaggedScalar(tag, raw, event.style === PLAIN);
    return event.style === PLAIN ? resolvePlainScalar(raw) : raw;
  }

  private anchorName(start: number, end: number): string | undefined {
    return start < 0 ? undefined : this.text.slice(start, end);
  }

  private tagText(start: number, end: number): string | undefined {
    return start < 0 ? undefined : this.text.slice(start, end);
  }

  private fail(spec: (typeof D)[keyof typeof D], message: string, offset: number): never {
    const pos = this.source.position(offset);
    throw new AbortDocument(diagnosticAt(spec, message, { file: this.source.file, ...pos }, this.source));
  }
}

/** Assigns an own property even for `__proto__`, so hostile keys stay inert data. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
