import fc from 'fast-check';
import { ASSUMPTION_KEYS } from '../../models/attack/rules/assumptions';
import { MITIGATION_IDS } from '../../models/mitigations/mitigation-ids';
import {
  fixtureFiles,
  filesByPath,
  objectOf,
  plainObject,
  randomText,
  render,
  scalar,
  style,
  textEdits,
  applyTextEdits,
  valueTree,
  YAML_FRAGMENTS,
  type FixtureFile,
} from './fuzz-inputs';

/**
 * Per format, what the importer fuzzers feed in: the field names each importer reads (for
 * structure-aware documents and data edits), generators of whole documents with values of every
 * type in those places, the real files used as seeds for mutation, and the syntax fragments that
 * text edits drop in.
 */

// ---- compose -----------------------------------------------------------------------------------

const COMPOSE_SERVICE_KEYS = [
  'image',
  'build',
  'context',
  'dockerfile',
  'target',
  'args',
  'privileged',
  'user',
  'read_only',
  'cap_add',
  'cap_drop',
  'security_opt',
  'ports',
  'published',
  'host_ip',
  'protocol',
  'mode',
  'expose',
  'volumes',
  'type',
  'source',
  'bind',
  'propagation',
  'tmpfs',
  'volumes_from',
  'devices',
  'device_cgroup_rules',
  'environment',
  'env_file',
  'path',
  'required',
  'networks',
  'aliases',
  'network_mode',
  'pid',
  'ipc',
  'uts',
  'userns_mode',
  'cgroup',
  'depends_on',
  'condition',
  'links',
  'external_links',
  'extends',
  'file',
  'service',
  'deploy',
  'replicas',
  'resources',
  'limits',
  'reservations',
  'memory',
  'cpus',
  'pids',
  'mem_limit',
  'cpu_count',
  'pids_limit',
  'secrets',
  'configs',
  'healthcheck',
  'test',
  'disable',
  'sysctls',
  'container_name',
  'hostname',
  'labels',
  'profiles',
  'init',
  'group_add',
];
const COMPOSE_TOP_KEYS = [
  'services',
  'networks',
  'volumes',
  'secrets',
  'configs',
  'include',
  'name',
  'version',
];
export const COMPOSE_KEYS = [
  ...COMPOSE_SERVICE_KEYS,
  ...COMPOSE_TOP_KEYS,
  'internal',
  'external',
  'driver',
  'driver_opts',
];
const SERVICE_NAMES = ['web', 'api', 'db', 'web~2', 'web-x', '__proto__', 'constructor', 'a b', ''];

const composeService = objectOf(COMPOSE_SERVICE_KEYS, COMPOSE_KEYS);

export const composeProject = fc
  .record(
    {
      name: scalar,
      services: fc.oneof(
        {
          weight: 5,
          arbitrary: fc.dictionary(fc.constantFrom(...SERVICE_NAMES), composeService, { maxKeys: 4 }),
        },
        { weight: 1, arbitrary: valueTree(COMPOSE_KEYS, 3) },
      ),
      networks: valueTree(COMPOSE_KEYS, 3),
      volumes: valueTree(COMPOSE_KEYS, 3),
      secrets: valueTree(COMPOSE_KEYS, 3),
      include: valueTree(COMPOSE_KEYS, 2),
    },
    { requiredKeys: ['services'] },
  )
  .map((project) => plainObject(Object.entries(project)));

const DOTENV_LINES = [
  'A=1',
  'TAG=1.0',
  'export B="x y"',
  "C='$A'",
  'D=${A:-z}',
  'E',
  '=',
  '#c',
  'F="unclosed',
  '',
];
const dotenv = fc
  .array(fc.oneof(fc.constantFrom(...DOTENV_LINES), fc.string({ maxLength: 10 })), { maxLength: 6 })
  .map((lines) => lines.join('\n'));

/** Files a generated project may refer to (`extends.file`, `env_file`, `include`, `build`). */
export const composeSurroundings = fc.record({
  '.env': dotenv,
  'web.env': dotenv,
  'base.yml': fc
    .tuple(fc.dictionary(fc.constantFrom(...SERVICE_NAMES), composeService, { maxKeys: 2 }), style)
    .map(([services, how]) => render([{ services }], how)),
  Dockerfile: fc.constantFrom('FROM alpine\nUSER 1000\n', 'FROM scratch\n', 'FROM ${X}\nRUN curl x | sh\n'),
});

