import { diagnosticAt, type Diagnostic, type DiagnosticSpec } from '../../source/diagnostic';
import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import type { SourceText } from '../../source/source-text';
import { joinPath } from '../import-file';
import type { EnvVar, PortBinding, UserSpec } from '../workload';
import { DOCKERFILE_DIAGNOSTICS as D } from './diagnostics';
import {
  checkCopy,
  checkJsonForm,
  checkOnbuild,
  checkShell,
  recordAdd,
  recordRun,
  type StepContext,
} from './build-steps';
import {
  extractFlags,
  parseKeyValues,
  parsePortSpec,
  parseUserSpec,
  type KeyValues,
} from './instruction-args';
import { KNOWN_INSTRUCTIONS, NEEDS_ARGUMENTS } from './instructions';
import { argsPosition, type Instruction, type LexedDockerfile } from './lex-dockerfile';
import { processWord, splitWords, type VariableLookup } from './shell-words';

/**
 * Walks the instructions of a lexed Dockerfile in build order and records, per build stage, what
 * the image it produces carries (USER, ENV, ARG, EXPOSE, HEALTHCHECK, LABEL), and for the whole
 * file the build-time risks (remote ADD, download piped to a shell, WORKDIR values, secret mounts).
 * Variables are expanded the way BuildKit scopes them: global ARGs for FROM lines, then per stage
 * the ARGs declared in it and the ENV inherited along `FROM <earlier stage>` chains.
 */

export interface Stage {
  index: number;
  name?: string;
  from: SourceRef;
  baseImage: Fact<string>;
  platform?: string;
  /** The earlier stage this one builds on (`FROM <stage name>`). */
  parent?: Stage;
  /** The chain starts FROM scratch: no inherited environment, and the default user is root. */
  rootIsScratch: boolean;
  /** Last USER of this stage. */
  user?: Fact<UserSpec>;
  /** Last HEALTHCHECK of this stage. */
  healthcheck?: Fact<boolean>;
  ports: PortBinding[];
  /** `port/protocol` of `ports`, so that repeated EXPOSE lines add nothing twice. */
  exposed: Set<string>;
  /** ENV and ARG declared in this stage, in order. */
  env: EnvVar[];
  labels: Map<string, string>;
  /** Variable scope: expanded ENV values (inherited from the parent stage) and this stage's ARGs;
   * `null` = declared, value unknown. */
  envValues: Map<string, string | null>;
  argValues: Map<string, string | null>;
  workdir?: string;
}

export interface InterpretedDockerfile {
  stages: Stage[];
  /** Every ENV and ARG of the file in order, global ARGs included. */
  env: EnvVar[];
  remoteAdds: Fact<string>[];
  pipeToShell: Fact<string>[];
  workdirs: Fact<string>[];
  secretMounts: Fact<string>[];
}

/** ARGs BuildKit defines for FROM lines without a declaration; their values depend on the build. */
const AUTOMATIC_PLATFORM_ARGS = new Set([
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
]);

const WINDOWS_PATH = /^([A-Za-z]:|\\\\)/;

/** A relative WORKDIR is relative to the previous one (the image default is /). Windows paths
 * (`c:\app`) are kept as written. */
function resolveWorkdir(previous: string | undefined, value: string): string {
  if (WINDOWS_PATH.test(value) || (previous !== undefined && WINDOWS_PATH.test(previous))) return value;
  return value.startsWith('/') ? joinPath(value) : joinPath(previous ?? '/', value);
}

/** A port range wider than this is kept as its two ends, so one line cannot add 65535 facts. */
const MAX_EXPANDED_RANGE = 1024;
/** Ports all ranges of one file may expand to together. */
const MAX_EXPANDED_PORTS = 16_384;

export function interpretDockerfile(
  lexed: LexedDockerfile,
  source: SourceText,
  diagnostics: Diagnostic[],
): InterpretedDockerfile {
  return new Interpreter(lexed, source, diagnostics).run();
}

class Interpreter implements StepContext {
  readonly out: InterpretedDockerfile = {
    stages: [],
    env: [],
    remoteAdds: [],
    pipeToShell: [],
    workdirs: [],
    secretMounts: [],
  };
  private readonly globalArgs = new Map<string, string | null>();
  /** Ports that ranges may still expand to in this file, so that repeated ranges stay cheap. */
  private portBudget = MAX_EXPANDED_PORTS;
  private readonly stagesByName = new Map<string, Stage>();
  readonly escape: string;

  constructor(
    private readonly lexed: LexedDockerfile,
    private readonly source: SourceText,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.escape = lexed.escape;
  }

  run(): InterpretedDockerfile {
    for (const ins of this.lexed.instructions) this.dispatch(ins);
    return this.out;
  }

