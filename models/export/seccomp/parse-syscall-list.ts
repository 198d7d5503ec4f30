import { diagnosticAt, type Diagnostic } from '../../source/diagnostic';
import { SourceText } from '../../source/source-text';
import { SECCOMP_DIAGNOSTICS as D } from './diagnostics';
import { SYSCALL_NAME, type SyscallInput, type SyscallUse } from './syscall-input';

/**
 * Reads a syscall list: one name per line; `#` starts a comment (whole line or after the name);
 * blank lines are skipped. A line that is not one name is an error naming its line and column.
 */
export function parseSyscallList(file: string, text: string): SyscallInput {
  const source = new SourceText(file, text);
  const uses: SyscallUse[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const hash = raw.indexOf('#');
    const content = hash < 0 ? raw : raw.slice(0, hash);
    const trimmed = content.trim();
    if (!trimmed) continue;
    const column = content.indexOf(trimmed) + 1;
    const at = { file, line: i + 1, column };
    const words = trimmed.split(/\s+/);
    if (words.length > 1) {
      diagnostics.push(
        diagnosticAt(
          D.SECCOMP_INVALID_LINE,
          `expected one syscall name per line, found ${words.length} words`,
          at,
          source,
        ),
      );
      continue;
    }
    if (!SYSCALL_NAME.test(trimmed)) {
      diagnostics.push(
        diagnosticAt(
          D.SECCOMP_INVALID_LINE,
          `"${trimmed}" is not a syscall name: expected lower-case letters, digits and underscores such as openat`,
          at,
          source,
        ),
      );
      continue;
    }
    uses.push({ name: trimmed, ...at });
  }
  return { uses, diagnostics };
}