export const composeFixtures = fixtureFiles(
  ['templates/examples/shop/compose', 'test/fixtures/compose', 'test/fixtures/bad'],
  (p) => /\.ya?ml$/.test(p),
);
export const composeSurroundingFiles = filesByPath(
  fixtureFiles(['templates/examples/shop', 'test/fixtures/compose'], (p) => !p.endsWith('expected.json')),
);

// ---- kubernetes --------------------------------------------------------------------------------

export const K8S_KEYS = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'spec',
  'template',
  'jobTemplate',
  'replicas',
  'selector',
  'matchLabels',
  'matchExpressions',
  'key',
  'operator',
  'values',
  'containers',
  'initContainers',
  'ephemeralContainers',
  'image',
  'securityContext',
  'privileged',
  'allowPrivilegeEscalation',
  'capabilities',
  'add',
  'drop',
  'readOnlyRootFilesystem',
  'procMount',
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'seccompProfile',
  'appArmorProfile',
  'seLinuxOptions',
  'type',
  'localhostProfile',
  'sysctls',
  'value',
  'hostPID',
  'hostIPC',
  'hostNetwork',
  'hostUsers',
  'volumes',
  'volumeMounts',
  'mountPath',
  'readOnly',
  'mountPropagation',
  'hostPath',
  'path',
  'secret',
  'configMap',
  'persistentVolumeClaim',
  'claimName',
  'ports',
  'containerPort',
  'hostPort',
  'hostIP',
  'protocol',
  'port',
  'targetPort',
  'nodePort',
  'env',
  'envFrom',
  'valueFrom',
  'secretKeyRef',
  'configMapKeyRef',
  'fieldRef',
  'resources',
  'limits',
  'requests',
  'memory',
  'cpu',
  'serviceAccountName',
  'automountServiceAccountToken',
  'clusterIP',
  'externalName',
  'rules',
  'host',
  'http',
  'paths',
  'backend',
  'service',
  'number',
  'tls',
  'hosts',
  'podSelector',
  'namespaceSelector',
  'ipBlock',
  'cidr',
  'except',
  'policyTypes',
  'ingress',
  'egress',
  'from',
  'to',
  'endPort',
  'items',
  'livenessProbe',
];
const K8S_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Service',
  'Ingress',
  'NetworkPolicy',
  'Namespace',
  'ServiceAccount',
  'List',
  'ConfigMap',
  'Secret',
  'CustomThing',
];
const K8S_API_VERSIONS = [
  'v1',
  'apps/v1',
  'batch/v1',
  'networking.k8s.io/v1',
  'extensions/v1beta1',
  'example.com/v1',
];

/** The fields of a container, from `image` to `resources`, and what lies under them. */
const K8S_CONTAINER_KEYS = K8S_KEYS.slice(K8S_KEYS.indexOf('image'), K8S_KEYS.indexOf('serviceAccountName'));
const k8sContainer = objectOf(K8S_CONTAINER_KEYS, K8S_KEYS, 3);
const podSpec = fc
  .record({ containers: fc.array(k8sContainer, { maxLength: 3 }), rest: objectOf(K8S_KEYS, K8S_KEYS, 3) })
  .map(({ containers, rest }) => plainObject([['containers', containers], ...Object.entries(rest)]));
export const k8sObject = fc
  .record({
    apiVersion: fc.oneof(fc.constantFrom(...K8S_API_VERSIONS), scalar),
    kind: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...K8S_KINDS) }, { weight: 1, arbitrary: scalar }),
    metadata: fc.oneof(
      fc.record(
        {
          name: fc.oneof(fc.constantFrom(...SERVICE_NAMES), scalar),
          namespace: scalar,
          labels: valueTree(K8S_KEYS, 2),
        },
        { requiredKeys: [] },
      ),
      valueTree(K8S_KEYS, 2),
    ),
    spec: fc.oneof(
      podSpec,
      podSpec.map((spec) => ({ template: { metadata: { labels: { app: 'web' } }, spec } })),
      podSpec.map((spec) => ({ jobTemplate: { spec: { template: { spec } } } })),
      objectOf(K8S_KEYS, K8S_KEYS),
    ),
  })
  .map((o) => plainObject(Object.entries(o)));