  private get stage(): Stage | undefined {
    return this.out.stages[this.out.stages.length - 1];
  }

  private dispatch(ins: Instruction): void {
    if (!KNOWN_INSTRUCTIONS.has(ins.keyword)) {
      this.report(
        D.DOCKERFILE_UNKNOWN_INSTRUCTION,
        ins,
        undefined,
        `unknown instruction "${ins.keyword}": expected one of ${[...KNOWN_INSTRUCTIONS].join(', ')}`,
      );
      return;
    }
    if (NEEDS_ARGUMENTS.has(ins.keyword) && ins.args === '' && ins.heredocs.length === 0) {
      this.report(D.DOCKERFILE_MISSING_ARGUMENTS, ins, undefined, `${ins.keyword} requires arguments`);
      if (ins.keyword !== 'FROM') return;
    }
    if (ins.keyword === 'FROM') return this.from(ins);
    const stage = this.stage;
    if (!stage) {
      if (ins.keyword === 'ARG') return this.arg(ins, undefined);
      this.report(
        D.DOCKERFILE_INSTRUCTION_BEFORE_FROM,
        ins,
        undefined,
        `${ins.keyword} comes before the first FROM: only ARG and comments may`,
      );
      return;
    }
    switch (ins.keyword) {
      case 'ARG':
        return this.arg(ins, stage);
      case 'ENV':
        return this.env(ins, stage);
      case 'USER':
        return this.user(ins, stage);
      case 'WORKDIR':
        return this.workdir(ins, stage);
      case 'EXPOSE':
        return this.expose(ins, stage);
      case 'HEALTHCHECK':
        return this.healthcheck(ins, stage);
      case 'LABEL':
        return this.label(ins, stage);
      case 'RUN':
        return recordRun(this, ins, stage);
      case 'ADD':
        return recordAdd(this, ins, stage);
      case 'COPY':
        return checkCopy(this, ins);
      case 'CMD':
      case 'ENTRYPOINT':
      case 'VOLUME':
        return checkJsonForm(this, ins, ins.args, 0);
      case 'SHELL':
        return checkShell(this, ins);
      case 'ONBUILD':
        return checkOnbuild(this, ins);
      // STOPSIGNAL and MAINTAINER carry nothing the analysis uses.
    }
  }

  // ---- stages -------------------------------------------------------------------------------

  private from(ins: Instruction): void {
    const { flags, rest, restOffset, unterminatedQuote } = extractFlags(ins.args, this.escape);
    if (unterminatedQuote) this.unterminatedQuote(ins);
    const words = splitWords(rest, this.escape).words;
    const index = this.out.stages.length;
    const path = `stages[${index}].FROM`;
    if (
      ins.args !== '' &&
      !(words.length === 1 || (words.length === 3 && words[1]!.raw.toUpperCase() === 'AS'))
    ) {
      this.report(
        D.DOCKERFILE_INVALID_FROM,
        ins,
        restOffset,
        'FROM expects "[--platform=…] image [AS name]"',
      );
    }
    const imageWord = words[0];
    const imageOffset = restOffset + (imageWord?.offset ?? 0);
    const image = imageWord
      ? this.expand(ins, imageWord.raw, imageOffset, this.globalLookup, 'the base image').value
      : '';
    const parent = this.stagesByName.get(image.toLowerCase());
    const stage: Stage = {
      index,
      from: this.at(ins, undefined, path),
      baseImage: fact(image, this.at(ins, imageOffset, path)),
      rootIsScratch: parent ? parent.rootIsScratch : image.toLowerCase() === 'scratch',
      ports: [],
      exposed: new Set(),
      env: [],
      labels: new Map(),
      envValues: new Map(parent?.envValues),
      argValues: new Map(),
    };
    if (parent) stage.parent = parent;
    const workdir = parent?.workdir ?? (stage.rootIsScratch ? '/' : undefined);
    if (workdir !== undefined) stage.workdir = workdir;
    const platform = flags.find((f) => f.name === 'platform');
    if (platform?.value !== undefined) {
      stage.platform = this.expandQuietly(platform.value, this.globalLookup);
    }
    const nameWord = words.length === 3 ? words[2] : undefined;
    if (nameWord) {
      const name = processWord(nameWord.raw, this.escape).value;
      stage.name = name;
      const key = name.toLowerCase();
      if (this.stagesByName.has(key)) {
        this.report(
          D.DOCKERFILE_DUPLICATE_STAGE_NAME,
          ins,
          restOffset + nameWord.offset,
          `stage name "${name}" is already used by an earlier stage: expected a unique name`,
        );
      }
      this.stagesByName.set(key, stage);
    }
    this.out.stages.push(stage);
  }

