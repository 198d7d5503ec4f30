import { DOCKER_DEFAULT_ALLOWED, DOCKER_DEFAULT_PROFILE } from './docker-default-syscalls';
import { SYSCALL_TABLES, type SeccompArch } from './syscall-tables';

/** How a generated whitelist compares with Docker's default profile on one architecture. */
export interface ArchComparison {
  arch: SeccompArch;
  /** Syscalls the generated profile allows on this architecture. */
  allowed: number;
  /** Syscalls of this architecture Docker's default profile allows unconditionally. */
  defaultAllowed: number;
  /** Allowed here although the default profile does not allow them unconditionally. */
  beyondDefault: string[];
}

export interface DefaultComparison {
  /** Which version of the default profile the numbers refer to. */
  reference: string;
  arches: ArchComparison[];
}

const DEFAULT_SET: ReadonlySet<string> = new Set(DOCKER_DEFAULT_ALLOWED);

/** Counts per architecture: a percentage over the default's mixed-architecture list would mislead
 * (reference/container-checks.md §4.1), so only names that exist on the architecture count. */
export function compareWithDefault(
  allowedByArch: ReadonlyMap<SeccompArch, readonly string[]>,
): DefaultComparison {
  const arches: ArchComparison[] = [];
  for (const [arch, allowed] of allowedByArch) {
    const table = SYSCALL_TABLES[arch];
    arches.push({
      arch,
      allowed: allowed.length,
      defaultAllowed: table.filter((name) => DEFAULT_SET.has(name)).length,
      beyondDefault: allowed.filter((name) => !DEFAULT_SET.has(name)),
    });
  }
  return { reference: DOCKER_DEFAULT_PROFILE, arches };
}

/** One line per architecture, for the CLI summary. */
export function describeComparison(comparison: DefaultComparison): string[] {
  const lines = comparison.arches.map((c) => {
    const fewer = c.defaultAllowed - (c.allowed - c.beyondDefault.length);
    const beyond = c.beyondDefault.length
      ? `; ${c.beyondDefault.length} not allowed unconditionally by the default: ${c.beyondDefault.join(', ')}`
      : '';
    return `${c.arch}: allows ${c.allowed} syscalls, the runtime default ${c.defaultAllowed} (${fewer} of those denied here)${beyond}`;
  });
  return [...lines, `runtime default: ${comparison.reference}`];
}