export const k8sFixtures = fixtureFiles(
  ['templates/examples/shop/kubernetes', 'test/fixtures/kubernetes'],
  (p) => /\.(ya?ml|json)$/.test(p) && !p.endsWith('expected.json'),
);

// ---- dockerfile --------------------------------------------------------------------------------

const INSTRUCTIONS = [
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
  'MAINTAINER',
  'from',
  'Run',
  'BOGUS',
];
const DOCKERFILE_WORDS = [
  'alpine',
  'scratch',
  'ubuntu:24.04',
  'node:22-alpine AS build',
  '--platform=$BUILDPLATFORM',
  'AS',
  'final',
  '0',
  'root',
  '1000:1000',
  '${UID}',
  '$HOME',
  '${X:-y}',
  '${X:+z}',
  '80',
  '443/udp',
  '8000-8002',
  '70000',
  '-1',
  'curl -fsSL https://x.sh | sh',
  'wget -qO- http://y | bash',
  '&&',
  '|',
  ';',
  '--mount=type=secret,id=token',
  '--mount=type=cache,target=/root',
  '--chown=1000:1000',
  '--from=build',
  'https://example.com/a.tgz',
  '/proc/self/fd/7',
  '/app',
  '.',
  'A=1',
  'B="x y"',
  'C',
  '["sh", "-c", "echo"]',
  '["unclosed',
  'NONE',
  '--interval=5s CMD true',
  '<<EOF',
  '<<-EOT',
  '\\',
  '`',
  '"',
  "'",
  '#',
];
const dockerfileLine = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...INSTRUCTIONS),
        fc.array(fc.oneof(fc.constantFrom(...DOCKERFILE_WORDS), fc.string({ maxLength: 6 })), {
          maxLength: 5,
        }),
      )
      .map(([instruction, words]) => [instruction, ...words].join(' ')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '# syntax=docker/dockerfile:1',
      '# escape=`',
      '# escape=\\',
      '# comment',
      '',
      '  ',
      'EOF',
      'EOT',
      '\\',
      'RUN echo a \\',
      'RUN <<EOF',
      'COPY <<CFG /etc/x',
    ),
  },
);
export const generatedDockerfile = fc
  .array(dockerfileLine, { maxLength: 14 })
  .map((lines) => lines.join('\n'));
export const DOCKERFILE_FRAGMENTS = [
  '\\\n',
  '\n',
  ' ',
  '`',
  '"',
  "'",
  '$',
  '${',
  '}',
  '<<EOF\n',
  'EOF\n',
  '#',
  '--',
  '=',
  '|',
  '&&',
  'FROM ',
  'USER ',
  'RUN ',
];

export const dockerfileFixtures = fixtureFiles(
  ['templates/examples/shop/services', 'test/fixtures/dockerfile', 'test/fixtures/conditions'],
  (p) => /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.dockerfile$/i.test(p),
);

// ---- docker inspect ----------------------------------------------------------------------------

