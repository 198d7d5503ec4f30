import type { Container, DockerfileInfo, Workload } from '../../import/workload';
import type { ConditionContext } from '../condition-context';
import type { FindingCollector } from '../finding-collector';
import { classifyBaseImage } from '../../images/base-image-class';
import { parseImageReference } from '../../images/image-reference';

/** Image pinning (R26) for running workloads and every FROM of a Dockerfile, plus the Dockerfile smells. */
export function checkImages(w: Workload, ctx: ConditionContext, out: FindingCollector): void {
  if (w.kind === 'dockerfile') {
    const info = ctx.dockerfilesByPath.get(w.at.file);
    if (info) checkDockerfile(w, info, out);
    return;
  }
  for (const c of w.containers) checkRunningImage(w, c, out);
}

function checkRunningImage(w: Workload, c: Container, out: FindingCollector): void {
  // A service built from a Dockerfile runs the local build; its Dockerfile's FROM is checked instead.
  if (!c.image || c.dockerfile) return;
  reportMutable(w, c, c.image.value, c.image.at, out);
}

function reportMutable(
  w: Workload,
  c: Container | undefined,
  image: string,
  at: Container['at'],
  out: FindingCollector,
): void {
  if (image.includes('$') || image === '' || image === 'scratch') return;
  const ref = parseImageReference(image);
  if (ref.digest) return;
  const floating = ref.tag === undefined || ref.tag === 'latest';
  out.add('mutable-image', w, c, {
    message: floating
      ? `${image} is ${ref.tag ? 'the floating tag latest' : 'untagged (latest)'}: whatever is pushed next runs here`
      : `${image} is pinned by tag only: a tag can be moved to other content; pin the digest`,
    source: at,
    severity: floating ? 'medium' : 'low',
    data: { image },
  });
}

function checkDockerfile(w: Workload, info: DockerfileInfo, out: FindingCollector): void {
  const stageNames = new Set(info.stages.map((s) => s.name?.toLowerCase()).filter((n): n is string => !!n));
  const main = w.containers[0];
  for (const stage of info.stages) {
    const base = stage.baseImage.value;
    if (stageNames.has(base.toLowerCase())) continue;
    reportMutable(w, main, base, stage.baseImage.at, out);
  }
  const finalBase = info.finalBase;
  if (finalBase && classifyBaseImage(finalBase.value) === 'full-os') {
    out.add('full-os-base-image', w, main, {
      message: `the final image builds on ${finalBase.value}, a full distribution with a shell and package manager; a slim, distroless or scratch base leaves an intruder fewer tools`,
      source: finalBase.at,
      data: { image: finalBase.value },
    });
  }
  for (const add of info.remoteAdds) {
    out.add('dockerfile-remote-add', w, main, {
      message: `ADD fetches ${add.value} at build time without a checksum; use curl with verification or ADD --checksum`,
      source: add.at,
    });
  }
  for (const run of info.pipeToShell) {
    out.add('dockerfile-pipe-to-shell', w, main, {
      message: `a download is piped straight into a shell: ${truncate(run.value)}`,
      source: run.at,
    });
  }
  for (const dir of info.workdirs) {
    if (!/^\/proc\/(self|\d+|thread-self)\/fd(\/|$)/.test(dir.value)) continue;
    out.add('dockerfile-workdir-proc-fd', w, main, {
      message: `WORKDIR ${dir.value} leaks a host file descriptor into the container on runc ≤ 1.1.11 (CVE-2024-21626)`,
      source: dir.at,
    });
  }
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 120 ? `${oneLine.slice(0, 120)}…` : oneLine;
}
