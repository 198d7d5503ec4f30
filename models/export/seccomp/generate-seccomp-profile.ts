import { compareDiagnostics, diagnosticAt, type Diagnostic } from '../../source/diagnostic';
import { ARCH_SPELLINGS, DEFAULT_ARCHES } from './architectures';
import { closestNames } from './closest-names';
import { compareWithDefault, type DefaultComparison } from './compare-default';
import { SECCOMP_DIAGNOSTICS as D } from './diagnostics';
import type { SyscallInput, SyscallUse } from './syscall-input';
import { SYSCALL_TABLES, type SeccompArch } from './syscall-tables';

/** One `syscalls[]` rule of a Docker seccomp profile. */
export interface SeccompRule {
  names: string[];
  action: 'SCMP_ACT_ALLOW';
  /** Docker's extension: the rule applies only when the daemon's native architecture is listed. */
  includes?: { arches: string[] };
  comment?: string;
}

/** A whitelist profile in the form `docker run --security-opt seccomp=FILE` reads. */
export interface SeccompProfile {
  defaultAction: 'SCMP_ACT_ERRNO';
  defaultErrnoRet: 1;
  archMap: { architecture: string; subArchitectures: string[] }[];
  syscalls: SeccompRule[];
}

export interface SeccompResult {
  /** Undefined when an error prevents a usable profile. */
  profile?: SeccompProfile;
  /** The profile as written to a file: 2-space JSON with a final newline. */
  text?: string;
  /** Allowed names per requested architecture, sorted. */
  allowedByArch: Map<SeccompArch, string[]>;
  comparison?: DefaultComparison;
  diagnostics: Diagnostic[];
}

export interface SeccompOptions {
  /** Architectures the profile is for (Docker's default: x86_64 and aarch64). */
  arches?: readonly SeccompArch[];
}

const TABLE_SETS = new Map(
  (Object.keys(SYSCALL_TABLES) as SeccompArch[]).map((arch) => [arch, new Set<string>(SYSCALL_TABLES[arch])]),
);

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function list(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * Builds a whitelist seccomp profile from the syscalls an application uses: everything else fails
 * with EPERM (`SCMP_ACT_ERRNO`, errno 1), as in Docker's default profile. Names are checked against
 * libseccomp's table of each requested architecture: a name known on none is an error naming the
 * line and the closest valid names; a name known on some is allowed only there, in a rule limited
 * by `includes.arches` (Docker resolves it against the daemon's architecture; a runtime that ignores
 * `includes` still only matches names its architecture has). Deterministic: names are sorted.
 */
export function generateSeccompProfile(input: SyscallInput, options: SeccompOptions = {}): SeccompResult {
  const arches = options.arches && options.arches.length > 0 ? [...options.arches] : [...DEFAULT_ARCHES];
  const diagnostics = [...input.diagnostics];
  const firstUse = new Map<string, SyscallUse>();
  const count = new Map<string, number>();
  for (const use of input.uses) {
    if (!firstUse.has(use.name)) firstUse.set(use.name, use);
    count.set(use.name, (count.get(use.name) ?? 0) + 1);
  }

  const common: string[] = [];
  const partial = new Map<string, string[]>(); // arch list key → names
  const allowedByArch = new Map<SeccompArch, string[]>(arches.map((arch) => [arch, []]));
  for (const [name, use] of [...firstUse].sort(([a], [b]) => compare(a, b))) {
    const on = arches.filter((arch) => TABLE_SETS.get(arch)!.has(name));
    const at = { file: use.file, line: use.line, column: use.column };
    if (on.length === 0) {
      diagnostics.push(
        diagnosticAt(D.SECCOMP_UNKNOWN_SYSCALL, unknownMessage(name, arches, count.get(name)!), at),
      );
      continue;
    }
    for (const arch of on) allowedByArch.get(arch)!.push(name);
    if (on.length === arches.length) {
      common.push(name);
      continue;
    }
    const missing = arches.filter((arch) => !on.includes(arch));
    diagnostics.push(
      diagnosticAt(
        D.SECCOMP_NOT_ON_ARCH,
        `"${name}" is not a syscall on ${list(missing)}; it is allowed on ${list(on)} only`,
        at,
      ),
    );
    const key = on.join(',');
    partial.set(key, [...(partial.get(key) ?? []), name]);
  }

  if (firstUse.size === 0)
    diagnostics.push(
      diagnosticAt(
        D.SECCOMP_NO_SYSCALLS,
        'no syscall names found: a profile allowing nothing could not start the container',
        {
          file: input.uses[0]?.file ?? diagnostics[0]?.file ?? '',
          line: 1,
          column: 1,
        },
      ),
    );
  else if (!firstUse.has('execve') && !firstUse.has('execveat'))
    diagnostics.push(
      diagnosticAt(
        D.SECCOMP_NO_EXECVE,
        'execve is not in the list: the runtime loads the profile before it starts the container process with execve, so the container would not start; was the trace started after the process?',
        { file: [...firstUse.values()][0]!.file, line: 1, column: 1 },
      ),
    );
  diagnostics.sort(compareDiagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { allowedByArch, diagnostics };

  const syscalls: SeccompRule[] = [];
  if (common.length > 0) syscalls.push({ names: common, action: 'SCMP_ACT_ALLOW' });
  const archOrder = (key: string) => key.split(',').map((arch) => arches.indexOf(arch as SeccompArch));
  const partialKeys = [...partial.keys()].sort((a, b) => {
    const x = archOrder(a);
    const y = archOrder(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  });
  for (const key of partialKeys) {
    const on = key.split(',') as SeccompArch[];
    syscalls.push({
      names: partial.get(key)!,
      action: 'SCMP_ACT_ALLOW',
      includes: { arches: on.map((arch) => ARCH_SPELLINGS[arch].docker) },
      comment: `not syscalls on ${list(arches.filter((arch) => !on.includes(arch)))}`,
    });
  }
  const profile: SeccompProfile = {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: 1,
    archMap: arches.map((arch) => ({
      architecture: ARCH_SPELLINGS[arch].scmp,
      subArchitectures: [...ARCH_SPELLINGS[arch].sub],
    })),
    syscalls,
  };
  return {
    profile,
    text: `${JSON.stringify(profile, null, 2)}\n`,
    allowedByArch,
    comparison: compareWithDefault(allowedByArch),
    diagnostics,
  };
}

function unknownMessage(name: string, arches: readonly SeccompArch[], uses: number): string {
  const elsewhere = (Object.keys(SYSCALL_TABLES) as SeccompArch[]).filter(
    (arch) => !arches.includes(arch) && TABLE_SETS.get(arch)!.has(name),
  );
  const more = uses > 1 ? ` (used on ${uses} lines; the first is shown)` : '';
  if (elsewhere.length > 0)
    return `"${name}" is a syscall on ${list(elsewhere)} only, not on ${list(arches)}${more}`;
  const candidates = arches.flatMap((arch) => SYSCALL_TABLES[arch]);
  const close = closestNames(name, candidates);
  const hint = close.length > 0 ? `; did you mean ${list(close)}?` : '';
  const raw = /^syscall_(0x[0-9a-f]+|\d+)$/.test(name)
    ? '; strace writes syscall_<number> for a number it does not know, which libseccomp does not know either'
    : '';
  return `"${name}" is not a syscall on ${list(arches)}${hint}${raw}${more}`;
}