  // ---- variables ----------------------------------------------------------------------------

  private readonly globalLookup: VariableLookup = (name) => {
    if (this.globalArgs.has(name)) return this.globalArgs.get(name)!;
    return AUTOMATIC_PLATFORM_ARGS.has(name) ? null : undefined;
  };

  stageLookup(stage: Stage): VariableLookup {
    return (name) => {
      if (stage.envValues.has(name)) return stage.envValues.get(name)!;
      if (stage.argValues.has(name)) return stage.argValues.get(name)!;
      // Variables set by an unknown base image are unknown; on scratch they are simply unset.
      return stage.rootIsScratch ? undefined : null;
    };
  }

  /** Expands variables; when some value is unknown, reports it and keeps the text as written. */
  private expand(
    ins: Instruction,
    raw: string,
    offset: number,
    lookup: VariableLookup,
    what: string,
  ): { value: string; resolved: boolean } {
    const processed = processWord(raw, this.escape, lookup);
    if (!processed.unresolved) return { value: processed.value, resolved: true };
    this.report(
      D.DOCKERFILE_UNRESOLVED_VARIABLE,
      ins,
      offset,
      `${what} "${raw}" depends on a build argument or a variable of the base image; it is kept as written`,
    );
    return { value: processWord(raw, this.escape).value, resolved: false };
  }

  expandQuietly(raw: string, lookup: VariableLookup): string {
    const processed = processWord(raw, this.escape, lookup);
    return processed.unresolved ? processWord(raw, this.escape).value : processed.value;
  }

  private arg(ins: Instruction, stage: Stage | undefined): void {
    const parsed = parseKeyValues(ins.args, this.escape, 'arg');
    if (parsed.unterminatedQuote) this.unterminatedQuote(ins);
    const lookup = stage ? this.stageLookup(stage) : this.globalLookup;
    const prefix = stage ? `stages[${stage.index}].ARG` : 'ARG';
    for (const pair of parsed.pairs) {
      const name = processWord(pair.key, this.escape).value;
      const variable: EnvVar = {
        name,
        from: 'build-arg',
        at: this.at(ins, pair.offset, `${prefix}.${name}`),
      };
      let value: string | null;
      if (pair.value !== undefined) {
        variable.value = processWord(pair.value, this.escape).value;
        const expanded = processWord(pair.value, this.escape, lookup);
        value = expanded.unresolved ? null : expanded.value;
      } else {
        // `ARG NAME` in a stage takes the global default; otherwise only a build argument sets it.
        value = stage && this.globalArgs.has(name) ? this.globalArgs.get(name)! : null;
      }
      if (stage) {
        stage.argValues.set(name, value);
        stage.env.push(variable);
      } else {
        this.globalArgs.set(name, value);
      }
      this.out.env.push(variable);
    }
  }

  private env(ins: Instruction, stage: Stage): void {
    const parsed = parseKeyValues(ins.args, this.escape, 'env');
    this.keyValueProblems(ins, parsed);
    const lookup = this.stageLookup(stage);
    for (const pair of parsed.pairs) {
      const name = processWord(pair.key, this.escape).value;
      const written = processWord(pair.value ?? '', this.escape);
      const variable: EnvVar = {
        name,
        value: written.value,
        from: written.hasVariables ? 'interpolated' : 'literal',
        at: this.at(ins, pair.offset, `stages[${stage.index}].ENV.${name}`),
      };
      const expanded = processWord(pair.value ?? '', this.escape, lookup);
      stage.envValues.set(name, expanded.unresolved ? null : expanded.value);
      stage.env.push(variable);
      this.out.env.push(variable);
    }
  }

  private label(ins: Instruction, stage: Stage): void {
    const parsed = parseKeyValues(ins.args, this.escape, 'env');
    this.keyValueProblems(ins, parsed);
    const lookup = this.stageLookup(stage);
    for (const pair of parsed.pairs) {
      const key = this.expandQuietly(pair.key, lookup);
      stage.labels.set(key, this.expandQuietly(pair.value ?? '', lookup));
    }
  }

  private keyValueProblems(ins: Instruction, parsed: KeyValues): void {
    if (parsed.unterminatedQuote) this.unterminatedQuote(ins);
    if (parsed.missingValue) {
      this.report(
        D.DOCKERFILE_MISSING_ARGUMENTS,
        ins,
        0,
        `${ins.keyword} expects "name=value" or "name value"`,
      );
    }
    for (const word of parsed.invalid) {
      this.report(
        D.DOCKERFILE_INVALID_KEY_VALUE,
        ins,
        word.offset,
        `"${word.raw}" has no "=": ${ins.keyword} expects name=value pairs`,
      );
    }
  }

