/**
 * Finds `curl … | sh`-style installs in a shell script (a RUN line or a RUN heredoc): a pipeline
 * in which a download (`curl`, `wget`) feeds an interpreter (`sh`, `bash`, `python`, …), possibly
 * through `sudo`/`env` or other commands, and the command-substitution variants `sh -c "$(curl …)"`
 * and `bash <(curl …)`. Scripts passed to `sh -c` are searched too.
 *
 * The scan is a small linear shell tokenizer: quotes, escapes, comments and `$( … )` are honoured
 * so that a `|` inside a string or an `||` does not count as a pipe.
 */

const DOWNLOADERS = new Set(['curl', 'wget']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'mksh', 'fish']);
const INTERPRETERS = new Set(['perl', 'ruby', 'node', 'php', 'python', 'python2', 'python3']);
const VERSIONED_PYTHON = /^python[0-9.]+$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** A download inside a command substitution or process substitution. */
const SUBSTITUTED_DOWNLOAD = /(?:\$\(|<\(|`)\s*(?:\S*\/)?(?:curl|wget)(?:\s|$)/;
const WHITESPACE_RUN = /\s+/g;
/** sudo options that take a value (`sudo -u app bash`). */
const SUDO_OPTIONS_WITH_VALUE = new Set(['-u', '-g', '-h', '-p', '-C', '-r', '-t', '-U', '-D']);
const WRAPPERS = new Set(['nice', 'nohup', 'time', 'command', 'exec', 'stdbuf', 'timeout']);
/** `sh -c "…"` inside `sh -c "…"` is unusual; deeper nesting is not followed. */
const MAX_NESTED_SCRIPTS = 3;

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

function isInterpreter(program: string): boolean {
  return SHELLS.has(program) || INTERPRETERS.has(program) || VERSIONED_PYTHON.test(program);
}

/** Index of the word that names the program, after assignments and wrappers such as sudo and env. */
function programIndex(words: string[]): number {
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    if (ASSIGNMENT.test(word)) {
      i++;
      continue;
    }
    const base = basename(word);
    if (base === 'sudo' || base === 'doas') {
      i++;
      while (i < words.length && words[i]!.startsWith('-'))
        i += SUDO_OPTIONS_WITH_VALUE.has(words[i]!) ? 2 : 1;
      continue;
    }
    if (base === 'env') {
      i++;
      while (i < words.length && (words[i]!.startsWith('-') || ASSIGNMENT.test(words[i]!))) i++;
      continue;
    }
    if (WRAPPERS.has(base)) {
      i++;
      while (i < words.length && words[i]!.startsWith('-')) i++;
      continue;
    }
    return i;
  }
  return -1;
}

interface Pipeline {
  commands: string[][];
  start: number;
  end: number;
}

/**
 * Index after the end of a group that opened just before `from`: a `$( … )` or a `" … "`. Groups
 * nest (`"$(cmd "$(inner)")"`), so the open ones are kept on an explicit stack rather than the call
 * stack, which hostile input could exhaust.
 */
function skipGroup(text: string, from: number, closer: ')' | '"'): number {
  const open: string[] = [closer];
  let i = from;
  while (i < text.length && open.length > 0) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
    } else if (open[open.length - 1] === '"') {
      if (ch === '$' && text[i + 1] === '(') {
        open.push(')');
        i += 2;
      } else {
        if (ch === '"') open.pop();
        else if (ch === '`') i = closingIndex(text, '`', i + 1);
        i++;
      }
    } else {
      if (ch === "'") i = closingIndex(text, "'", i + 1);
      else if (ch === '"') open.push('"');
      else if (ch === '(') open.push(')');
      else if (ch === ')') open.pop();
      i++;
    }
  }
  return Math.min(i, text.length);
}

function skipParens(text: string, from: number): number {
  return skipGroup(text, from, ')');
}

function skipDoubleQuoted(text: string, from: number): number {
  return skipGroup(text, from, '"');
}

function closingIndex(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

/** The content of a double-quoted string (quotes removed, `\"` unescaped). */
function doubleQuotedContent(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && i + 1 < raw.length && '"\\$`'.includes(raw[i + 1]!)) out += raw[++i];
    else out += ch;
  }
  return out;
}

function scanPipelines(script: string, onPipeline: (pipeline: Pipeline) => void): void {
  let word = '';
  let inWord = false;
  let words: string[] = [];
  let commands: string[][] = [];
  let start = -1;
  const begin = (at: number): void => {
    if (start < 0) start = at;
    inWord = true;
  };
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  const endPipeline = (at: number): void => {
    endCommand();
    if (commands.length > 0) onPipeline({ commands, start, end: at });
    commands = [];
    start = -1;
  };
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    const next = script[i + 1];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      i++;
    } else if (ch === '\n' || ch === ';' || ch === '(' || ch === ')') {
      endPipeline(i);
      i++;
    } else if (ch === '&') {
      endPipeline(i);
      i += next === '&' ? 2 : 1;
    } else if (ch === '|') {
      if (next === '|') {
        endPipeline(i);
        i += 2;
      } else {
        endCommand();
        i += next === '&' ? 2 : 1;
      }
    } else if (ch === '#' && !inWord) {
      i = closingIndex(script, '\n', i);
    } else if (ch === '\\') {
      begin(i);
      if (next !== undefined && next !== '\n') word += next;
      i += 2;
    } else if (ch === "'") {
      begin(i);
      const close = closingIndex(script, "'", i + 1);
      word += script.slice(i + 1, close);
      i = close + 1;
    } else if (ch === '"') {
      begin(i);
      const end = skipDoubleQuoted(script, i + 1);
      word += doubleQuotedContent(script.slice(i + 1, Math.max(i + 1, end - 1)));
      i = end;
    } else if (ch === '`') {
      begin(i);
      const close = closingIndex(script, '`', i + 1);
      word += script.slice(i, close + 1);
      i = close + 1;
    } else if ((ch === '$' || ch === '<' || ch === '>') && next === '(') {
      begin(i);
      const end = skipParens(script, i + 2);
      word += script.slice(i, end);
      i = end;
    } else {
      begin(i);
      word += ch;
      i++;
    }
  }
  endPipeline(script.length);
}