export const INSPECT_KEYS = [
  'Id',
  'Name',
  'Image',
  'Config',
  'User',
  'Env',
  'Labels',
  'ExposedPorts',
  'Healthcheck',
  'Test',
  'HostConfig',
  'Binds',
  'Mounts',
  'Tmpfs',
  'NetworkMode',
  'PidMode',
  'IpcMode',
  'UTSMode',
  'UsernsMode',
  'PortBindings',
  'HostIp',
  'HostPort',
  'PublishAllPorts',
  'Privileged',
  'ReadonlyRootfs',
  'CapAdd',
  'CapDrop',
  'SecurityOpt',
  'Devices',
  'PathOnHost',
  'PathInContainer',
  'CgroupPermissions',
  'DeviceCgroupRules',
  'Memory',
  'NanoCpus',
  'CpuQuota',
  'PidsLimit',
  'Sysctls',
  'MaskedPaths',
  'Type',
  'Source',
  'Destination',
  'RW',
  'Mode',
  'Propagation',
  'NetworkSettings',
  'Ports',
  'Networks',
  'Aliases',
  'AppArmorProfile',
  'State',
  'Platform',
];
export const inspectContainer = fc
  .record(
    {
      Id: fc.oneof(
        { weight: 4, arbitrary: fc.stringMatching(/^[0-9a-f]{12,64}$/) },
        { weight: 1, arbitrary: scalar },
      ),
      // Few names, so that containers share one, or take the name a shared one is renamed to.
      Name: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('/web', 'web', '/web~2') },
        { weight: 1, arbitrary: fc.constantFrom('/db', '/') },
        { weight: 1, arbitrary: scalar },
      ),
      Config: objectOf(INSPECT_KEYS, INSPECT_KEYS, 3),
      HostConfig: objectOf(INSPECT_KEYS, INSPECT_KEYS, 3),
      Mounts: valueTree(INSPECT_KEYS, 3),
      NetworkSettings: valueTree(INSPECT_KEYS, 3),
    },
    { requiredKeys: ['Id', 'Config', 'HostConfig'] },
  )
  .map((c) => plainObject(Object.entries(c)));

export const inspectFixtures = fixtureFiles(['test/fixtures/inspect'], (p) => p.endsWith('inspect.json'));
export const JSON_FRAGMENTS = [
  '"',
  ',',
  ':',
  '{',
  '}',
  '[',
  ']',
  'null',
  'true',
  '-1',
  '1e999',
  '"\\u0000"',
  '\n',
  '//',
  '"__proto__"',
];

// ---- OCI config.json ---------------------------------------------------------------------------

export const OCI_KEYS = [
  'ociVersion',
  'process',
  'user',
  'uid',
  'gid',
  'username',
  'env',
  'args',
  'cwd',
  'capabilities',
  'bounding',
  'effective',
  'permitted',
  'inheritable',
  'ambient',
  'noNewPrivileges',
  'apparmorProfile',
  'selinuxLabel',
  'root',
  'path',
  'readonly',
  'mounts',
  'destination',
  'type',
  'source',
  'options',
  'linux',
  'namespaces',
  'uidMappings',
  'gidMappings',
  'containerID',
  'hostID',
  'size',
  'seccomp',
  'defaultAction',
  'syscalls',
  'maskedPaths',
  'readonlyPaths',
  'devices',
  'resources',
  'memory',
  'limit',
  'cpu',
  'quota',
  'pids',
  'sysctl',
  'annotations',
  'hostname',
];
export const ociConfig = fc
  .record(
    {
      ociVersion: fc.oneof(fc.constant('1.0.2'), scalar),
      process: objectOf(OCI_KEYS, OCI_KEYS, 3),
      root: valueTree(OCI_KEYS, 2),
      mounts: valueTree(OCI_KEYS, 3),
      linux: objectOf(OCI_KEYS, OCI_KEYS, 3),
      annotations: valueTree(OCI_KEYS, 2),
    },
    { requiredKeys: ['ociVersion'] },
  )
  .map((c) => plainObject(Object.entries(c)));
export const ociFixtures = fixtureFiles(['test/fixtures/oci'], (p) => p.endsWith('config.json'));

// ---- Threat Dragon -------------------------------------------------------------------------------

