import type { ImportBundle } from './workload';

/**
 * Gives compose services that build their image the user of the Dockerfile they build: the final
 * stage's USER is what the container runs as unless `user:` overrides it. The config's own `user`
 * always wins, so nothing is replaced, only filled in.
 */
export function linkDockerfiles(bundle: ImportBundle): void {
  if (bundle.dockerfiles.length === 0) return;
  const byPath = new Map(bundle.dockerfiles.map((d) => [d.path, d]));
  for (const workload of bundle.workloads) {
    if (workload.kind === 'dockerfile') continue;
    for (const container of workload.containers) {
      const path = container.dockerfile?.value;
      if (!path || container.user) continue;
      const info = byPath.get(path);
      if (info?.finalUser) container.user = info.finalUser;
    }
  }
}
