import { compareDiagnostics, diagnosticAt, type Diagnostic } from '../../source/diagnostic';
import { INPUT_LIMITS } from '../../source/limits';
import { fact, type Fact } from '../../source/source-ref';
import { SourceText } from '../../source/source-text';
import { basename, dirname, type ImportFile, type ImportOutput } from '../import-file';
import {
  emptyBundle,
  type Container,
  type DockerfileInfo,
  type EnvVar,
  type PortBinding,
  type UserSpec,
  type Workload,
} from '../workload';
import { DOCKERFILE_DIAGNOSTICS as D } from './diagnostics';
import { interpretDockerfile, type InterpretedDockerfile, type Stage } from './interpret-dockerfile';
import { lexDockerfile } from './lex-dockerfile';

/**
 * Imports a Dockerfile as one `DockerfileInfo` and one `Workload` (kind `dockerfile`, platform
 * `image`) whose `main` container describes the image the final stage builds.
 *
 * What belongs to the image follows the final stage and the stages it builds on (`FROM <stage>`):
 * its USER, ENV, ARG, EXPOSE, LABEL and HEALTHCHECK. What belongs to the build is taken from every
 * stage, since an intermediate stage runs on the build host too: remote ADDs, downloads piped to a
 * shell, WORKDIR values and secret mounts. `DockerfileInfo.env` holds every ENV and ARG of the file
 * (a literal secret anywhere in it is in the repository); the container's `env` holds those of the
 * final chain, which the image records in its history, overridden values included.
 *
 * The user is the last USER along the final chain. Without one, the image runs as its base
 * image's default user: root (uid 0) for `FROM scratch`, unknown for any other base
 * (`userInheritedFromUnknownBase`), which is not assumed to be root.
 */
export function importDockerfile(file: ImportFile): ImportOutput {
  const bundle = emptyBundle();
  bundle.inputs.push({ file: file.path, kind: 'dockerfile' });
  const diagnostics: Diagnostic[] = [];
  const source = new SourceText(file.path, file.text);
  const start = { file: file.path, line: 1, column: 1 };
  if (file.text.length > INPUT_LIMITS.maxFileChars) {
    const message = `the file has ${file.text.length} characters, more than the limit of ${INPUT_LIMITS.maxFileChars}`;
    diagnostics.push(diagnosticAt(D.DOCKERFILE_TOO_LARGE, message, start));
    return { bundle, diagnostics };
  }
  if (file.text.includes('\u0000')) {
    const message = 'the file holds NUL bytes: expected a text Dockerfile';
    diagnostics.push(diagnosticAt(D.DOCKERFILE_BINARY, message, start));
    return { bundle, diagnostics };
  }
  const lexed = lexDockerfile(source, diagnostics);
  const first = lexed.instructions[0];
  if (!first) {
    diagnostics.push(
      diagnosticAt(D.DOCKERFILE_EMPTY, 'the file holds no instructions: expected FROM …', start),
    );
    return { bundle, diagnostics: diagnostics.sort(compareDiagnostics) };
  }
  const interpreted = interpretDockerfile(lexed, source, diagnostics);
  const info = dockerfileInfo(file.path, interpreted);
  if (!info) {
    const where = { file: file.path, line: first.line, column: first.column };
    diagnostics.push(
      diagnosticAt(
        D.DOCKERFILE_NO_FROM,
        'the file has no FROM instruction: expected FROM <image>',
        where,
        source,
      ),
    );
  } else {
    bundle.dockerfiles.push(info.info);
    bundle.workloads.push(imageWorkload(file.path, info.info, info.chain));
  }
  return { bundle, diagnostics: diagnostics.sort(compareDiagnostics) };
}

/** A stage and the stages it builds on, base first. */
function stageChain(last: Stage | undefined): Stage[] {
  const chain: Stage[] = [];
  for (let stage = last; stage; stage = stage.parent) chain.push(stage);
  return chain.reverse();
}