export const TD_KEYS = [
  'version',
  'summary',
  'title',
  'owner',
  'description',
  'detail',
  'contributors',
  'name',
  'diagrams',
  'cells',
  'id',
  'shape',
  'type',
  'zIndex',
  'position',
  'size',
  'x',
  'y',
  'width',
  'height',
  'attrs',
  'text',
  'label',
  'labels',
  'data',
  'source',
  'target',
  'cell',
  'threats',
  'status',
  'severity',
  'mitigation',
  'threatId',
  'outOfScope',
  'reasonOutOfScope',
  'isEncrypted',
  'isBidirectional',
  'protocol',
  'diagramJson',
];
const TD_SHAPES = [
  'actor',
  'process',
  'store',
  'flow',
  'trust-boundary-box',
  'trust-boundary-curve',
  'td-text-block',
  'tm.Actor',
  'tm.Process',
  'tm.Store',
  'tm.Flow',
  'tm.Boundary',
  'tm.BoundaryBox',
  'tm.Text',
  'constructor',
  'ellipse',
];
/** Few ids, so that cells collide and flows find their ends. */
const TD_IDS = ['a', 'b', 'c', 'a:reverse', 'b:reverse', 'td-scope:a', '__proto__', 'constructor', '1'];
/** Ids of elements, and so the ends of flows, so that flows connect. */
const TD_ENDS = ['a', 'b', 'c', '__proto__'];
/** Ids of flows: a bidirectional flow's way back must not take the id of another cell. */
const TD_FLOW_IDS = ['f', 'g', 'f:reverse', 'g:reverse', 'a'];
const tdNumber = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -100, max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1e308, 1e308, Number.MAX_VALUE, -0, 0.5) },
  { weight: 1, arbitrary: scalar },
);
const tdThreat = fc.record(
  {
    id: fc.oneof(fc.constantFrom(...TD_IDS), scalar),
    title: fc.oneof(
      fc.constantFrom('Spoofing', 'Use TLS', 'Container runs as root', 'Privileged container'),
      scalar,
    ),
    type: fc.constantFrom('Spoofing', 'Tampering', 'Information disclosure', 'Elevation of privilege'),
    status: fc.oneof(
      fc.constantFrom('Open', 'Mitigated', 'NotApplicable', 'Transferred', 'Accepted'),
      scalar,
    ),
    severity: fc.constantFrom('High', 'Medium', 'Low'),
    description: scalar,
    mitigation: fc.oneof(
      fc.constantFrom('Enable TLS', 'Run as non-root', 'read-only root filesystem', ''),
      scalar,
    ),
  },
  { requiredKeys: [] },
);
/** A cell of one of `shapes` with an id from `ids`; every other field may be missing or of any type. */
function tdCellOf(
  shapes: fc.Arbitrary<unknown>,
  ids: readonly string[],
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(
      {
        id: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: scalar }),
        shape: shapes,
        zIndex: tdNumber,
        position: fc.oneof({ weight: 3, arbitrary: fc.record({ x: tdNumber, y: tdNumber }) }, scalar),
        size: fc.oneof({ weight: 3, arbitrary: fc.record({ width: tdNumber, height: tdNumber }) }, scalar),
        source: fc.oneof({ weight: 4, arbitrary: fc.record({ cell: fc.constantFrom(...TD_ENDS) }) }, scalar),
        target: fc.oneof({ weight: 4, arbitrary: fc.record({ cell: fc.constantFrom(...TD_ENDS) }) }, scalar),
        attrs: valueTree(TD_KEYS, 1),
        data: fc.record(
          {
            type: fc.constantFrom(...TD_SHAPES),
            name: scalar,
            description: scalar,
            outOfScope: fc.oneof(fc.boolean(), scalar),
            reasonOutOfScope: scalar,
            isEncrypted: fc.oneof(fc.boolean(), scalar),
            isBidirectional: fc.oneof({ weight: 2, arbitrary: fc.boolean() }, scalar),
            protocol: fc.oneof(fc.constantFrom('HTTPS:443', 'tcp/5432', 'http 99999', ' : ', 'grpc'), scalar),
            threats: fc.oneof(fc.array(tdThreat, { maxLength: 2 }), scalar),
            hasOpenThreats: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['id', 'shape', 'source', 'target'] },
    )
    .map((c) => plainObject(Object.entries(c)));
}

/** A diagram's cells: elements, flows between them, boundaries, and cells of any shape, shuffled. */
const tdCells = fc
  .tuple(
    fc.array(tdCellOf(fc.constantFrom('actor', 'process', 'store', 'tm.Process'), TD_ENDS), { maxLength: 4 }),
    fc.array(tdCellOf(fc.constantFrom('flow', 'tm.Flow'), TD_FLOW_IDS), { maxLength: 4 }),
    fc.array(tdCellOf(fc.constantFrom('trust-boundary-box', 'trust-boundary-curve'), TD_IDS), {
      maxLength: 2,
    }),
    fc.array(tdCellOf(fc.oneof(fc.constantFrom(...TD_SHAPES), scalar), TD_IDS), { maxLength: 2 }),
  )
  .chain((groups) => fc.shuffledSubarray(groups.flat(), { minLength: groups.flat().length }));

