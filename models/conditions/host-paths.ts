/** Host paths whose exposure gives the host away (DESIGN §4 `sensitive-host-mount`; CIS Docker 5.6;
 * KubeHound's host-write and host-read edges). A mount of the path, anything below it, or a folder
 * that holds it (`/var/lib` holds the kubelet's and Docker's state) counts. */
const SENSITIVE_ROOTS = [
  '/etc',
  '/root',
  '/proc',
  '/sys',
  '/boot',
  '/dev',
  '/lib',
  '/lib64',
  '/usr',
  '/bin',
  '/sbin',
  '/home',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/var/lib/cri-o',
  '/var/log',
  '/var/run',
  '/run',
  '/etc/kubernetes',
];

/** Host files that hold no secret and that services commonly read to match the host (time zone,
 * OS release, user names for display). Read-only, they are an ordinary host mount; written, they
 * still change the host. */
const HARMLESS_READ_ONLY_FILES = new Set([
  '/etc/localtime',
  '/etc/timezone',
  '/etc/os-release',
  '/etc/lsb-release',
  '/etc/hostname',
  '/etc/machine-id',
  '/etc/passwd',
  '/etc/group',
  '/etc/resolv.conf',
  '/etc/hosts',
]);

/** Sockets of container runtimes (attack-trees.md R04); the directories that hold them expose them too. */
const RUNTIME_SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/crio/crio.sock',
  '/var/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
  '/run/podman/podman.sock',
  '/var/run/podman/podman.sock',
  '/run/k3s/containerd/containerd.sock',
];
const SOCKET_DIRECTORIES = [
  '/',
  '/var',
  '/run',
  '/var/run',
  '/run/containerd',
  '/var/run/containerd',
  '/run/crio',
  '/var/run/crio',
];

/** Normalizes a host path for comparison: `~` is a home directory, trailing slashes and `.` go. */
export function normalizeHostPath(path: string): string {
  let p = path.trim();
  if (p.startsWith('~')) p = `/home/user${p.slice(1)}`;
  p = p.replace(/\/+/g, '/');
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

export function isAbsoluteHostPath(path: string): boolean {
  const p = path.trim();
  return p.startsWith('/') || p.startsWith('~') || /^[A-Za-z]:[\\/]/.test(p);
}

export function isSensitiveHostPath(path: string): boolean {
  const p = normalizeHostPath(path);
  if (p === '/') return true;
  if (p.startsWith('/home/')) return isSensitiveInHome(p);
  return SENSITIVE_ROOTS.some((root) => p === root || p.startsWith(`${root}/`) || root.startsWith(`${p}/`));
}

/** What gives a user's account away lives in the home folder itself and its dot-folders and
 * dot-files (`.ssh/authorized_keys`, `.bashrc`, `.kube/config`, `.config/systemd/user`); a data
 * folder kept in a home (`~/minecraft_data`) holds none of that. */
function isSensitiveInHome(p: string): boolean {
  const [, , user, entry] = p.split('/');
  return user === undefined || entry === undefined || entry.startsWith('.');
}

/** A sensitive path that is harmless to read: a read-only mount of it exposes nothing secret. */
export function isHarmlessToRead(path: string): boolean {
  const p = normalizeHostPath(path);
  return HARMLESS_READ_ONLY_FILES.has(p) || p.startsWith('/usr/share/zoneinfo');
}

/** The runtime socket a mount exposes: the socket itself, or a directory that contains one. */
export function runtimeSocketExposed(path: string): { path: string; viaDirectory: boolean } | undefined {
  const p = normalizeHostPath(path);
  if (RUNTIME_SOCKETS.includes(p) || /\/(docker|containerd|crio|cri-dockerd|podman)\.sock$/.test(p)) {
    return { path: p, viaDirectory: false };
  }
  if (SOCKET_DIRECTORIES.includes(p)) return { path: p, viaDirectory: true };
  return undefined;
}
