import type { Container, Mount, Workload } from '../../import/workload';
import type { FindingCollector } from '../finding-collector';
import {
  isAbsoluteHostPath,
  isHarmlessToRead,
  isSensitiveHostPath,
  normalizeHostPath,
  runtimeSocketExposed,
} from '../host-paths';

/** Sysctls that Kubernetes Pod Security baseline allows (v1.35: the 1.0 set plus those added in
 * 1.27, 1.29 and 1.32; reference/container-checks.md §1.1). Everything else is unsafe. */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/** Host namespaces, host mounts, devices and sysctls. */
export function checkHostAccess(w: Workload, out: FindingCollector): void {
  if (w.kind === 'dockerfile') return;
  checkNamespaces(w, out);
  for (const c of w.containers) {
    checkMounts(w, c, out);
    checkDevices(w, c, out);
  }
  checkSysctls(w, out);
}

function checkNamespaces(w: Workload, out: FindingCollector): void {
  const { pid, ipc, network } = w.host;
  if (pid?.value === 'host') {
    out.add('host-pid', w, undefined, {
      message: `${w.name} shares the host's PID namespace: it sees and can signal every host process`,
      source: pid.at,
    });
  }
  if (ipc?.value === 'host') {
    out.add('host-ipc', w, undefined, {
      message: `${w.name} shares the host's IPC namespace: host shared memory and message queues are reachable`,
      source: ipc.at,
    });
  }
  if (network?.value === 'host') {
    out.add('host-network', w, undefined, {
      message: `${w.name} shares the host's network namespace: it can sniff host traffic and reach services bound to localhost`,
      source: network.at,
    });
  }
}

function checkMounts(w: Workload, c: Container, out: FindingCollector): void {
  for (const m of c.mounts) {
    if (m.kind !== 'bind' || m.hostPath === undefined || m.hostPath === '') continue;
    const socket = isAbsoluteHostPath(m.hostPath) ? runtimeSocketExposed(m.hostPath) : undefined;
    if (socket) {
      out.add('runtime-socket-mount', w, c, {
        message: `${c.name} mounts ${describeSocketMount(socket, m.readOnly)}: anyone in the container can start a privileged container on the host`,
        source: m.at,
        data: { hostPath: normalizeHostPath(m.hostPath), writable: !m.readOnly },
      });
      if (!isSensitiveHostPath(m.hostPath) || /\.sock$/.test(m.hostPath)) continue;
    }
    reportHostPath(w, c, m, out);
  }
}

/** The socket itself, or the host folder that holds it; read-only changes nothing for a socket. */
function describeSocketMount(socket: { path: string; viaDirectory: boolean }, readOnly: boolean): string {
  if (!socket.viaDirectory)
    return `the container runtime socket ${socket.path}${readOnly ? ' read-only, which still gives full control of the runtime API' : ''}`;
  return `the host's ${socket.path}${readOnly ? ' read-only' : ''}, which holds the container runtime socket${readOnly ? ' and still gives full control of its API' : ''}`;
}

function reportHostPath(w: Workload, c: Container, m: Mount, out: FindingCollector): void {
  const hostPath = m.hostPath!;
  const absolute = isAbsoluteHostPath(hostPath);
  const path = absolute ? normalizeHostPath(hostPath) : hostPath;
  const into = m.target ? ` at ${m.target}` : '';
  const data = { hostPath: path, writable: !m.readOnly };
  if (absolute && isSensitiveHostPath(hostPath) && !(m.readOnly && isHarmlessToRead(hostPath))) {
    out.add('sensitive-host-mount', w, c, {
      message: `${c.name} mounts the host's ${path}${into} ${m.readOnly ? 'read-only: host secrets and keys can be read' : 'writable: the host can be modified (cron, SSH keys, units)'}`,
      source: m.at,
      severity: m.readOnly ? 'high' : 'critical',
      data,
    });
    return;
  }
  out.add('host-path-mount', w, c, {
    message: `${c.name} mounts the host path ${path}${into}${m.readOnly ? ' read-only' : ' writable'}`,
    source: m.at,
    data,
  });
}

function checkDevices(w: Workload, c: Container, out: FindingCollector): void {
  if (c.devices.length === 0 || c.privileged?.value) return;
  out.add('host-devices', w, c, {
    message: `${c.name} maps host devices: ${c.devices.map((d) => d.value).join(', ')}`,
    source: c.devices[0]!.at,
    evidence: c.devices.slice(1).map((d) => d.at),
  });
}

function checkSysctls(w: Workload, out: FindingCollector): void {
  const unsafe = w.sysctls.filter((s) => !SAFE_SYSCTLS.has(s.name));
  if (unsafe.length === 0) return;
  out.add('unsafe-sysctls', w, undefined, {
    message: `${w.name} sets sysctls outside the Pod Security safe set: ${unsafe.map((s) => s.name).join(', ')}`,
    source: unsafe[0]!.at,
    evidence: unsafe.slice(1).map((s) => s.at),
    data: { names: unsafe.map((s) => s.name) },
  });
}