export const tdModel = fc
  .record({
    version: fc.oneof(fc.constantFrom('2.2.0', '1.6.1'), scalar),
    summary: fc.record({ title: scalar, owner: scalar, description: scalar }, { requiredKeys: [] }),
    detail: fc.record({
      contributors: fc.oneof(
        fc.array(fc.oneof(fc.record({ name: scalar }), scalar), { maxLength: 3 }),
        scalar,
      ),
      diagrams: fc.array(
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc.record({
              id: scalar,
              title: scalar,
              version: scalar,
              cells: tdCells,
            }),
          },
          {
            weight: 1,
            arbitrary: fc.record({
              title: scalar,
              diagramJson: fc.record({ cells: tdCells }),
            }),
          },
          { weight: 1, arbitrary: scalar },
        ),
        { maxLength: 3 },
      ),
    }),
  })
  .map((m) => plainObject(Object.entries(m)));

export const tdFixtures = fixtureFiles(
  ['test/fixtures/threat-dragon-import'],
  (p) => p.endsWith('.json') && !p.endsWith('.rampart.json'),
);

// ---- recognition, folders, and models made from them ----------------------------------------------

const FILE_NAMES = [
  'compose.yaml',
  'compose.override.yaml',
  'docker-compose.prod.yml',
  'shop/compose.yaml',
  'k8s/app.yaml',
  'k8s/list.json',
  'Dockerfile',
  'api/Dockerfile',
  'api/Containerfile.dev',
  '.env',
  'bundle/config.json',
  'inspect.json',
  'model.rampart.json',
  'td.json',
  'notes.txt',
  'values.yaml',
];

/** One file of any kind the folder import meets, under a name that may or may not fit it. */
export const anyFile: fc.Arbitrary<FixtureFile> = fc.record({
  path: fc.constantFrom(...FILE_NAMES),
  text: fc.oneof(
    composeProject.chain((p) => style.map((s) => render([p], s))),
    fc.array(k8sObject, { minLength: 1, maxLength: 2 }).chain((o) => style.map((s) => render(o, s))),
    generatedDockerfile,
    fc.array(inspectContainer, { minLength: 1, maxLength: 2 }).map((c) => render([c], 'json')),
    ociConfig.map((c) => render([c], 'json')),
    tdModel.map((m) => render([m], 'json')),
    fc
      .tuple(
        fc.constantFrom(...composeFixtures, ...k8sFixtures, ...dockerfileFixtures, ...inspectFixtures),
        textEdits(YAML_FRAGMENTS),
      )
      .map(([f, edits]) => applyTextEdits(f.text, edits)),
    dotenv,
    randomText,
  ),
});
export const folder = fc.uniqueArray(anyFile, { minLength: 1, maxLength: 5, selector: (f) => f.path });

/** Names like the suffix that tells copies of one workload apart (`web~2`), and names that sort
 * between them (`web-x`). */
const COPY_NAMES = ['web', 'web~2', 'web~3', 'web-x', 'api'];
const copiedText = fc.oneof(
  fc
    .uniqueArray(fc.constantFrom(...COPY_NAMES), { minLength: 1, maxLength: 4 })
    .map((names) =>
      render(
        names.map((name) => ({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name },
          spec: { containers: [{ name: 'app', image: 'nginx' }] },
        })),
        'block',
      ),
    )
    .map((text) => ({ name: 'pod.yaml', text })),
  fc
    .uniqueArray(fc.constantFrom(...COPY_NAMES), { minLength: 1, maxLength: 4 })
    .map((names) =>
      render(
        [{ name: 'shop', services: Object.fromEntries(names.map((n) => [n, { image: 'nginx' }])) }],
        'block',
      ),
    )
    .map((text) => ({ name: 'compose.yaml', text })),
);

/** The same files copied into several folders, as when a manifest is kept in two places or a
 * compose project (with a fixed `name:`) is copied: the same workload ids several times over. */