function shellScriptArgument(words: string[], program: number): string | undefined {
  for (let i = program + 1; i < words.length - 1; i++) {
    const word = words[i]!;
    if (word.startsWith('-') && !word.startsWith('--') && word.includes('c')) return words[i + 1];
  }
  return undefined;
}

export interface PipeToShellMatch {
  /** The pipeline as written, whitespace collapsed. */
  text: string;
  /** Offset in the searched script of the pipeline (or of the `sh -c` command holding it). */
  offset: number;
}

function collect(script: string, depth: number, outer: number | undefined, found: PipeToShellMatch[]): void {
  scanPipelines(script, (pipeline) => {
    const offset = outer ?? pipeline.start;
    let downloaded = false;
    let matched = false;
    for (const words of pipeline.commands) {
      const index = programIndex(words);
      if (index < 0) continue;
      const program = basename(words[index]!);
      if (isInterpreter(program)) {
        if (downloaded || words.slice(index + 1).some((w) => SUBSTITUTED_DOWNLOAD.test(w))) matched = true;
        const nested = SHELLS.has(program) ? shellScriptArgument(words, index) : undefined;
        if (nested !== undefined && depth < MAX_NESTED_SCRIPTS) collect(nested, depth + 1, offset, found);
      }
      if (DOWNLOADERS.has(program)) downloaded = true;
    }
    if (matched) {
      const text = script.slice(pipeline.start, pipeline.end).replace(WHITESPACE_RUN, ' ').trim();
      if (!found.some((f) => f.text === text)) found.push({ text, offset });
    }
  });
}

/** The pipelines of `script` that run downloaded code. */
export function findPipeToShell(script: string): PipeToShellMatch[] {
  const found: PipeToShellMatch[] = [];
  collect(script, 0, undefined, found);
  return found;
}
