import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAppArmorProfile } from '../../models/export/apparmor';
import { LINUX_CAPABILITIES, NETWORK_PROTOCOLS } from '../../models/export/apparmor/capabilities';
import {
  generateSeccompProfile,
  knownArches,
  parseStrace,
  parseSyscallList,
  SYSCALL_TABLES,
  type SeccompArch,
} from '../../models/export/seccomp';
import { apparmorFromText, seccompFromText } from '../../renderer/export/profile-forms';
import { NASTY_STRINGS, nastyText } from './nasty-text';

/**
 * The profile generators read text users paste (a syscall list, strace output, a bane TOML
 * policy) and write files the kernel's tools load. Fed hostile text, they may refuse it, but never
 * throw, always answer the same twice, and whatever profile they write holds only what a profile
 * may hold: known syscall names in a well-formed seccomp JSON, and AppArmor rules one per line,
 * each of a shape the generator writes — no user text can end a rule early and add one.
 */

const SEED = 20260302;

const ledger = new Map<string, { inputs: number; throws: number; written: number }>();

/** Runs a generator twice on one input, counting the input and any throw; the answers must match. */
function twice<T>(generator: string, run: () => T): T {
  const row = ledger.get(generator) ?? { inputs: 0, throws: 0, written: 0 };
  ledger.set(generator, row);
  row.inputs++;
  let first: T;
  let second: T;
  try {
    first = run();
    second = run();
  } catch (error) {
    row.throws++;
    throw error;
  }
  expect(second, `${generator} is not deterministic`).toEqual(first);
  if (typeof first === 'object' && first !== null && 'text' in first && first.text !== undefined)
    row.written++;
  return first;
}

afterAll(() => {
  const lines = [...ledger].map(
    ([name, row]) => `${name}: ${row.inputs} inputs, ${row.throws} throws, ${row.written} profiles written`,
  );
  console.log(`profile fuzzing (seed ${SEED})\n${lines.join('\n')}`);
});

const ARCHES = knownArches();
const someNames = [...new Set(ARCHES.flatMap((arch) => SYSCALL_TABLES[arch].slice(0, 40)))];
/** Mostly what the input holds, now and then hostile: most inputs must be valid enough to give a
 * profile, or the properties would only ever see refusals. */
const mostly = <T>(usual: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 12, arbitrary: usual }, { weight: 1, arbitrary: hostile });

const syscallName = mostly(
  fc.constantFrom(...someNames, 'execve', 'openat', 'mount', 'unshare', 'arch_prctl', 'socketcall'),
  nastyText(),
);

const straceLine = mostly(
  fc.oneof(
    syscallName.chain((name) =>
      fc
        .tuple(fc.constantFrom('', '1234  ', '[pid  42] ', '10:20:30.123456 '), nastyText())
        .map(([prefix, arg]) => `${prefix}${name}(AT_FDCWD, ${JSON.stringify(arg)}, O_RDONLY) = 3`),
    ),
    syscallName.map((name) => `<... ${name} resumed>) = 0`),
    fc.constantFrom(
      '--- SIGCHLD {si_signo=SIGCHLD} ---',
      '+++ exited with 0 +++',
      'strace: Process 7 attached',
    ),
  ),
  nastyText(),
);

const seccompInput = fc.record({
  kind: fc.constantFrom('list' as const, 'strace' as const),
  lines: fc.array(fc.oneof(syscallName, straceLine, fc.constant('# comment')), { maxLength: 12 }),
  arches: fc.subarray(ARCHES),
  lineEnd: fc.constantFrom('\n', '\r\n'),
});

/** A written seccomp profile: the Docker shape, and only names some requested architecture has. */
function checkSeccompText(text: string, arches: readonly SeccompArch[]): void {
  const profile = JSON.parse(text) as {
    defaultAction: string;
    archMap: { architecture: string }[];
    syscalls: { names: string[]; action: string; includes?: { arches: string[] } }[];
  };
  expect(profile.defaultAction).toBe('SCMP_ACT_ERRNO');
  const wanted = arches.length ? arches : (['x86_64', 'aarch64'] as SeccompArch[]);
  const known = new Set(wanted.flatMap((arch) => [...SYSCALL_TABLES[arch]]));
  for (const rule of profile.syscalls) {
    expect(rule.action).toBe('SCMP_ACT_ALLOW');
    for (const name of rule.names) {
      expect(name).toMatch(/^[a-z0-9_]+$/);
      expect(known, name).toContain(name);
    }
  }
}

