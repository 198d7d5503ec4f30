import { describe, expect, it } from 'vitest';
import { importDockerfile } from '../../../../models/import/dockerfile';
import { INPUT_LIMITS } from '../../../../models/source/limits';

function load(text: string, path = 'svc/Dockerfile') {
  const out = importDockerfile({ path, text });
  return {
    out,
    info: out.bundle.dockerfiles[0],
    workload: out.bundle.workloads[0],
    codes: out.diagnostics.map((d) => d.code),
  };
}

const userOf = (text: string) => load(text).info?.finalUser?.value;

describe('importDockerfile: the runtime user', () => {
  it.each([
    ['FROM x\nUSER app\n', { origin: 'image', name: 'app' }],
    ['FROM x\nUSER 1000\n', { origin: 'image', uid: 1000 }],
    ['FROM x\nUSER 1000:2000\n', { origin: 'image', uid: 1000, gid: 2000 }],
    ['FROM x\nUSER app:staff\n', { origin: 'image', name: 'app' }],
    ['FROM x\nUSER root\n', { origin: 'image', name: 'root', uid: 0 }],
    ['FROM x\nUSER 0\n', { origin: 'image', uid: 0 }],
    ['FROM x\nUSER app\nRUN id\nUSER root\n', { origin: 'image', name: 'root', uid: 0 }],
    ['FROM x\nARG UID=10001\nUSER ${UID}\n', { origin: 'image', uid: 10001 }],
    ['FROM x\nUSER ${APP_USER:-svc}\n', { origin: 'image', name: 'svc' }],
    ['ARG UID=4242\nFROM x\nARG UID\nUSER $UID\n', { origin: 'image', uid: 4242 }],
    ['FROM x\nENV RUNAS=worker\nUSER $RUNAS\n', { origin: 'image', name: 'worker' }],
  ])('%j', (text, expected) => {
    expect(userOf(text)).toEqual(expected);
  });

  it('keeps a user that depends on a build argument as written, with a note', () => {
    const { info, out } = load('FROM x\nARG APP_UID\nUSER ${APP_UID}\n');
    expect(info!.finalUser!.value).toEqual({ origin: 'image', name: '${APP_UID}' });
    expect(out.diagnostics).toMatchObject([
      { code: 'DOCKERFILE_UNRESOLVED_VARIABLE', severity: 'info', line: 3, column: 6 },
    ]);
  });

  it('takes the user of the final stage only', () => {
    const { info } = load('FROM golang AS build\nUSER builder\nFROM debian:12\nCOPY --from=build /a /a\n');
    expect(info!.finalUser).toBeUndefined();
    expect(info!.userInheritedFromUnknownBase).toBe(true);
  });

  it('inherits USER and ENV from an earlier stage named in FROM, case-insensitively', () => {
    const { info, workload } = load('FROM alpine AS Base\nUSER app\nENV A=1\nFROM base\nENV B=$A\n');
    expect(info!.finalUser).toMatchObject({ value: { name: 'app' }, at: { line: 2, column: 6 } });
    expect(info!.finalBase!.value).toBe('alpine');
    expect(workload!.containers[0]!.env.map((e) => [e.name, e.value])).toEqual([
      ['A', '1'],
      ['B', '$A'],
    ]);
  });

  it('treats a stage name defined later as an image, not a stage', () => {
    const { info } = load('FROM app\nFROM alpine AS app\nFROM app\n');
    expect(info!.stages.map((s) => s.baseImage.value)).toEqual(['app', 'alpine', 'app']);
    expect(info!.finalBase!.value).toBe('alpine');
  });

  it('runs FROM scratch without USER as uid 0, also through stages built on it', () => {
    const { info, workload } = load('FROM scratch AS base\nCOPY app /app\nFROM base\n');
    expect(info!.finalUser).toMatchObject({ value: { uid: 0, origin: 'image' }, at: { line: 1, column: 6 } });
    expect(info!.userInheritedFromUnknownBase).toBe(false);
    expect(workload!.containers[0]!.user?.value.uid).toBe(0);
  });

  it('does not assume root for an unknown base image', () => {
    const { info, workload } = load('FROM python:3.12\nRUN pip install x\n');
    expect(info!.finalUser).toBeUndefined();
    expect(info!.userInheritedFromUnknownBase).toBe(true);
    expect(workload!.containers[0]!.user).toBeUndefined();
  });
});

