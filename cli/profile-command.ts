import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { generateAppArmorProfile } from '../models/export/apparmor';
import {
  describeComparison,
  generateSeccompProfile,
  knownArches,
  parseArchList,
  parseStrace,
  parseSyscallList,
  type SyscallInput,
} from '../models/export/seccomp';
import type { Diagnostic } from '../models/source/diagnostic';
import { INPUT_LIMITS } from '../models/source/limits';
import { parseArgs, UsageError } from './args';
import type { CommandIo } from './command-io';
import { decodeText } from '../models/source/decode-text';
import { writeOutput } from './write-output';

export const PROFILE_USAGE = `rampart profile seccomp --syscalls FILE|--strace FILE [--arch x86_64,aarch64] --out FILE
rampart profile apparmor <policy-file> --out FILE

seccomp: a whitelist profile (everything else fails with EPERM) from a list of syscall names, one
per line, or from \`strace -f\` output; both options repeat (the per-pid files of strace -ff -o). --arch names the architectures the profile is for (default
x86_64,aarch64; also ${knownArches()
  .filter((a) => a !== 'x86_64' && a !== 'aarch64')
  .join(', ')}).
apparmor: an AppArmor profile from a bane policy (TOML: Name, [Filesystem], [Capabilities],
[Network]); the profile is called docker-<Name>.
Without --out the profile is written to standard output; a summary goes to standard error.`;

/** `rampart profile seccomp|apparmor`: exit 0 when the profile is written, 2 on usage or input errors. */
export function profileCommand(argv: string[], io: CommandIo): number {
  const [kind, ...rest] = argv;
  if (kind === 'seccomp') return seccompCommand(rest, io);
  if (kind === 'apparmor') return apparmorCommand(rest, io);
  throw new UsageError(
    kind
      ? `unknown profile kind "${kind}": expected seccomp or apparmor`
      : 'profile needs a kind: seccomp or apparmor',
  );
}

function seccompCommand(argv: string[], io: CommandIo): number {
  const args = parseArgs(argv, {
    syscalls: { value: true, repeatable: true },
    strace: { value: true, repeatable: true },
    arch: { value: true },
    out: { value: true },
  });
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const lists = args.options.get('syscalls') ?? [];
  const traces = args.options.get('strace') ?? [];
  if (lists.length + traces.length === 0) throw new UsageError('give --syscalls FILE or --strace FILE');
  const { arches, unknown } = parseArchList(args.options.get('arch')?.[0] ?? 'x86_64,aarch64');
  if (unknown.length > 0 || arches.length === 0)
    throw new UsageError(
      `--arch: ${unknown.length ? `unknown architecture ${unknown.map((u) => `"${u}"`).join(', ')}` : 'no architecture given'}; expected ${knownArches().join(', ')}`,
    );
  const out = args.options.get('out')?.[0];
  const inputs = [
    ...lists.map((file) => ({ file, parse: parseSyscallList })),
    ...traces.map((file) => ({ file, parse: parseStrace })),
  ];
  for (const { file } of inputs) refuseOverwrite(file, out, io);
  const parsed: SyscallInput = { uses: [], diagnostics: [] };
  for (const { file, parse } of inputs) {
    const text = readInput(file, io);
    if (text === undefined) return 2;
    const one = parse(file, text);
    parsed.uses.push(...one.uses);
    parsed.diagnostics.push(...one.diagnostics);
  }
  const result = generateSeccompProfile(parsed, { arches });
  if (report(result.diagnostics, io) || !result.text) return 2;
  writeOutput(result.text, out, io);

  const allowed = [...result.allowedByArch].map(([arch, names]) => `${arch} ${names.length}`).join(', ');
  const where = out && out !== '-' ? out : 'standard output';
  const file = out && out !== '-' ? out : 'profile.json';
  const name = basename(file);
  io.stderr(
    [
      `rampart profile seccomp: wrote ${where}: syscalls allowed per architecture: ${allowed}`,
      ...describeComparison(result.comparison!).map((line) => `  ${line}`),
      `  Docker: docker run --security-opt seccomp=${file} … (compose: security_opt: ["seccomp=${file}"])`,
      `  Kubernetes: copy it to /var/lib/kubelet/seccomp/profiles/${name} on every node, then set`,
      `    securityContext: { seccompProfile: { type: Localhost, localhostProfile: profiles/${name} } }`,
    ].join('\n'),
  );
  return 0;
}

function apparmorCommand(argv: string[], io: CommandIo): number {
  const args = parseArgs(argv, { out: { value: true } });
  if (args.positionals.length !== 1) throw new UsageError('profile apparmor needs exactly one policy file');
  const input = args.positionals[0]!;
  const out = args.options.get('out')?.[0];
  refuseOverwrite(input, out, io);
  const text = readInput(input, io);
  if (text === undefined) return 2;
  const result = generateAppArmorProfile(input, text);
  if (report(result.diagnostics, io) || !result.text) return 2;
  writeOutput(result.text, out, io);
  const policy = result.policy!;
  const rules =
    policy.filesystem.readOnlyPaths.length +
    policy.filesystem.logOnWritePaths.length +
    policy.filesystem.writablePaths.length +
    policy.filesystem.allowExec.length +
    policy.filesystem.denyExec.length;
  const caps = policy.capabilities.deny.length
    ? `all capabilities but ${policy.capabilities.deny.length}`
    : `${policy.capabilities.allow.length} capabilities`;
  io.stderr(
    [
      `rampart profile apparmor: wrote ${out && out !== '-' ? out : 'standard output'}: profile ${result.profileName}, ${rules} path rules, ${caps}`,
      `  load it on the host: apparmor_parser -r -W <file> (or copy it to /etc/apparmor.d/containers/)`,
      `  Docker: docker run --security-opt apparmor=${result.profileName} …`,
      `  Kubernetes: securityContext: { appArmorProfile: { type: Localhost, localhostProfile: ${result.profileName} } }`,
    ].join('\n'),
  );
  return 0;
}

/** Prints diagnostics as `analyze` does; true when one is an error. */
export function report(diagnostics: readonly Diagnostic[], io: CommandIo): boolean {
  for (const d of diagnostics) {
    if (d.severity === 'info') continue;
    io.stderr(
      `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}${d.excerpt ? `\n    ${d.excerpt}` : ''}`,
    );
  }
  return diagnostics.some((d) => d.severity === 'error');
}

function refuseOverwrite(input: string, out: string | undefined, io: CommandIo): void {
  if (out && out !== '-' && resolve(io.cwd, out) === resolve(io.cwd, input))
    throw new UsageError('--out must not be the input file');
}

/** The input's text, or undefined after printing why it cannot be read. */
function readInput(path: string, io: CommandIo): string | undefined {
  const fail = (why: string) => {
    io.stderr(`${path}:1:1: error IMPORT_UNREADABLE: ${why}`);
    return undefined;
  };
  const abs = resolve(io.cwd, path);
  let size: number;
  try {
    const stats = statSync(abs);
    if (!stats.isFile()) return fail('not a file');
    size = stats.size;
  } catch {
    return fail('no such file');
  }
  if (size > INPUT_LIMITS.maxFileChars * 2)
    return fail(`the file is larger than the ${INPUT_LIMITS.maxFileChars}-character limit`);
  const text = decodeText(readFileSync(abs));
  if (text === undefined) return fail('the file is binary, not text');
  return text;
}