/** A TOML basic string: the escapes TOML has, so that any text but a lone surrogate round-trips. */
function tomlString(text: string): string {
  // Control characters are what TOML must escape, so the pattern names them.
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) =>
    c === '\\' ? '\\\\' : c === '"' ? '\\"' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )}"`;
}

const apparmorPath = mostly(
  fc.constantFrom(
    '/etc/**',
    '/proc/sys/**',
    '/usr/bin/*',
    '/var/log/{a,b}/*.log',
    '@{PROC}/[0-9]*/**',
    '/srv/a b',
    '/srv/#x!',
    '/srv/<script>',
    "/srv/=cmd|' /C calc'!A0",
    '/srv/é/😀',
  ),
  fc.oneof(
    nastyText().map((text) => `/data/${text}`),
    nastyText(),
  ),
);

const banePolicy = fc.record({
  name: mostly(fc.constantFrom('nginx', 'web-1', 'api.v2'), nastyText()),
  readOnly: fc.array(apparmorPath, { maxLength: 3 }),
  logOnWrite: fc.array(apparmorPath, { maxLength: 2 }),
  writable: fc.array(apparmorPath, { maxLength: 2 }),
  allowExec: fc.array(apparmorPath, { maxLength: 2 }),
  denyExec: fc.array(apparmorPath, { maxLength: 2 }),
  allow: fc.array(mostly(fc.constantFrom(...LINUX_CAPABILITIES, 'CAP_CHOWN'), nastyText()), { maxLength: 3 }),
  deny: fc.array(mostly(fc.constantFrom(...LINUX_CAPABILITIES), nastyText()), { maxLength: 2 }),
  raw: fc.boolean(),
  packet: fc.boolean(),
  protocols: fc.array(mostly(fc.constantFrom(...NETWORK_PROTOCOLS), nastyText()), { maxLength: 2 }),
  /** Raw text spliced in somewhere: a broken or hostile file rather than a generated one. */
  splice: fc.option(fc.tuple(fc.nat(), fc.constantFrom(...NASTY_STRINGS, '\n[Filesystem]\n', '"""', "'''")), {
    nil: undefined,
    freq: 4,
  }),
});

function tomlOf(p: typeof banePolicy extends fc.Arbitrary<infer T> ? T : never): string {
  const list = (items: string[]) => `[${items.map(tomlString).join(', ')}]`;
  const text = [
    `Name = ${tomlString(p.name)}`,
    '[Filesystem]',
    `ReadOnlyPaths = ${list(p.readOnly)}`,
    `LogOnWritePaths = ${list(p.logOnWrite)}`,
    `WritablePaths = ${list(p.writable)}`,
    `AllowExec = ${list(p.allowExec)}`,
    `DenyExec = ${list(p.denyExec)}`,
    '[Capabilities]',
    `Allow = ${list(p.allow)}`,
    `Deny = ${list(p.deny)}`,
    '[Network]',
    `Raw = ${p.raw}`,
    `Packet = ${p.packet}`,
    `Protocols = ${list(p.protocols)}`,
    '',
  ].join('\n');
  if (!p.splice) return text;
  const at = p.splice[0] % (text.length + 1);
  return text.slice(0, at) + p.splice[1] + text.slice(at);
}