describe('importDockerfile: FROM', () => {
  it('substitutes global build arguments, defaults and platform flags', () => {
    const { info, out } = load(
      'ARG TAG=3.19\nARG REG\nFROM --platform=${BUILDPLATFORM:-linux/amd64} ${REG:-docker.io}/alpine:${TAG} AS a\n',
    );
    expect(info!.stages[0]).toMatchObject({
      name: 'a',
      platform: 'linux/amd64',
      baseImage: { value: 'docker.io/alpine:3.19', at: { line: 3, column: 47, path: 'stages[0].FROM' } },
    });
    expect(out.diagnostics).toEqual([]);
  });

  it('keeps an image named by an unknown build argument as written', () => {
    const { info, codes } = load('ARG BASE\nFROM ${BASE}\n');
    expect(info!.finalBase!.value).toBe('${BASE}');
    expect(codes).toEqual(['DOCKERFILE_UNRESOLVED_VARIABLE']);
  });

  it('uses global arguments only in FROM lines, not inside stages', () => {
    const { info } = load('ARG WHO=app\nFROM x\nUSER ${WHO}\n');
    expect(info!.finalUser!.value).toEqual({ origin: 'image', name: '${WHO}' });
  });

  it('reports FROM with wrong operands but still starts a stage', () => {
    const { info, codes } = load('FROM alpine as\nUSER app\n');
    expect(codes).toEqual(['DOCKERFILE_INVALID_FROM']);
    expect(info!.finalUser!.value.name).toBe('app');
  });
});

