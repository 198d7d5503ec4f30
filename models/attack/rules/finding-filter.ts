import type { Finding } from '../../conditions/finding';

/**
 * Narrows a condition to the findings whose structured `data` matter for one attack step: which
 * capability, which host path, whether the mount is writable, which port. Every field that is set
 * must match.
 */
export interface FindingFilter {
  /** A capability (`SYS_ADMIN`, with or without `CAP_`) among `data.capabilities`; `ALL` there matches any. */
  capability?: string;
  /** The mount's host path is one of these paths or lies below one of them. */
  hostPathUnder?: string[];
  /** The mount exposes one of these paths: its host path is that path or one of its parents
   * (a mount of `/var` exposes `/var/log`). */
  hostPathCovers?: string[];
  /** The mount (or root filesystem) is writable (`true`) or read-only (`false`). A finding that does
   * not say counts as writable, the runtime's default for bind mounts. */
  writable?: boolean;
  /** A port among `data.ports`. */
  port?: number;
}

/** `cap_sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` all name one capability: `SYS_ADMIN`. */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

function normalizePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** `path` is `ancestor` or lies below it. */
function isWithin(path: string, ancestor: string): boolean {
  const p = normalizePath(path);
  const a = normalizePath(ancestor);
  return p === a || a === '/' || p.startsWith(`${a}/`);
}

/** Whether a finding satisfies every field the filter sets. */
export function findingMatches(finding: Finding, filter: FindingFilter | undefined): boolean {
  if (!filter) return true;
  const data = finding.data;
  if (filter.capability !== undefined) {
    const wanted = normalizeCapability(filter.capability);
    const held = (data.capabilities ?? []).map(normalizeCapability);
    if (!held.includes(wanted) && !held.includes('ALL')) return false;
  }
  if (filter.hostPathUnder !== undefined) {
    const hostPath = data.hostPath;
    if (hostPath === undefined || !filter.hostPathUnder.some((root) => isWithin(hostPath, root)))
      return false;
  }
  if (filter.hostPathCovers !== undefined) {
    const hostPath = data.hostPath;
    if (hostPath === undefined || !filter.hostPathCovers.some((target) => isWithin(target, hostPath)))
      return false;
  }
  if (filter.writable !== undefined && (data.writable ?? true) !== filter.writable) return false;
  if (filter.port !== undefined && !(data.ports ?? []).includes(filter.port)) return false;
  return true;
}
