import type { AnalysisResult } from '../../analysis/analyze';
import type { ConditionId } from '../../conditions/condition-ids';
import { generateHardenedConfigs, HARDEN_PATHS } from '../harden';
import type { SpecAppendix } from './build-specification';

export interface AppendixOptions {
  /** The tool named in the generated files. */
  tool?: { name: string; version: string };
}

const SECCOMP_GAPS: ReadonlySet<ConditionId> = new Set(['seccomp-unconfined', 'generic-seccomp-profile']);
const APPARMOR_GAPS: ReadonlySet<ConditionId> = new Set(['mac-disabled', 'generic-mac-profile']);

/**
 * The enforcement artefacts of an analysed system, as appendices of its specification: the hardened
 * compose overrides, the Kubernetes strategic-merge patches and their kustomization (exactly the
 * files `rampart harden` writes), and, for workloads without an application-specific seccomp or
 * AppArmor profile, how to generate one with `rampart profile` from the system calls and accesses
 * the service really makes (no profile is guessed here). Deterministic.
 */
export function specificationAppendices(
  analysis: AnalysisResult,
  options: AppendixOptions = {},
): SpecAppendix[] {
  const hardened = generateHardenedConfigs(analysis, options.tool ? { tool: options.tool } : {});
  const appendices: SpecAppendix[] = hardened.files
    .filter((file) => file.path !== HARDEN_PATHS.summary)
    .map((file) => ({
      title: `${hardenedTitle(file.path)} (${file.path})`,
      language: 'yaml',
      text: file.text,
    }));
  const profiles = profileAppendix(analysis);
  if (profiles) appendices.push(profiles);
  return appendices;
}

function hardenedTitle(path: string): string {
  if (path === HARDEN_PATHS.kustomization) return 'Kustomization applying the hardening patches';
  if (path.startsWith('compose/')) return 'Hardened compose override';
  return 'Kubernetes hardening patch';
}

/** Which workloads need their own seccomp or AppArmor profile, and the steps that produce one. */
function profileAppendix(analysis: AnalysisResult): SpecAppendix | undefined {
  const names = new Map(analysis.bundle.workloads.map((w) => [w.id, w.name]));
  const seccomp = new Set<string>();
  const apparmor = new Set<string>();
  for (const f of analysis.findings) {
    const name = names.get(f.workload);
    if (name === undefined) continue;
    if (SECCOMP_GAPS.has(f.condition)) seccomp.add(name);
    if (APPARMOR_GAPS.has(f.condition)) apparmor.add(name);
  }
  if (seccomp.size === 0 && apparmor.size === 0) return undefined;
  const list = (set: Set<string>) => [...set].sort().join(', ');
  const lines: string[] = [
    'The analysis found workloads that run without a profile written for them. A profile must list',
    'what the service really does, so it is generated from observations of the service, never',
    'guessed. The steps below use `rampart profile`; review each generated profile before use.',
    '',
  ];
  if (seccomp.size > 0)
    lines.push(
      `Without a service-specific seccomp profile (${seccomp.size}): ${list(seccomp)}`,
      '',
      '1. Record the system calls of the service while its tests exercise every feature, for',
      '   example with strace -f (or strace -ff -o trace to get one file per process).',
      '2. Generate the profile (everything not listed fails with EPERM):',
      '     rampart profile seccomp --strace trace.txt --arch x86_64,aarch64 --out <service>.seccomp.json',
      '   or, from a reviewed list of syscall names, one per line:',
      '     rampart profile seccomp --syscalls syscalls.txt --out <service>.seccomp.json',
      '3. Apply it: compose security_opt "seccomp=<service>.seccomp.json"; Kubernetes',
      '   securityContext.seccompProfile with type Localhost and the profile path on the node.',
      '',
    );
  if (apparmor.size > 0)
    lines.push(
      `Without a service-specific AppArmor profile (${apparmor.size}): ${list(apparmor)}`,
      '',
      '1. Write a bane policy (TOML: Name, [Filesystem], [Capabilities], [Network]) with the paths,',
      '   capabilities and network access the service needs.',
      '2. Generate the profile (called docker-<Name>):',
      '     rampart profile apparmor <service>.toml --out docker-<service>',
      '3. Load it on every host (apparmor_parser) and apply it: compose security_opt',
      '   "apparmor=docker-<service>"; Kubernetes securityContext.appArmorProfile with type',
      '   Localhost and the profile name.',
      '',
    );
  return {
    title: 'Generating seccomp and AppArmor profiles',
    language: 'text',
    text: `${lines.join('\n').trimEnd()}\n`,
  };
}
