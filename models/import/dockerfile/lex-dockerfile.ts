import { diagnosticAt, type Diagnostic } from '../../source/diagnostic';
import type { SourceText } from '../../source/source-text';
import { DOCKERFILE_DIAGNOSTICS as D } from './diagnostics';
import { parseJsonArray, processWord, splitWords } from './shell-words';

/**
 * Splits a Dockerfile into instructions the way the BuildKit frontend reads it
 * (moby/buildkit `frontend/dockerfile/parser/parser.go`): parser directives at the very top,
 * full-line comments dropped (also inside continuations), lines joined at a trailing escape
 * character, and heredoc bodies (`<<EOF … EOF`) read after RUN, COPY and ADD lines.
 */

/** A piece of a logical line: continuation lines are joined, so an offset into the joined text
 * maps back to the physical line and column through these segments. */
export interface LineSegment {
  offset: number;
  line: number;
  column: number;
}

export interface Heredoc {
  /** The terminator word (`EOF`). */
  name: string;
  body: string;
  /** 1-based line of the first body line. */
  line: number;
  /** `<<"EOF"` or `<<'EOF'`: the body is taken literally, without expansion. */
  quoted: boolean;
}

export interface Instruction {
  /** Upper case (`RUN`); instructions are case-insensitive. */
  keyword: string;
  line: number;
  column: number;
  /** The arguments after the keyword, continuation lines joined, trimmed. */
  args: string;
  segments: LineSegment[];
  heredocs: Heredoc[];
}

export interface Directive {
  name: string;
  value: string;
  line: number;
}

export interface LexedDockerfile {
  directives: Directive[];
  /** The escape character: `\` unless `# escape=` changes it to a backtick. */
  escape: string;
  instructions: Instruction[];
}

const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
/** A heredoc marker word: optional fd, `<<`, optional `-`, the terminator (possibly quoted). */
const HEREDOC_MARKER = /^[0-9]*<<(-?)([^<]+)$/;
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

/** 1-based line and column of an offset into an instruction's arguments. */
export function argsPosition(instruction: Instruction, offset: number): { line: number; column: number } {
  const segments = instruction.segments;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const segment = segments[lo];
  if (!segment) return { line: instruction.line, column: instruction.column };
  return { line: segment.line, column: segment.column + Math.max(0, offset - segment.offset) };
}

class Lines {
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  get count(): number {
    return this.lines.length;
  }

  /** A physical line without its carriage return. */
  at(index: number): string {
    const line = this.lines[index] ?? '';
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }
}

