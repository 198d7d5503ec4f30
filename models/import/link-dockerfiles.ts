import type { Fact } from '../source/source-ref';
import type { DockerfileInfo, ImportBundle, UserSpec } from './workload';

/** What an image built from a Dockerfile starts from and runs as. */
export interface BuiltImage {
  base: Fact<string>;
  user?: Fact<UserSpec>;
}

/**
 * The stage an image is built to: the one a build `target` names (as `docker build --target`
 * matches it, in any case), or the final stage. Undefined when the target names no stage, which
 * the build itself refuses.
 */
export function builtImage(info: DockerfileInfo, target: string | undefined): BuiltImage | undefined {
  if (target === undefined) {
    if (!info.finalBase) return undefined;
    return info.finalUser ? { base: info.finalBase, user: info.finalUser } : { base: info.finalBase };
  }
  const wanted = target.toLowerCase();
  const stage = info.stages.find((s) => s.name?.toLowerCase() === wanted);
  if (!stage) return undefined;
  return stage.user ? { base: stage.resolvedBase, user: stage.user } : { base: stage.resolvedBase };
}

/**
 * Gives compose services that build their image the user of the Dockerfile stage they build (the
 * final one, or their `build.target`): its USER is what the container runs as unless `user:`
 * overrides it. The config's own `user` always wins, so nothing is replaced, only filled in.
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
      const built = info && builtImage(info, container.buildTarget?.value);
      if (built?.user) container.user = built.user;
    }
  }
}