export const copiedFolder: fc.Arbitrary<FixtureFile[]> = fc
  .tuple(
    fc.array(copiedText, { minLength: 1, maxLength: 3 }),
    fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'a/b', 'deploy'), { minLength: 2, maxLength: 4 }),
  )
  .map(([texts, folders]) =>
    folders.map((folder, i) => {
      const { name, text } = texts[i % texts.length]!;
      return { path: `${folder}/${name}`, text };
    }),
  );

// ---- *.rampart.json ------------------------------------------------------------------------------

export const MODEL_KEYS = [
  'format',
  'schemaVersion',
  'model',
  'layout',
  'positions',
  'id',
  'name',
  'description',
  'document',
  'version',
  'authors',
  'classification',
  'organization',
  'sources',
  'path',
  'text',
  'importedAt',
  'elements',
  'kind',
  'origin',
  'boundary',
  'workload',
  'technology',
  'source',
  'file',
  'line',
  'column',
  'stale',
  'position',
  'x',
  'y',
  'width',
  'height',
  'boundaries',
  'parent',
  'flows',
  'from',
  'to',
  'protocol',
  'port',
  'protection',
  'authentication',
  'data',
  'mitigationStates',
  'overrides',
  'target',
  'mitigation',
  'state',
  'reason',
  'author',
  'at',
  'assumptions',
  'decisions',
  'node',
  'goal',
  'decision',
  'owner',
  'due',
  'note',
  'treeNodes',
  'label',
  'cost',
  'time',
  'skill',
  'probability',
  'active',
  'notes',
];

/** Few ids per kind, so that references find their targets, collide, and form cycles. */
const ELEMENT_IDS = ['e1', 'e2', 'e3', '__proto__', 'constructor', ''];
const BOUNDARY_IDS = ['b1', 'b2', 'b3', 'e1', 'gone'];
const OTHER_IDS = ['f1', 'f2', 'n1', 'e1', 'b1'];
const MODEL_IDS = [...new Set([...ELEMENT_IDS, ...BOUNDARY_IDS, ...OTHER_IDS])];
const idFrom = (ids: readonly string[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: scalar });
/** A value of the declared kind most of the time, anything else otherwise. */
const mostly = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 12, arbitrary },
    { weight: 1, arbitrary: scalar },
    { weight: 1, arbitrary: valueTree(MODEL_KEYS, 1) },
  );
const modelNumber = fc.oneof(
  fc.integer({ min: -5, max: 2_000 }),
  // Integers beyond 2^53 too: JSON writes them as digits, which the YAML reader keeps as text.
  fc.constantFrom(0, -0, 0.5, 1, 1e308, -1e308, 65535, 65536, 2 ** 53 + 2, -(2 ** 60), 1e20),
  fc.double(),
);
const position = fc.record(
  { x: mostly(modelNumber), y: mostly(modelNumber), width: mostly(modelNumber), height: mostly(modelNumber) },
  { requiredKeys: [] },
);
const sourceRef = fc.record(
  {
    file: mostly(fc.constantFrom('compose.yaml', '')),
    line: mostly(modelNumber),
    column: mostly(modelNumber),
    path: scalar,
  },
  { requiredKeys: [] },
);
const record = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T, required: (keyof T & string)[]) =>
  mostly(fc.record(fields, { requiredKeys: required }).map((r) => plainObject(Object.entries(r))));
const listOf = (item: fc.Arbitrary<unknown>) => mostly(fc.array(item, { maxLength: 4 }));

