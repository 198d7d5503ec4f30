import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../../../../models/source/diagnostic';
import type { Fact, SourceRef } from '../../../../models/source/source-ref';
import type { ImportContext } from '../../../../models/import/import-file';
import type {
  Confinement,
  EnvVar,
  Mount,
  NetworkDef,
  PortBinding,
  UserSpec,
  Workload,
} from '../../../../models/import/workload';

/**
 * Compact, readable projections of importer output for golden tests: every fact becomes
 * `"<value> @<file>:<line>"`, so an expected.json states both the value and its evidence.
 */

export function refText(at: SourceRef): string {
  return `${at.file}:${at.line}`;
}

function factText<T>(value: Fact<T> | undefined, show: (v: T) => string = String): string | undefined {
  return value && `${show(value.value)} @${refText(value.at)}`;
}

function userText(user: UserSpec): string {
  const parts: string[] = [];
  if (user.uid !== undefined) parts.push(`uid=${user.uid}`);
  if (user.gid !== undefined) parts.push(`gid=${user.gid}`);
  if (user.name !== undefined) parts.push(`name=${user.name}`);
  return parts.join(',');
}

function confinementText(value: Confinement): string {
  return value.profile === undefined ? value.mode : `${value.mode}:${value.profile}`;
}

/** `bind ./data -> /data ro @compose.yaml:7` */
export function mountText(m: Mount): string {
  const source = m.hostPath ?? m.name;
  const flags = [m.readOnly ? 'ro' : 'rw', m.propagation].filter(Boolean).join(',');
  return `${m.kind}${source === undefined ? '' : ` ${source}`} -> ${m.target} ${flags} @${refText(m.at)}`;
}

/** `127.0.0.1:8080->80/tcp local @compose.yaml:5` (published | local | internal) */
export function portText(p: PortBinding): string {
  const host = p.hostIp === undefined ? '' : p.hostIp.includes(':') ? `[${p.hostIp}]:` : `${p.hostIp}:`;
  const hostPort = p.hostPort === undefined ? '*' : String(p.hostPort);
  const exposure = p.published
    ? 'published'
    : p.hostPort !== undefined || p.hostIp !== undefined
      ? 'local'
      : 'internal';
  return `${host}${hostPort}->${p.containerPort}/${p.protocol} ${exposure} @${refText(p.at)}`;
}

/** `NAME=value (literal) @compose.yaml:9`; passthrough has no `=`. */
export function envText(e: EnvVar): string {
  return `${e.name}${e.value === undefined ? '' : `=${e.value}`} (${e.from}) @${refText(e.at)}`;
}

export function viewWorkload(w: Workload) {
  const c = w.containers[0]!;
  return {
    id: w.id,
    name: w.name,
    kind: w.kind,
    platform: w.platform,
    namespace: w.namespace,
    at: refText(w.at),
    container: c.name,
    containers: w.containers.length,
    image: factText(c.image),
    privileged: factText(c.privileged),
    readOnly: factText(c.readOnlyRootFilesystem),
    user: factText(c.user, userText),
    noNewPrivileges: factText(c.noNewPrivileges),
    seccomp: factText(c.seccomp, confinementText),
    apparmor: factText(c.apparmor, confinementText),
    selinux: factText(c.selinux, confinementText),
    procMount: factText(c.procMount),
    capAdd: c.capAdd.map((f) => factText(f)),
    capDrop: c.capDrop.map((f) => factText(f)),
    capDropAllExact: c.capDropAllExact,
    mounts: c.mounts.map(mountText),
    devices: c.devices.map((f) => factText(f)),
    ports: c.ports.map(portText),
    env: c.env.map(envText),
    envFiles: c.envFiles.map((f) => factText(f)),
    memoryLimit: factText(c.resources.memoryLimit),
    cpuLimit: factText(c.resources.cpuLimit),
    pidsLimit: factText(c.resources.pidsLimit),
    memoryRequest: factText(c.resources.memoryRequest),
    cpuRequest: factText(c.resources.cpuRequest),
    healthcheck: factText(c.healthcheck),
    dockerfile: factText(c.dockerfile),
    pid: factText(w.host.pid),
    ipc: factText(w.host.ipc),
    uts: factText(w.host.uts),
    network: factText(w.host.network),
    userns: factText(w.host.userns),
    sysctls: w.sysctls.map((s) => `${s.name}=${s.value} @${refText(s.at)}`),
    networks: w.networks.map((f) => factText(f)),
    sharesNamespacesWith: w.sharesNamespacesWith.map((f) => factText(f)),
    dependsOn: w.dependsOn.map((f) => factText(f)),
    secrets: w.secrets.map((f) => factText(f)),
    aliases: w.aliases?.map((f) => factText(f)),
    replicas: w.replicas,
    profiles: w.profiles,
    labels: w.labels,
    annotations: w.annotations,
  };
}

export function viewNetwork(n: NetworkDef) {
  return {
    id: n.id,
    project: n.project,
    internal: n.internal,
    external: n.external,
    encrypted: n.encrypted,
    driver: n.driver,
    at: refText(n.at),
  };
}

/** `CODE file:line:column` */
export function diagnosticText(d: Diagnostic): string {
  return `${d.code} ${d.file}:${d.line}:${d.column}`;
}

/**
 * `actual` cut down to the keys `expected` names, with undefined shown as "<unset>", so that
 * `toEqual(expected)` asserts exactly the stated fields and prints a readable diff.
 */
export function project(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return actual === undefined ? '<unset>' : actual;
    return actual.map((item, i) => (i < expected.length ? project(item, expected[i]) : item));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return actual === undefined ? '<unset>' : actual;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) {
      out[key] = project(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
      );
    }
    return out;
  }
  return actual === undefined ? '<unset>' : actual;
}

/** An import context over a folder: paths relative to it, nothing outside it. */
export function folderContext(root: string): ImportContext & { files: Map<string, string> } {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(root, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return { files, read: (path) => files.get(path) };
}

/** An import context over in-memory files. */
export function memoryContext(files: Record<string, string>): ImportContext {
  return { read: (path) => (Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined) };
}
