import { diagnosticAt, type Diagnostic } from '../../source/diagnostic';
import { SourceText } from '../../source/source-text';
import { SECCOMP_DIAGNOSTICS as D } from './diagnostics';
import type { SyscallInput, SyscallUse } from './syscall-input';

/** `[pid  123] ` (strace -f to a terminal) or `123  ` (strace -f -o FILE); `-ff` files have none. */
const PID_PREFIX = /^(?:\[pid\s+\d+\]|\d+)\s+/;
/** `-t` 10:20:30, `-tt` 10:20:30.123456, `-ttt` and `-r` 1700000000.123456. */
const TIMESTAMP = /^(?:\d{2}:\d{2}:\d{2}(?:\.\d+)?|\d+\.\d+)\s+/;
/** `-i` instruction pointer: `[00007f3c2a1b2c3d] `. */
const INSTRUCTION_POINTER = /^\[[0-9a-f?]+\]\s+/;
const CALL = /^([a-z_][a-z0-9_]*)\(/;
const RESUMED = /^<\.\.\.\s+([a-z_][a-z0-9_]*)\s+resumed>/;

/**
 * Reads the syscalls out of `strace -f` output, in any of the forms strace writes: `[pid N]` or
 * bare pid prefixes, per-pid `-ff -o` files without a prefix, `-t`/`-tt`/`-ttt`/`-r` timestamps,
 * `-T` durations, calls split into `<unfinished ...>` and `<... name resumed>`. Signal lines
 * (`--- SIGCHLD … ---`), exit lines (`+++ exited with 0 +++`), strace's own messages and `-k`
 * stack frames are not syscalls. Other lines (program output mixed in) are skipped with a warning.
 */
export function parseStrace(file: string, text: string): SyscallInput {
  const source = new SourceText(file, text);
  const uses: SyscallUse[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    let rest = raw.trimStart();
    if (!rest) continue;
    let column = raw.length - rest.length + 1;
    const strip = (pattern: RegExp): void => {
      const match = pattern.exec(rest);
      if (!match) return;
      rest = rest.slice(match[0].length);
      column += match[0].length;
    };
    strip(PID_PREFIX);
    strip(TIMESTAMP);
    strip(INSTRUCTION_POINTER);
    if (isNoise(rest)) continue;
    const name = CALL.exec(rest)?.[1] ?? RESUMED.exec(rest)?.[1];
    if (name) {
      // A resumed call names the syscall after `<... `.
      const offset = rest.startsWith('<') ? rest.indexOf(name) : 0;
      uses.push({ name, file, line: i + 1, column: column + offset });
      continue;
    }
    diagnostics.push(
      diagnosticAt(
        D.SECCOMP_UNPARSED_LINE,
        'not a line strace writes for a syscall (name(arguments) = result); skipped',
        { file, line: i + 1, column },
        source,
      ),
    );
  }
  return { uses, diagnostics };
}

function isNoise(rest: string): boolean {
  return (
    rest.startsWith('--- ') || // signal delivered or process stopped
    rest.startsWith('+++ ') || // exited or killed
    rest.startsWith('strace: ') || // attached, detached, warnings
    rest.startsWith('> ') || // -k stack frame
    rest.startsWith('???(') || // a call strace could not decode at all
    rest.startsWith(', ') || // the rest of a call a `strace: Process N attached` message cut in two
    /^%\s*time\b|^-{6}/.test(rest) // a -c summary table has no per-call lines to read
  );
}