  // ---- image metadata -----------------------------------------------------------------------

  private user(ins: Instruction, stage: Stage): void {
    if (ins.args === '') return;
    const { value, resolved } = this.expand(ins, ins.args, 0, this.stageLookup(stage), 'USER');
    if (processWord(ins.args, this.escape).unterminatedQuote) this.unterminatedQuote(ins);
    const spec = resolved ? parseUserSpec(value, 'image') : { name: value, origin: 'image' as const };
    stage.user = fact(spec, this.at(ins, 0, `stages[${stage.index}].USER`));
  }

  private workdir(ins: Instruction, stage: Stage): void {
    if (ins.args === '') return;
    const { value } = this.expand(ins, ins.args, 0, this.stageLookup(stage), 'WORKDIR');
    const resolved = resolveWorkdir(stage.workdir, value);
    stage.workdir = resolved;
    this.out.workdirs.push(fact(resolved, this.at(ins, 0, `stages[${stage.index}].WORKDIR`)));
  }

  private expose(ins: Instruction, stage: Stage): void {
    const { words, unterminatedQuote } = splitWords(ins.args, this.escape);
    if (unterminatedQuote) this.unterminatedQuote(ins);
    const lookup = this.stageLookup(stage);
    for (const word of words) {
      const { value, resolved } = this.expand(ins, word.raw, word.offset, lookup, 'EXPOSE port');
      if (!resolved) continue;
      const spec = parsePortSpec(value);
      if (!spec) {
        this.report(
          D.DOCKERFILE_INVALID_PORT,
          ins,
          word.offset,
          `"${value}" is not a port: expected port[/tcp|udp|sctp] or start-end[/protocol], ports 1-65535`,
        );
        continue;
      }
      const size = spec.end - spec.start + 1;
      let ports = [spec.start, spec.end];
      if (size > MAX_EXPANDED_RANGE || size > this.portBudget) {
        this.report(
          D.DOCKERFILE_PORT_RANGE_TRUNCATED,
          ins,
          word.offset,
          `range ${value} spans too many ports to list one by one; only its first and last port are kept`,
        );
      } else {
        this.portBudget -= size;
        ports = [];
        for (let p = spec.start; p <= spec.end; p++) ports.push(p);
      }
      for (const port of ports) {
        const key = `${port}/${spec.protocol}`;
        if (stage.exposed.has(key)) continue;
        stage.exposed.add(key);
        stage.ports.push({
          containerPort: port,
          protocol: spec.protocol,
          published: false,
          at: this.at(ins, word.offset, `stages[${stage.index}].EXPOSE.${port}/${spec.protocol}`),
        });
      }
    }
  }

  private healthcheck(ins: Instruction, stage: Stage): void {
    const { rest, restOffset } = extractFlags(ins.args, this.escape);
    const first = splitWords(rest, this.escape).words[0]?.raw.toUpperCase();
    if (first !== 'NONE' && first !== 'CMD') {
      if (ins.args !== '') {
        this.report(
          D.DOCKERFILE_INVALID_HEALTHCHECK,
          ins,
          restOffset,
          'HEALTHCHECK expects "NONE" or "[options] CMD command"',
        );
      }
      return;
    }
    stage.healthcheck = fact(first === 'CMD', this.at(ins, restOffset, `stages[${stage.index}].HEALTHCHECK`));
  }

  // ---- positions and diagnostics -------------------------------------------------------------

  at(ins: Instruction, offset: number | undefined, path: string): SourceRef {
    const pos = offset === undefined ? { line: ins.line, column: ins.column } : argsPosition(ins, offset);
    return { file: this.source.file, line: pos.line, column: pos.column, path };
  }

  heredocAt(heredoc: { body: string; line: number }, offset: number, path: string): SourceRef {
    let line = heredoc.line;
    let lineStart = 0;
    for (let i = heredoc.body.indexOf('\n'); i >= 0 && i < offset; i = heredoc.body.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { file: this.source.file, line, column: offset - lineStart + 1, path };
  }

  private unterminatedQuote(ins: Instruction): void {
    this.report(
      D.DOCKERFILE_UNTERMINATED_QUOTE,
      ins,
      undefined,
      `${ins.keyword} has a quote that is never closed: expected a matching " or '`,
    );
  }

  report(spec: DiagnosticSpec, ins: Instruction, offset: number | undefined, message: string): void {
    const pos = offset === undefined ? { line: ins.line, column: ins.column } : argsPosition(ins, offset);
    this.diagnostics.push(diagnosticAt(spec, message, { file: this.source.file, ...pos }, this.source));
  }
}
