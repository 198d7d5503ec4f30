import { diagnosticAt, type Diagnostic, type DiagnosticSpec } from '../../source/diagnostic';
import type { SourceRef } from '../../source/source-ref';
import { SourceText } from '../../source/source-text';
import { parseYaml, type ParsedYaml } from '../../yaml/parse-yaml';
import type { ImportContext } from '../import-file';
import { LocatedReader } from '../located-reader';
import type { EnvVar, InputFile } from '../workload';
import type { FileScope } from './file-scope';

/** A compose (or extends/include) file, parsed once per import. */
export interface LoadedFile {
  path: string;
  source: SourceText;
  parsed: ParsedYaml;
  reader: LocatedReader;
}

/** At most this many port bindings are kept per import: a hostile `1-65535` range on many
 * services must not exhaust memory. */
const PORT_BINDING_BUDGET = 100_000;

/**
 * What one compose import shares across its files: the context that supplies file text, the
 * project's variables, the diagnostics, and caches so that each file is read and parsed once.
 */
export class ImportSession {
  readonly diagnostics: Diagnostic[] = [];
  readonly inputs: InputFile[] = [];
  /** Project variables for interpolation (the project's `.env`). */
  variables = new Map<string, string>();
  portBudget = PORT_BINDING_BUDGET;
  /** The readable documents of each compose file, by path (see compose-file.ts). */
  readonly scopes = new Map<string, FileScope[]>();
  /** Parsed env files by path; null when the file is not available. */
  readonly envFiles = new Map<string, EnvVar[] | null>();
  private readonly files = new Map<string, LoadedFile | null>();
  private readonly texts = new Map<string, string | null>();
  private readonly warnedUnset = new Set<string>();

  constructor(
    private readonly context: ImportContext,
    private readonly parsed: Map<string, ParsedYaml> | undefined,
  ) {}

  readonly lookup = (name: string): string | undefined => this.variables.get(name);

  /** Text of a file the config refers to, or undefined when the surroundings do not have it. */
  readText(path: string, kind: InputFile['kind']): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path) ?? undefined;
    let text: string | undefined;
    try {
      text = this.context.read(path);
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') text = undefined;
    this.texts.set(path, text ?? null);
    if (text !== undefined) this.addInput(path, kind);
    return text;
  }

  /** A compose file: given text for the files handed in, read through the context otherwise. */
  load(path: string, text?: string): LoadedFile | undefined {
    const cached = this.files.get(path);
    if (cached !== undefined) return cached ?? undefined;
    if (text !== undefined) this.addInput(path, 'compose');
    const content = text ?? this.readText(path, 'compose');
    if (content === undefined) {
      this.files.set(path, null);
      return undefined;
    }
    const source = new SourceText(path, content);
    const given = this.parsed?.get(path);
    const parsed = given ?? parseYaml(source);
    this.diagnostics.push(...parsed.diagnostics);
    const loaded: LoadedFile = { path, source, parsed, reader: new LocatedReader(source, parsed.locations) };
    this.files.set(path, loaded);
    return loaded;
  }

  report(spec: DiagnosticSpec, message: string, at: SourceRef): void {
    this.diagnostics.push(diagnosticAt(spec, message, at, this.sourceOf(at.file)));
  }

  /** The text of a file already read, for quoting the offending line in a diagnostic. */
  private sourceOf(path: string): SourceText | undefined {
    const loaded = this.files.get(path);
    if (loaded) return loaded.source;
    const text = this.texts.get(path);
    return text == null ? undefined : new SourceText(path, text);
  }

  /** True the first time a variable is reported unset in a file: one warning per variable and file. */
  firstUnset(file: string, name: string): boolean {
    const key = `${file}\u0000${name}`;
    if (this.warnedUnset.has(key)) return false;
    this.warnedUnset.add(key);
    return true;
  }

  private addInput(file: string, kind: InputFile['kind']): void {
    if (!this.inputs.some((i) => i.file === file)) this.inputs.push({ file, kind });
  }
}
