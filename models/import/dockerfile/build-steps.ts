import type { DiagnosticSpec } from '../../source/diagnostic';
import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import { DOCKERFILE_DIAGNOSTICS as D } from './diagnostics';
import { extractFlags, parseMountOptions } from './instruction-args';
import { KNOWN_INSTRUCTIONS } from './instructions';
import type { Instruction } from './lex-dockerfile';
import { findPipeToShell } from './pipe-to-shell';
import {
  looksLikeJsonArray,
  parseJsonArray,
  processWord,
  splitWords,
  type VariableLookup,
} from './shell-words';
import type { Stage } from './interpret-dockerfile';

/**
 * Build steps and the instructions that are only checked: RUN (downloads piped to a shell, secret
 * mounts), ADD (remote sources), and the argument forms of COPY, CMD, ENTRYPOINT, VOLUME, SHELL
 * and ONBUILD. Build steps count in every stage: an intermediate stage runs on the build host too.
 */

/** What the build-step readers need from the interpreter. */
export interface StepContext {
  readonly escape: string;
  readonly out: { remoteAdds: Fact<string>[]; pipeToShell: Fact<string>[]; secretMounts: Fact<string>[] };
  at(ins: Instruction, offset: number | undefined, path: string): SourceRef;
  heredocAt(heredoc: { body: string; line: number }, offset: number, path: string): SourceRef;
  report(spec: DiagnosticSpec, ins: Instruction, offset: number | undefined, message: string): void;
  stageLookup(stage: Stage): VariableLookup;
  expandQuietly(raw: string, lookup: VariableLookup): string;
}

const REMOTE_SOURCE_PREFIXES = ['http://', 'https://', 'git@', 'git://', 'ssh://'];
const SHELL_PROGRAMS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash', '/usr/bin/bash', 'ash', 'dash', 'zsh']);

export function recordRun(ctx: StepContext, ins: Instruction, stage: Stage): void {
  const { flags, rest, restOffset } = extractFlags(ins.args, ctx.escape);
  const path = `stages[${stage.index}].RUN`;
  for (const flag of flags) {
    if (flag.name !== 'mount' || flag.value === undefined) continue;
    const value = processWord(flag.value, ctx.escape).value;
    const options = parseMountOptions(value);
    if (options.get('type') !== 'secret') continue;
    const id = options.get('id') || options.get('target') || options.get('dst') || value;
    ctx.out.secretMounts.push(fact(id, ctx.at(ins, flag.offset, `${path}.mount`)));
  }
  const argv = parseJsonArray(rest);
  if (argv) {
    // Exec form: only `["sh", "-c", "script"]` runs a shell script.
    const script = SHELL_PROGRAMS.has(argv[0] ?? '') && argv[1] === '-c' ? argv[2] : undefined;
    for (const match of findPipeToShell(script ?? '')) {
      ctx.out.pipeToShell.push(fact(match.text, ctx.at(ins, restOffset, path)));
    }
  } else {
    checkJsonForm(ctx, ins, rest, restOffset);
    for (const match of findPipeToShell(rest)) {
      ctx.out.pipeToShell.push(fact(match.text, ctx.at(ins, restOffset + match.offset, path)));
    }
  }
  for (const heredoc of ins.heredocs) {
    for (const match of findPipeToShell(heredoc.body)) {
      ctx.out.pipeToShell.push(fact(match.text, ctx.heredocAt(heredoc, match.offset, path)));
    }
  }
}

export function recordAdd(ctx: StepContext, ins: Instruction, stage: Stage): void {
  const { rest, restOffset } = extractFlags(ins.args, ctx.escape);
  const path = `stages[${stage.index}].ADD`;
  const lookup = ctx.stageLookup(stage);
  const argv = parseJsonArray(rest);
  const operands = argv
    ? argv.map((value) => ({ value, offset: restOffset }))
    : splitWords(rest, ctx.escape).words.map((w) => ({
        value: ctx.expandQuietly(w.raw, lookup),
        offset: restOffset + w.offset,
      }));
  if (!argv) checkJsonForm(ctx, ins, rest, restOffset);
  if (operands.length < 2) {
    ctx.report(
      D.DOCKERFILE_MISSING_ARGUMENTS,
      ins,
      restOffset,
      'ADD expects at least a source and a destination',
    );
  }
  for (const src of operands.slice(0, -1)) {
    const lower = src.value.toLowerCase();
    if (REMOTE_SOURCE_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
      ctx.out.remoteAdds.push(fact(src.value, ctx.at(ins, src.offset, path)));
    }
  }
}

export function checkCopy(ctx: StepContext, ins: Instruction): void {
  const { rest, restOffset } = extractFlags(ins.args, ctx.escape);
  const argv = parseJsonArray(rest);
  if (!argv) checkJsonForm(ctx, ins, rest, restOffset);
  if ((argv ?? splitWords(rest, ctx.escape).words).length < 2) {
    ctx.report(
      D.DOCKERFILE_MISSING_ARGUMENTS,
      ins,
      restOffset,
      'COPY expects at least a source and a destination',
    );
  }
}

export function checkShell(ctx: StepContext, ins: Instruction): void {
  if (parseJsonArray(ins.args) !== undefined) return;
  ctx.report(D.DOCKERFILE_SHELL_NOT_JSON, ins, 0, 'SHELL expects a JSON array such as ["/bin/sh", "-c"]');
}

export function checkOnbuild(ctx: StepContext, ins: Instruction): void {
  const inner = splitWords(ins.args, ctx.escape).words[0]?.raw.toUpperCase();
  if (inner === undefined) return;
  if (!KNOWN_INSTRUCTIONS.has(inner) || inner === 'ONBUILD' || inner === 'FROM' || inner === 'MAINTAINER') {
    ctx.report(
      D.DOCKERFILE_INVALID_ONBUILD,
      ins,
      0,
      `ONBUILD ${inner} is not allowed: expected an instruction other than ONBUILD, FROM or MAINTAINER`,
    );
  }
}

/** A `[`…`]` argument that is not a JSON array of strings runs as a shell command instead. */
export function checkJsonForm(ctx: StepContext, ins: Instruction, text: string, offset: number): void {
  if (!looksLikeJsonArray(text) || parseJsonArray(text) !== undefined) return;
  ctx.report(
    D.DOCKERFILE_INVALID_JSON_FORM,
    ins,
    offset,
    `${ins.keyword} arguments look like the exec form but are not a JSON array of strings (use double quotes); they run as a shell command`,
  );
}
