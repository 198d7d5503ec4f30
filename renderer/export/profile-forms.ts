import { generateAppArmorProfile } from '../../models/export/apparmor';
import {
  generateSeccompProfile,
  knownArches,
  parseStrace,
  parseSyscallList,
  type SeccompArch,
} from '../../models/export/seccomp';
import type { Diagnostic } from '../../models/source/diagnostic';

/** A problem of the pasted input, at its line and column. */
export interface InputProblem {
  severity: 'error' | 'warning';
  line: number;
  column: number;
  message: string;
}

/** The outcome of a profile form: the profile to save (none while there are errors), the file
 * name it is saved under, and the problems of the input. */
export interface ProfileOutcome {
  text?: string;
  name?: string;
  problems: InputProblem[];
  /** Allowed syscalls per architecture (seccomp), or the profile's name (AppArmor). */
  summary?: string;
}

/** The name the pasted text has in diagnostics. */
export const PASTED = 'pasted input';

function problems(diagnostics: readonly Diagnostic[]): InputProblem[] {
  return diagnostics
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => ({
      severity: d.severity as 'error' | 'warning',
      line: d.line,
      column: d.column,
      message: d.message,
    }));
}

export const SECCOMP_ARCHES: readonly SeccompArch[] = knownArches();

/** A whitelist seccomp profile from a syscall list (one name a line) or strace output. */
export function seccompFromText(
  text: string,
  input: 'list' | 'strace',
  arches: readonly SeccompArch[],
): ProfileOutcome {
  if (text.trim() === '') return { problems: [] };
  const parsed = input === 'strace' ? parseStrace(PASTED, text) : parseSyscallList(PASTED, text);
  const result = generateSeccompProfile(parsed, { arches });
  const found = problems(result.diagnostics);
  if (!result.text || found.some((p) => p.severity === 'error')) return { problems: found };
  return {
    text: result.text,
    name: 'seccomp-profile.json',
    problems: found,
    summary: [...result.allowedByArch].map(([arch, names]) => `${arch}: ${names.length}`).join(', '),
  };
}

/** An AppArmor profile from a bane-style TOML policy. */
export function apparmorFromText(text: string): ProfileOutcome {
  if (text.trim() === '') return { problems: [] };
  const result = generateAppArmorProfile(PASTED, text);
  const found = problems(result.diagnostics);
  if (!result.text || !result.profileName || found.some((p) => p.severity === 'error'))
    return { problems: found };
  return { text: result.text, name: result.profileName, problems: found, summary: result.profileName };
}