const PATH = String.raw`(?:"[^"\\\n]*"|[A-Za-z0-9/_.*?{}[\]^@,+-]+)`;
const CAPABILITY = `(?:${LINUX_CAPABILITIES.join('|')})`;
/** Every line a generated profile may hold, but the fixed ones of the template. */
const RULES = [
  /^profile docker-[A-Za-z0-9][A-Za-z0-9._-]{0,127} flags=\(attach_disconnected,mediate_deleted\) \{$/,
  new RegExp(`^network inet (?:${NETWORK_PROTOCOLS.join('|')}),$`),
  new RegExp(`^deny ${PATH} wl,$`),
  new RegExp(`^audit ${PATH} w,$`),
  new RegExp(`^${PATH} w,$`),
  new RegExp(`^${PATH} ix,$`),
  new RegExp(`^deny ${PATH} mrwklx,$`),
  new RegExp(`^deny capability ${CAPABILITY},$`),
  new RegExp(`^capability ${CAPABILITY},$`),
  /^capability,$/,
  /^network,$/,
];
/** The lines every profile has: those of the smallest policy. */
const TEMPLATE = new Set(
  generateAppArmorProfile('template', 'Name = "template"')
    .text!.split('\n')
    .map((line) => line.trim())
    .filter((line) => !line.startsWith('profile ')),
);

/** A written AppArmor profile: one profile block, closed once at the end, and every line either
 * the template's or a rule of a shape the generator writes. */
function checkAppArmorText(text: string): void {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  expect(lines.filter((line) => line.startsWith('profile '))).toHaveLength(1);
  expect(lines.filter((line) => line === '}')).toHaveLength(1);
  expect(lines.at(-1)).toBe('}');
  for (const line of lines)
    if (!TEMPLATE.has(line))
      expect(
        RULES.some((rule) => rule.test(line)),
        `rule ${JSON.stringify(line)}`,
      ).toBe(true);
}

describe('profile generators on hostile input', () => {
  it('seccomp: never throw, repeat themselves, and allow only known syscalls', () => {
    fc.assert(
      fc.property(seccompInput, ({ kind, lines, arches, lineEnd }) => {
        const text = lines.join(lineEnd);
        const parse = kind === 'strace' ? parseStrace : parseSyscallList;
        const result = twice('seccomp', () => {
          const { allowedByArch, ...rest } = generateSeccompProfile(parse('input', text), { arches });
          return { ...rest, allowedByArch: [...allowedByArch] };
        });
        if (result.text !== undefined) checkSeccompText(result.text, arches);
        const form = twice('seccomp form', () => seccompFromText(text, kind, arches));
        if (form.text !== undefined) checkSeccompText(form.text, arches);
      }),
      { numRuns: 300, seed: SEED },
    );
    // Without this the property could pass by refusing everything.
    const valid = seccompFromText('execve\nread\nwrite\nopenat\n', 'list', ['x86_64']);
    expect(valid.problems).toEqual([]);
    checkSeccompText(valid.text!, ['x86_64']);
    expect(valid.text).toContain('"openat"');
  });

  it('AppArmor: never throw, repeat themselves, and write only rules of their own', () => {
    fc.assert(
      fc.property(banePolicy, (policy) => {
        const toml = tomlOf(policy);
        const result = twice('apparmor', () => generateAppArmorProfile('policy.toml', toml));
        if (result.text !== undefined) {
          checkAppArmorText(result.text);
          expect(result.profileName).toMatch(/^docker-[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);
        }
        const form = twice('apparmor form', () => apparmorFromText(toml));
        if (form.text !== undefined) checkAppArmorText(form.text);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('AppArmor: write a profile from valid policies', () => {
    // Without this the property above could pass by refusing everything.
    const valid = generateAppArmorProfile(
      'policy.toml',
      tomlOf({
        name: 'web',
        readOnly: ['/etc/**', '/srv/a b'],
        logOnWrite: ['/var/log/{a,b}/*.log'],
        writable: ['/tmp/**'],
        allowExec: ['/usr/bin/*'],
        denyExec: ['@{PROC}/[0-9]*/**'],
        allow: ['chown'],
        deny: [],
        raw: false,
        packet: false,
        protocols: ['tcp'],
        splice: undefined,
      }),
    );
    expect(valid.diagnostics).toEqual([]);
    checkAppArmorText(valid.text!);
    expect(valid.text).toContain('deny "/srv/a b" wl,');
  });
});