/** The user a chain of stages leaves the image with: its last USER, uid 0 on scratch. */
function chainUser(chain: Stage[]): Fact<UserSpec> | undefined {
  const user = lastDefined(chain, (s) => s.user);
  const root = chain[0];
  if (user || !root?.rootIsScratch) return user;
  const scratchUser: UserSpec = { uid: 0, origin: 'image' };
  return fact(scratchUser, root.baseImage.at);
}

function lastDefined<T>(chain: Stage[], pick: (stage: Stage) => T | undefined): T | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const value = pick(chain[i]!);
    if (value !== undefined) return value;
  }
  return undefined;
}

function dockerfileInfo(
  path: string,
  interpreted: InterpretedDockerfile,
): { info: DockerfileInfo; chain: Stage[] } | undefined {
  const chain = stageChain(interpreted.stages[interpreted.stages.length - 1]);
  const root = chain[0];
  if (!root) return undefined;
  const finalUser = chainUser(chain);
  const info: DockerfileInfo = {
    path,
    stages: interpreted.stages.map((stage) => {
      const own = stageChain(stage);
      const out: DockerfileInfo['stages'][number] = {
        baseImage: stage.baseImage,
        resolvedBase: own[0]!.baseImage,
      };
      if (stage.name !== undefined) out.name = stage.name;
      if (stage.platform !== undefined) out.platform = stage.platform;
      const user = chainUser(own);
      if (user) out.user = user;
      return out;
    }),
    finalBase: root.baseImage,
    userInheritedFromUnknownBase: finalUser === undefined,
    env: interpreted.env,
    exposedPorts: uniqueBy(
      chain.flatMap((s) => s.ports),
      (p) => String(p.containerPort),
    ).map((p) => fact(p.containerPort!, p.at)),
    remoteAdds: interpreted.remoteAdds,
    pipeToShell: interpreted.pipeToShell,
    workdirs: interpreted.workdirs,
    secretMounts: interpreted.secretMounts,
  };
  if (finalUser) info.finalUser = finalUser;
  const healthcheck = lastDefined(chain, (s) => s.healthcheck);
  if (healthcheck) info.healthcheck = healthcheck;
  return { info, chain };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The ENV and ARG instructions the final image records in its history: every one along the
 * chain, in build order, an overridden value included (it is still in the history). */
function imageEnv(chain: Stage[]): EnvVar[] {
  return chain.flatMap((s) => s.env);
}

/** `api/Dockerfile` → `api`; a Dockerfile at the root is named by its file name. */
function dockerfileWorkloadName(path: string): string {
  const dir = dirname(path);
  return dir === '.' || dir === '/' ? basename(path) : basename(dir);
}

function imageWorkload(path: string, info: DockerfileInfo, chain: Stage[]): Workload {
  const final = chain[chain.length - 1]!;
  const ports: PortBinding[] = uniqueBy(
    chain.flatMap((s) => s.ports),
    (p) => `${p.containerPort}/${p.protocol}`,
  );
  const container: Container = {
    name: 'main',
    role: 'main',
    at: final.from,
    capAdd: [],
    capDrop: [],
    mounts: [],
    devices: [],
    ports,
    env: imageEnv(chain),
    envFiles: [],
    resources: {},
    dockerfile: fact(path, { file: path, line: 1, column: 1 }),
  };
  if (info.finalBase) container.image = info.finalBase;
  if (info.finalUser) container.user = info.finalUser;
  if (info.healthcheck) container.healthcheck = info.healthcheck;
  return {
    id: `dockerfile:${path}`,
    name: dockerfileWorkloadName(path),
    kind: 'dockerfile',
    platform: 'image',
    at: final.from,
    labels: imageLabels(chain),
    podLabels: {},
    annotations: {},
    containers: [container],
    host: {},
    sysctls: [],
    networks: [],
    sharesNamespacesWith: [],
    dependsOn: [],
    secrets: [],
  };
}

function imageLabels(chain: Stage[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const stage of chain) {
    for (const [key, value] of stage.labels) {
      // Defined as an own property so that a label named __proto__ stays data.
      Object.defineProperty(labels, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return labels;
}
