import type { Fact, SourceRef } from '../source/source-ref';
import type { Container, DockerfileInfo, UserSpec, Workload } from '../import/workload';
import { imageDefaultUser } from '../images/image-default-user';
import { builtImage } from '../import/link-dockerfiles';

export type UserVerdict =
  | { runsAsRoot: true; explicit: boolean; source: SourceRef; reason: string }
  | { runsAsRoot: false; reason: string };

/** Decides whether a container's process runs as uid 0, from the config first, then the image.
 * Kubernetes `runAsNonRoot: true` makes the kubelet refuse uid 0, but an explicit `runAsUser: 0`
 * still asks for root (PSA `runasuser0`). */
export function userVerdict(
  workload: Workload,
  container: Container,
  dockerfile?: DockerfileInfo,
): UserVerdict {
  const user = container.user;
  if (user) return verdictFromSpec(user, container);
  if (workload.kind === 'dockerfile') return dockerfileVerdict(container, dockerfile);
  if (workload.kind === 'container' && workload.platform === 'docker') {
    // `docker inspect` shows the image's USER merged in: empty means uid 0.
    return {
      runsAsRoot: true,
      explicit: true,
      source: container.at,
      reason: 'Config.User is empty, so the process runs as uid 0',
    };
  }
  // A container built from an analysed Dockerfile without USER runs as the user of its base image.
  const builtFrom = dockerfile && builtImage(dockerfile, container.buildTarget?.value)?.base.value;
  const image = builtFrom ?? container.image?.value;
  const known = image ? imageDefaultUser(image) : undefined;
  if (known && known.uid !== 0) return { runsAsRoot: false, reason: known.why };
  // Built from an analysed Dockerfile whose base image is not known: the user is unknown, not root.
  if (builtFrom && !known) {
    return {
      runsAsRoot: false,
      reason: `the image built from ${dockerfile!.path} sets no USER and its base image is not known`,
    };
  }
  if (builtFrom && known)
    return {
      runsAsRoot: true,
      explicit: false,
      source: container.at,
      reason: `the image built from ${dockerfile!.path}${container.buildTarget ? ` (stage ${container.buildTarget.value})` : ''} sets no USER and ${known.why}`,
    };
  const why = known ? known.why : 'root unless the image sets a USER';
  const setting = workload.platform === 'kubernetes' ? 'runAsUser/runAsNonRoot' : 'user';
  return {
    runsAsRoot: true,
    explicit: false,
    source: container.at,
    reason: `no ${setting} is set, so the image's default user applies (${why})`,
  };
}

function verdictFromSpec(user: Fact<UserSpec>, container: Container): UserVerdict {
  const spec = user.value;
  const where = spec.origin === 'image' ? "the image's USER" : 'the config';
  if (spec.uid === 0 || spec.name === 'root') {
    return { runsAsRoot: true, explicit: true, source: user.at, reason: `${where} sets uid 0 (root)` };
  }
  if (spec.uid !== undefined || spec.name !== undefined)
    return { runsAsRoot: false, reason: `${where} sets a non-root user` };
  if (spec.nonRootEnforced)
    return { runsAsRoot: false, reason: 'runAsNonRoot: true makes the kubelet refuse uid 0' };
  return { runsAsRoot: true, explicit: false, source: container.at, reason: 'no user is set' };
}

function dockerfileVerdict(container: Container, dockerfile?: DockerfileInfo): UserVerdict {
  const base = dockerfile?.finalBase?.value ?? container.image?.value;
  const known = base ? imageDefaultUser(base) : undefined;
  if (!known)
    return {
      runsAsRoot: false,
      reason: 'no USER is set and the base image is not known, so the user is unknown',
    };
  if (known.uid !== 0) return { runsAsRoot: false, reason: known.why };
  return {
    runsAsRoot: true,
    explicit: false,
    source: dockerfile?.finalBase?.at ?? container.at,
    reason: `no USER is set in the final stage and ${known.why}`,
  };
}