describe('importDockerfile: image metadata', () => {
  it('takes the last HEALTHCHECK along the chain; NONE disables it', () => {
    expect(
      load('FROM x AS a\nHEALTHCHECK CMD true\nFROM a\nHEALTHCHECK NONE\n').info!.healthcheck,
    ).toMatchObject({
      value: false,
      at: { line: 4, column: 13 },
    });
    expect(load('FROM x AS a\nHEALTHCHECK --interval=5s CMD true\nFROM a\n').info!.healthcheck!.value).toBe(
      true,
    );
  });

  it('reads EXPOSE ports, protocols, variables and ranges, and keeps huge ranges as their ends', () => {
    const { workload, info, codes } = load(
      'FROM x\nARG P=8443\nEXPOSE 80 53/UDP ${P}/tcp 9000-9002 1-65535\n',
    );
    expect(workload!.containers[0]!.ports.map((p) => `${p.containerPort}/${p.protocol}`)).toEqual([
      '80/tcp',
      '53/udp',
      '8443/tcp',
      '9000/tcp',
      '9001/tcp',
      '9002/tcp',
      '1/tcp',
      '65535/tcp',
    ]);
    expect(info!.exposedPorts.map((p) => p.value)).toEqual([80, 53, 8443, 9000, 9001, 9002, 1, 65535]);
    expect(codes).toEqual(['DOCKERFILE_PORT_RANGE_TRUNCATED']);
  });

  it('names the workload after the folder of the Dockerfile, or the file at the root', () => {
    expect(load('FROM x\n', 'services/api/Dockerfile').workload).toMatchObject({
      id: 'dockerfile:services/api/Dockerfile',
      name: 'api',
      kind: 'dockerfile',
      platform: 'image',
    });
    expect(load('FROM x\n', 'Dockerfile.worker').workload!.name).toBe('Dockerfile.worker');
    expect(load('FROM x\n', 'Containerfile').workload!.name).toBe('Containerfile');
  });

  it('links the container to its Dockerfile and keeps labels as data', () => {
    const { workload } = load('FROM x\nLABEL __proto__=polluted a="b c"\n');
    expect(workload!.containers[0]!.dockerfile).toMatchObject({
      value: 'svc/Dockerfile',
      at: { line: 1, column: 1 },
    });
    expect(Object.keys(workload!.labels)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('importDockerfile: build steps', () => {
  it('records remote ADD sources only', () => {
    const { info } = load(
      'FROM x\nADD app.tar.gz /app/\nADD ["https://e.com/a", "/a"]\nADD git@github.com:o/r.git /src\nCOPY https://e.com/b /b\n',
    );
    expect(info!.remoteAdds.map((f) => f.value)).toEqual(['https://e.com/a', 'git@github.com:o/r.git']);
  });

  it('finds pipe-to-shell in shell form, exec form with sh -c, and in every stage', () => {
    const { info } = load(
      'FROM x AS build\nRUN curl https://a | sh\nFROM y\nRUN ["/bin/sh", "-c", "wget -O- https://b | bash"]\nRUN ["curl", "https://c"]\n',
    );
    expect(info!.pipeToShell.map((f) => [f.value, f.at.line, f.at.column])).toEqual([
      ['curl https://a | sh', 2, 5],
      ['wget -O- https://b | bash', 4, 5],
    ]);
  });

  it('records secret mounts by id, or by target when there is no id', () => {
    const { info } = load(
      'FROM x\nRUN --mount=type=secret,id=aws --mount=type=cache,target=/c --mount=type=secret,target=/run/secrets/key make\n',
    );
    expect(info!.secretMounts.map((f) => [f.value, f.at.column])).toEqual([
      ['aws', 5],
      ['/run/secrets/key', 61],
    ]);
  });

  it('records WORKDIR values resolved against the previous one', () => {
    const { info } = load('FROM x\nWORKDIR /app\nWORKDIR sub/../src\nWORKDIR /proc/self/fd/5\n');
    expect(info!.workdirs.map((f) => f.value)).toEqual(['/app', '/app/src', '/proc/self/fd/5']);
  });
});

describe('importDockerfile: diagnostics', () => {
  it('warns about an unknown instruction and keeps reading', () => {
    const { info, out } = load('FROM x\nFOO bar\nUSER app\n');
    expect(info!.finalUser!.value.name).toBe('app');
    expect(out.diagnostics).toEqual([
      expect.objectContaining({
        code: 'DOCKERFILE_UNKNOWN_INSTRUCTION',
        severity: 'warning',
        file: 'svc/Dockerfile',
        line: 2,
        column: 1,
        excerpt: 'FOO bar',
      }),
    ]);
  });

  it('reports name=value lists without "=" and unclosed quotes', () => {
    expect(load('FROM x\nENV A=1 B\nLABEL x="open\n').codes).toEqual([
      'DOCKERFILE_INVALID_KEY_VALUE',
      'DOCKERFILE_UNTERMINATED_QUOTE',
    ]);
  });

  it('reports missing arguments', () => {
    expect(load('FROM x\nUSER\nENV\nEXPOSE\nWORKDIR\n').codes).toEqual([
      'DOCKERFILE_MISSING_ARGUMENTS',
      'DOCKERFILE_MISSING_ARGUMENTS',
      'DOCKERFILE_MISSING_ARGUMENTS',
      'DOCKERFILE_MISSING_ARGUMENTS',
    ]);
  });

  it('refuses binary and oversized files without reading them', () => {
    expect(load('FROM x\u0000\u0001').codes).toEqual(['DOCKERFILE_BINARY']);
    const huge = load('#'.repeat(INPUT_LIMITS.maxFileChars + 1));
    expect(huge.codes).toEqual(['DOCKERFILE_TOO_LARGE']);
    expect(huge.out.bundle.workloads).toEqual([]);
  });

  it('lists the file as a Dockerfile input whatever its content', () => {
    expect(load('').out.bundle.inputs).toEqual([{ file: 'svc/Dockerfile', kind: 'dockerfile' }]);
  });
});