const element = record(
  {
    id: idFrom(ELEMENT_IDS),
    kind: mostly(
      fc.constantFrom('service', 'data-store', 'internet', 'external', 'host', 'cluster', 'router'),
    ),
    name: scalar,
    origin: mostly(fc.constantFrom('imported', 'user')),
    boundary: idFrom(BOUNDARY_IDS),
    workload: scalar,
    technology: scalar,
    description: scalar,
    source: sourceRef,
    stale: mostly(fc.constant(true)),
    position,
  },
  ['id', 'kind'],
);
const boundary = record(
  {
    id: idFrom(BOUNDARY_IDS),
    kind: mostly(
      fc.constantFrom('internet', 'host', 'network', 'cluster', 'namespace', 'organization', 'runtime'),
    ),
    name: scalar,
    parent: idFrom(BOUNDARY_IDS),
    origin: mostly(fc.constantFrom('imported', 'user')),
    source: sourceRef,
    position,
  },
  ['id', 'kind'],
);
const flow = record(
  {
    id: idFrom(OTHER_IDS),
    from: idFrom(ELEMENT_IDS),
    to: idFrom(ELEMENT_IDS),
    protocol: scalar,
    port: mostly(modelNumber),
    protection: mostly(fc.constantFrom('none', 'tls', 'mtls', 'ipsec', 'unknown')),
    authentication: scalar,
    data: scalar,
    origin: mostly(fc.constantFrom('imported', 'user')),
    source: sourceRef,
  },
  ['id', 'from', 'to'],
);
const stateEdit = record(
  {
    target: idFrom(MODEL_IDS),
    mitigation: mostly(fc.constantFrom(...MITIGATION_IDS, 'firewall')),
    state: mostly(fc.constantFrom('implemented', 'planned', 'not-applicable', 'accepted-risk', 'missing')),
    reason: scalar,
    author: scalar,
    at: scalar,
  },
  ['target', 'mitigation', 'state'],
);
const decision = record(
  {
    id: idFrom(OTHER_IDS),
    node: scalar,
    goal: scalar,
    decision: mostly(fc.constantFrom('mitigate', 'plan', 'accept', 'transfer')),
    owner: scalar,
    due: scalar,
    note: scalar,
    mitigation: mostly(fc.constantFrom(...MITIGATION_IDS)),
    at: scalar,
  },
  ['id', 'node', 'decision'],
);
const treeNode = record(
  {
    id: idFrom(OTHER_IDS),
    parent: scalar,
    kind: mostly(fc.constantFrom('step', 'defence', 'note')),
    label: scalar,
    description: scalar,
    cost: mostly(modelNumber),
    time: mostly(modelNumber),
    skill: mostly(modelNumber),
    probability: mostly(modelNumber),
    active: mostly(fc.boolean()),
  },
  ['id', 'parent', 'kind'],
);
const note = record(
  { id: idFrom(OTHER_IDS), target: idFrom(MODEL_IDS), text: scalar, author: scalar, at: scalar },
  ['id', 'target'],
);

/** A `*.rampart.json` of schema version 0 or 1 (or a wrong one), every field possibly of the wrong
 * type: v0 files put positions on elements and boundaries and call the edits `overrides`. */
export const modelFile = fc
  .record(
    {
      format: mostly(fc.constant('rampart')),
      schemaVersion: fc.oneof(
        { weight: 10, arbitrary: fc.constantFrom(0, 1) },
        { weight: 1, arbitrary: fc.constantFrom(2, -1, 0.5, '1') },
        { weight: 1, arbitrary: scalar },
      ),
      model: record(
        {
          id: mostly(fc.constantFrom('model-1', '__proto__')),
          name: scalar,
          description: scalar,
          document: record(
            { version: scalar, authors: listOf(scalar), classification: scalar, organization: scalar },
            [],
          ),
          sources: listOf(record({ path: scalar, text: scalar, importedAt: scalar }, ['path', 'text'])),
          elements: listOf(element),
          boundaries: listOf(boundary),
          flows: listOf(flow),
          mitigationStates: listOf(stateEdit),
          overrides: listOf(stateEdit),
          assumptions: mostly(
            fc.dictionary(
              fc.constantFrom(...ASSUMPTION_KEYS, 'kernel-version', '__proto__'),
              mostly(fc.constantFrom(true, false, 'v1', 'v2', 'unknown')),
              { maxKeys: 4 },
            ),
          ),
          decisions: listOf(decision),
          treeNodes: listOf(treeNode),
          notes: listOf(note),
        },
        ['id'],
      ),
      layout: record(
        { positions: mostly(fc.dictionary(fc.constantFrom(...MODEL_IDS), position, { maxKeys: 5 })) },
        [],
      ),
    },
    { requiredKeys: ['format', 'schemaVersion', 'model'] },
  )
  .map((file) => plainObject(Object.entries(file)));

export const modelFileFixtures = fixtureFiles(
  ['test/fixtures/model', 'test/fixtures/model-files', 'test/fixtures/threat-dragon-import'],
  (p) => p.endsWith('.rampart.json'),
);
