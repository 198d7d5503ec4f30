import { SYSCALL_TABLES, type SeccompArch } from './syscall-tables';

/** How one architecture is spelled in a Docker seccomp profile. */
export interface ArchSpelling {
  /** `archMap[].architecture`. */
  scmp: string;
  /** `archMap[].subArchitectures`: the compatibility ABIs the same kernel runs (as Docker's
   * default.json lists them). */
  sub: readonly string[];
  /** The name Docker matches `includes.arches` against: libseccomp's name of the daemon's native
   * architecture (`amd64`, `arm64` …), not the SCMP constant. */
  docker: string;
}

export const ARCH_SPELLINGS: Record<SeccompArch, ArchSpelling> = {
  x86_64: { scmp: 'SCMP_ARCH_X86_64', sub: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'], docker: 'amd64' },
  aarch64: { scmp: 'SCMP_ARCH_AARCH64', sub: ['SCMP_ARCH_ARM'], docker: 'arm64' },
  x86: { scmp: 'SCMP_ARCH_X86', sub: [], docker: 'x86' },
  arm: { scmp: 'SCMP_ARCH_ARM', sub: [], docker: 'arm' },
  ppc64le: { scmp: 'SCMP_ARCH_PPC64LE', sub: [], docker: 'ppc64le' },
  s390x: { scmp: 'SCMP_ARCH_S390X', sub: ['SCMP_ARCH_S390'], docker: 's390x' },
  riscv64: { scmp: 'SCMP_ARCH_RISCV64', sub: [], docker: 'riscv64' },
};

/** Docker's defaults: the two architectures almost every container host runs. */
export const DEFAULT_ARCHES: readonly SeccompArch[] = ['x86_64', 'aarch64'];

/** Other common spellings (Go's GOARCH, uname -m) of the architectures. */
const ALIASES: Record<string, SeccompArch> = {
  amd64: 'x86_64',
  'x86-64': 'x86_64',
  arm64: 'aarch64',
  i386: 'x86',
  i686: 'x86',
  '386': 'x86',
  armhf: 'arm',
  armv7l: 'arm',
  ppc64el: 'ppc64le',
};

export function knownArches(): SeccompArch[] {
  return Object.keys(SYSCALL_TABLES) as SeccompArch[];
}

/** Reads `x86_64,aarch64` (any known spelling); lists what was not understood. */
export function parseArchList(text: string): { arches: SeccompArch[]; unknown: string[] } {
  const arches: SeccompArch[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(',')) {
    const name = raw.trim().toLowerCase();
    if (!name) continue;
    const arch = name in SYSCALL_TABLES ? (name as SeccompArch) : ALIASES[name];
    if (!arch) unknown.push(raw.trim());
    else if (!arches.includes(arch)) arches.push(arch);
  }
  return { arches, unknown };
}