function leadingBlank(line: string, firstLine: boolean): number {
  let i = 0;
  if (firstLine && line.charCodeAt(0) === 0xfeff) i = 1;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** Blank lines and full-line comments, which are dropped even inside a continuation. */
function isSkippable(line: string, firstLine: boolean): boolean {
  const lead = leadingBlank(line, firstLine);
  return lead === line.length || line[lead] === '#';
}

/** Index of the escape character that continues the line, or -1. */
function continuationAt(piece: string, escape: string): number {
  let end = piece.length;
  while (end > 0 && (piece[end - 1] === ' ' || piece[end - 1] === '\t')) end--;
  return end > 0 && piece[end - 1] === escape ? end - 1 : -1;
}

export function lexDockerfile(source: SourceText, diagnostics: Diagnostic[]): LexedDockerfile {
  const lines = new Lines(source.text);
  const { directives, escape, next } = readDirectives(lines, source, diagnostics);
  const instructions: Instruction[] = [];
  let i = next;
  while (i < lines.count) {
    const raw = lines.at(i);
    if (isSkippable(raw, i === 0)) {
      i++;
      continue;
    }
    const lead = leadingBlank(raw, i === 0);
    let k = lead;
    while (k < raw.length && raw[k] !== ' ' && raw[k] !== '\t') k++;
    const instruction: Instruction = {
      keyword: raw.slice(lead, k).toUpperCase(),
      line: i + 1,
      column: lead + 1,
      args: '',
      segments: [],
      heredocs: [],
    };
    i = readArguments(lines, i, k, escape, instruction);
    if (HEREDOC_INSTRUCTIONS.has(instruction.keyword)) {
      i = readHeredocs(lines, i, escape, instruction, source, diagnostics);
    }
    instructions.push(instruction);
  }
  return { directives, escape, instructions };
}

function readDirectives(
  lines: Lines,
  source: SourceText,
  diagnostics: Diagnostic[],
): { directives: Directive[]; escape: string; next: number } {
  const directives: Directive[] = [];
  let escape = '\\';
  let i = 0;
  for (; i < lines.count; i++) {
    const line = lines.at(i);
    const match = DIRECTIVE.exec(i === 0 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
    const name = match?.[1]?.toLowerCase();
    // The first line that is not a known directive ends the directives, as in BuildKit.
    if (!match || name === undefined || !KNOWN_DIRECTIVES.has(name)) break;
    const value = match[2] ?? '';
    const where = { file: source.file, line: i + 1, column: 1 };
    if (directives.some((d) => d.name === name)) {
      diagnostics.push(
        diagnosticAt(
          D.DOCKERFILE_INVALID_DIRECTIVE,
          `only one "${name}" parser directive can be used`,
          where,
          source,
        ),
      );
      continue;
    }
    if (name === 'escape') {
      if (value !== '\\' && value !== '`') {
        diagnostics.push(
          diagnosticAt(
            D.DOCKERFILE_INVALID_DIRECTIVE,
            `invalid escape character "${value}": expected \\ or \``,
            where,
            source,
          ),
        );
        continue;
      }
      escape = value;
    }
    directives.push({ name, value, line: i + 1 });
  }
  return { directives, escape, next: i };
}

/** Reads the arguments of the instruction starting at line `start`, following continuations.
 * Returns the index of the line after the instruction. */
function readArguments(
  lines: Lines,
  start: number,
  from: number,
  escape: string,
  instruction: Instruction,
): number {
  let i = start;
  let piece = lines.at(i).slice(from);
  let column = from + 1;
  for (;;) {
    const cut = continuationAt(piece, escape);
    if (cut >= 0) piece = piece.slice(0, cut);
    if (instruction.args === '') {
      // Arguments start at the first non-blank character, possibly on a continuation line.
      let lead = 0;
      while (lead < piece.length && (piece[lead] === ' ' || piece[lead] === '\t')) lead++;
      piece = piece.slice(lead);
      column += lead;
    }
    if (piece !== '') {
      instruction.segments.push({ offset: instruction.args.length, line: i + 1, column });
      instruction.args += piece;
    }
    if (cut < 0) break;
    i++;
    while (i < lines.count && isSkippable(lines.at(i), false)) i++;
    if (i >= lines.count) break;
    piece = lines.at(i);
    column = 1;
  }
  instruction.args = instruction.args.trimEnd();
  return i + 1;
}

function heredocMarkers(
  args: string,
  escape: string,
): { name: string; stripTabs: boolean; quoted: boolean }[] {
  if (parseJsonArray(args) !== undefined) return [];
  const markers: { name: string; stripTabs: boolean; quoted: boolean }[] = [];
  for (const word of splitWords(args, escape).words) {
    const match = HEREDOC_MARKER.exec(word.raw);
    if (!match) continue;
    const rawName = match[2]!;
    const quoted = rawName.includes('"') || rawName.includes("'");
    const name = processWord(rawName, escape).value;
    if (name !== '') markers.push({ name, stripTabs: match[1] === '-', quoted });
  }
  return markers;
}

function stripLeadingTabs(line: string): string {
  let i = 0;
  while (line[i] === '\t') i++;
  return line.slice(i);
}

function readHeredocs(
  lines: Lines,
  next: number,
  escape: string,
  instruction: Instruction,
  source: SourceText,
  diagnostics: Diagnostic[],
): number {
  let i = next;
  for (const marker of heredocMarkers(instruction.args, escape)) {
    const first = i;
    const body: string[] = [];
    let terminated = false;
    for (; i < lines.count; i++) {
      const raw = lines.at(i);
      const line = marker.stripTabs ? stripLeadingTabs(raw) : raw;
      if (line.trimEnd() === marker.name) {
        terminated = true;
        i++;
        break;
      }
      body.push(line);
    }
    instruction.heredocs.push({
      name: marker.name,
      body: body.join('\n'),
      line: first + 1,
      quoted: marker.quoted,
    });
    if (!terminated) {
      // The body ran to the end of the file; later markers of the line have nothing left to read.
      diagnostics.push(
        diagnosticAt(
          D.DOCKERFILE_UNTERMINATED_HEREDOC,
          `heredoc <<${marker.name} is not closed: expected a line holding only "${marker.name}"`,
          { file: source.file, line: instruction.line, column: instruction.column },
          source,
        ),
      );
      break;
    }
  }
  return i;
}
