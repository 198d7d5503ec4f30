import fc from 'fast-check';
import { ASSUMPTION_KEYS, ASSUMPTIONS, type AssumptionValue } from '../../models/attack/rules/assumptions';
import { MITIGATION_IDS, type MitigationState } from '../../models/mitigations/mitigation-ids';
import type { ImportFile } from '../../models/import/import-file';
import { modelFromImport } from '../../models/model/create-model';
import { compareText } from '../../models/model/model-schema';
import type {
  DecisionKind,
  MitigationStateEdit,
  ModelBoundary,
  ModelElement,
  ModelFlow,
  ModelLayout,
  ModelNote,
  Position,
  ThreatModel,
  UserTreeNode,
  WorkshopDecision,
} from '../../models/model/threat-model';
import type { ElementKind, Protection } from '../../models/topology/types';
import { nastyName, nastyText } from './nasty-text';

/**
 * Valid threat models full of hostile text, shaped like the ones users make: config files whose
 * service names, images, environment, labels, networks and mounts carry the text (so it reaches
 * findings, topology and attack trees), then a workshop's worth of edits on top — renames, drawn
 * elements in nested boundaries, flows with every protection, mitigation states, assumptions,
 * decisions, notes and nodes added to the trees — and a partial layout.
 */

export interface GeneratedModel {
  model: ThreatModel;
  layout: ModelLayout;
}

export const NOW = '2026-03-01T10:00:00.000Z';

const ELEMENT_KINDS: readonly ElementKind[] = [
  'service',
  'data-store',
  'internet',
  'external',
  'host',
  'cluster',
];
const BOUNDARY_KINDS: readonly ModelBoundary['kind'][] = [
  'internet',
  'host',
  'network',
  'cluster',
  'namespace',
  'organization',
  'runtime',
];
const PROTECTIONS: readonly Protection[] = ['none', 'tls', 'mtls', 'ipsec', 'unknown'];
const STATES: readonly MitigationState[] = [
  'implemented',
  'planned',
  'not-applicable',
  'accepted-risk',
  'missing',
];
const DECISIONS: readonly DecisionKind[] = ['mitigate', 'plan', 'accept', 'transfer'];

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const word = (...words: string[]) => fc.constantFrom(...words);
/** Mostly ordinary names, so that services link up, with hostile ones among them. */
const name = (...usual: string[]) => fc.oneof({ weight: 1, arbitrary: word(...usual) }, nastyName());

const serviceDraft = fc.record({
  image: fc.oneof(
    word('nginx:1.25', 'postgres:16', 'redis', 'node:latest', `alpine@sha256:${'a'.repeat(64)}`, 'ubuntu'),
    nastyText(),
  ),
  ports: fc.subarray(['80:80', '443:443', '127.0.0.1:8080:8080', '5432', '2375:2375']),
  env: fc.array(fc.tuple(name('PASSWORD', 'API_TOKEN', 'LOG_LEVEL', 'AWS_SECRET_ACCESS_KEY'), nastyText()), {
    maxLength: 3,
  }),
  links: fc.array(
    fc.record({
      target: fc.nat(),
      scheme: word('http', 'https', 'postgres', 'redis', 'amqp', 'mysql', 'mongodb'),
      port: maybe(fc.integer({ min: 1, max: 65535 })),
      tls: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  labels: fc.array(fc.tuple(nastyName(), nastyText()), { maxLength: 2 }),
  privileged: fc.boolean(),
  capAdd: fc.array(
    fc.oneof(word('SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'ALL', 'NET_BIND_SERVICE'), nastyText()),
    {
      maxLength: 2,
    },
  ),
  capDropAll: fc.boolean(),
  volumes: fc.array(
    fc.oneof(
      word('/var/run/docker.sock:/var/run/docker.sock:ro', '/etc:/host/etc', '/:/host', './data:/data'),
      nastyText().map((t) => `/srv/${t}:/data/${t}`),
    ),
    { maxLength: 2 },
  ),
  readOnly: fc.boolean(),
  user: maybe(fc.oneof(word('1000', '0', 'root', '1000:1000'), nastyText())),
  containerName: maybe(nastyName()),
  securityOpt: fc.subarray([
    'no-new-privileges:true',
    'seccomp:unconfined',
    'apparmor:unconfined',
    'label:disable',
  ]),
  networks: fc.array(fc.nat(), { maxLength: 2 }),
  dependsOn: fc.array(fc.nat(), { maxLength: 2 }),
  command: maybe(nastyText()),
  hostNetwork: fc.boolean(),
});

type ServiceDraft = typeof serviceDraft extends fc.Arbitrary<infer T> ? T : never;

const composeDraft = fc.record({
  project: maybe(nastyName()),
  services: fc.uniqueArray(fc.tuple(name('web', 'api', 'db', 'cache', 'proxy', 'worker'), serviceDraft), {
    selector: ([n]) => n,
    minLength: 1,
    maxLength: 3,
  }),
  networks: fc.uniqueArray(name('front', 'back'), { maxLength: 2 }),
  unknownKey: maybe(fc.tuple(nastyName(), nastyText())),
});

/** A compose file as JSON (which YAML reads), so that any text survives as a key or value. */
function composeText(draft: typeof composeDraft extends fc.Arbitrary<infer T> ? T : never): string {
  const names = draft.services.map(([n]) => n);
  const pick = (i: number, list: readonly string[]) => list[i % list.length]!;
  const service = ([own, s]: [string, ServiceDraft]): [string, Record<string, unknown>] => {
    const environment: Record<string, string> = {};
    for (const [key, value] of s.env) environment[key] = value;
    s.links.forEach((link, i) => {
      const host = pick(link.target, names);
      const port = link.port === undefined ? '' : `:${link.port}`;
      environment[`LINK_${i}_URL`] = `${link.scheme}://${host}${port}/x${link.tls ? '?sslmode=require' : ''}`;
    });
    const labels: Record<string, string> = {};
    for (const [key, value] of s.labels) labels[key] = value;
    const others = names.filter((n) => n !== own);
    return [
      own,
      {
        image: s.image,
        ...(s.ports.length ? { ports: s.ports } : {}),
        ...(Object.keys(environment).length ? { environment } : {}),
        ...(Object.keys(labels).length ? { labels } : {}),
        ...(s.privileged ? { privileged: true } : {}),
        ...(s.capAdd.length ? { cap_add: s.capAdd } : {}),
        ...(s.capDropAll ? { cap_drop: ['ALL'] } : {}),
        ...(s.volumes.length ? { volumes: s.volumes } : {}),
        ...(s.readOnly ? { read_only: true } : {}),
        ...(s.user !== undefined ? { user: s.user } : {}),
        ...(s.containerName !== undefined ? { container_name: s.containerName } : {}),
        ...(s.securityOpt.length ? { security_opt: s.securityOpt } : {}),
        ...(s.hostNetwork ? { network_mode: 'host' } : {}),
        ...(!s.hostNetwork && s.networks.length && draft.networks.length
          ? { networks: [...new Set(s.networks.map((i) => pick(i, draft.networks)))] }
          : {}),
        ...(s.dependsOn.length && others.length
          ? { depends_on: [...new Set(s.dependsOn.map((i) => pick(i, others)))] }
          : {}),
        ...(s.command !== undefined ? { command: s.command } : {}),
      },
    ];
  };
  const doc: Record<string, unknown> = {
    ...(draft.project !== undefined ? { name: draft.project } : {}),
    services: Object.fromEntries(draft.services.map(service)),
    ...(draft.networks.length ? { networks: Object.fromEntries(draft.networks.map((n) => [n, {}])) } : {}),
    ...(draft.unknownKey ? { [draft.unknownKey[0]]: draft.unknownKey[1] } : {}),
  };
  return JSON.stringify(doc, null, 2);
}

const kubernetesDraft = fc.record({
  name: name('shop', 'payments'),
  namespace: maybe(name('prod', 'default')),
  container: name('app', 'sidecar'),
  image: fc.oneof(word('nginx', 'redis:7'), nastyText()),
  env: fc.array(fc.tuple(name('DB_PASSWORD', 'MODE'), nastyText()), { maxLength: 2 }),
  privileged: fc.boolean(),
  runAsNonRoot: fc.boolean(),
  hostPath: maybe(fc.oneof(word('/var/run/docker.sock', '/etc'), nastyText())),
  serviceType: word('ClusterIP', 'NodePort', 'LoadBalancer'),
  port: fc.integer({ min: 1, max: 65535 }),
});

/** A Deployment and the Service in front of it, each document a JSON mapping. */
function kubernetesText(k: typeof kubernetesDraft extends fc.Arbitrary<infer T> ? T : never): string {
  const metadata = { name: k.name, ...(k.namespace !== undefined ? { namespace: k.namespace } : {}) };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { ...metadata, labels: { app: k.name } },
    spec: {
      selector: { matchLabels: { app: k.name } },
      template: {
        metadata: { labels: { app: k.name } },
        spec: {
          containers: [
            {
              name: k.container,
              image: k.image,
              env: k.env.map(([n, value]) => ({ name: n, value })),
              ports: [{ containerPort: k.port }],
              securityContext: { privileged: k.privileged, runAsNonRoot: k.runAsNonRoot },
              ...(k.hostPath !== undefined ? { volumeMounts: [{ name: 'host', mountPath: '/host' }] } : {}),
            },
          ],
          ...(k.hostPath !== undefined
            ? { volumes: [{ name: 'host', hostPath: { path: k.hostPath } }] }
            : {}),
        },
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: { type: k.serviceType, selector: { app: k.name }, ports: [{ port: k.port }] },
  };
  return `${JSON.stringify(deployment)}\n---\n${JSON.stringify(service)}\n`;
}

const dockerfileDraft = fc.record({
  from: fc.oneof(word('ubuntu:22.04', 'debian', 'scratch', 'gcr.io/distroless/static'), nastyText()),
  env: fc.array(fc.tuple(name('SECRET_KEY', 'PATH'), nastyText()), { maxLength: 2 }),
  label: nastyText(),
  user: maybe(nastyText()),
  addUrl: maybe(nastyText()),
  pipeToShell: fc.boolean(),
  procWorkdir: fc.boolean(),
});

/** A Dockerfile written as a user would, hostile text unquoted: broken lines are the point. */
function dockerfileText(d: typeof dockerfileDraft extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = [`FROM ${d.from}`];
  for (const [key, value] of d.env) lines.push(`ENV ${key}=${value}`);
  lines.push(`LABEL note="${d.label}"`);
  if (d.addUrl !== undefined) lines.push(`ADD https://example.invalid/${d.addUrl} /opt/`);
  if (d.pipeToShell) lines.push('RUN curl -fsSL https://example.invalid/install.sh | sh');
  if (d.procWorkdir) lines.push('WORKDIR /proc/self/fd/8');
  if (d.user !== undefined) lines.push(`USER ${d.user}`);
  return `${lines.join('\n')}\n`;
}

const filesDraft = fc.record({
  folder: fc.oneof({ weight: 4, arbitrary: word('app', 'shop', 'deploy/prod') }, nastyName()),
  compose: composeDraft,
  kubernetes: maybe(kubernetesDraft),
  dockerfile: maybe(dockerfileDraft),
  /** Any text under a YAML name: unreadable files give diagnostics that quote it. */
  junk: maybe(nastyText()),
});

function filesOf(draft: typeof filesDraft extends fc.Arbitrary<infer T> ? T : never): ImportFile[] {
  const files: ImportFile[] = [{ path: `${draft.folder}/compose.yml`, text: composeText(draft.compose) }];
  if (draft.kubernetes)
    files.push({ path: `${draft.folder}/k8s/app.yaml`, text: kubernetesText(draft.kubernetes) });
  if (draft.dockerfile)
    files.push({ path: `${draft.folder}/Dockerfile`, text: dockerfileText(draft.dockerfile) });
  if (draft.junk !== undefined) files.push({ path: `${draft.folder}/${draft.junk}.yml`, text: draft.junk });
  return files;
}

/** Node ids the generated trees have for these elements and flows (and one they never have), for
 * decisions, notes and added nodes to hang under. */
function treeNodeCandidates(model: ThreatModel): string[] {
  const ids = ['no-such-node'];
  for (const e of model.elements) {
    if (e.workload !== undefined)
      for (const goal of ['persist', 'secrets', 'data', 'lateral']) ids.push(`goal:${goal}:${e.workload}`);
    if (e.kind === 'host') ids.push(`goal:host-root:${e.id}`, `goal:hijack:${e.id}`);
  }
  for (const f of model.flows) ids.push(`goal:flow:${f.id}`);
  return ids;
}

const time = fc
  .integer({ min: 0, max: 59 })
  .map((m) => `2026-03-01T11:${String(m).padStart(2, '0')}:00.000Z`);

function assumptionValue(key: (typeof ASSUMPTION_KEYS)[number]): fc.Arbitrary<AssumptionValue> {
  return fc.constantFrom(...ASSUMPTIONS[key].values);
}

const assumptions = fc.record(
  Object.fromEntries(ASSUMPTION_KEYS.map((key) => [key, assumptionValue(key)])) as Record<
    (typeof ASSUMPTION_KEYS)[number],
    fc.Arbitrary<AssumptionValue>
  >,
  { requiredKeys: [] },
);

/** The workshop's edits, made against the ids the imported model has. */
function edits(imported: ThreatModel): fc.Arbitrary<GeneratedModel> {
  const importedBoundaries = imported.boundaries.map((b) => b.id);
  const nodes = treeNodeCandidates(imported);
  return fc
    .record({
      renames: fc.array(fc.tuple(fc.nat(), nastyName(), maybe(nastyText())), { maxLength: 3 }),
      boundaries: fc.array(
        fc.record({ kind: fc.constantFrom(...BOUNDARY_KINDS), name: nastyName(), parent: maybe(fc.nat()) }),
        { maxLength: 3 },
      ),
      elements: fc.array(
        fc.record({
          kind: fc.constantFrom(...ELEMENT_KINDS),
          name: nastyName(),
          technology: maybe(nastyText()),
          description: maybe(nastyText()),
          boundary: maybe(fc.nat()),
        }),
        { maxLength: 4 },
      ),
      flows: fc.array(
        fc.record({
          from: fc.nat(),
          to: fc.nat(),
          protocol: fc.oneof(word('http', 'https', 'grpc', 'postgresql'), nastyText()),
          port: maybe(fc.integer({ min: 0, max: 65535 })),
          protection: fc.constantFrom(...PROTECTIONS),
          authentication: maybe(nastyText()),
          data: maybe(nastyText()),
        }),
        { maxLength: 4 },
      ),
      protections: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PROTECTIONS)), { maxLength: 2 }),
      states: fc.array(
        fc.record({
          target: fc.nat(),
          mitigation: fc.constantFrom(...MITIGATION_IDS),
          state: fc.constantFrom(...STATES),
          reason: nastyText(),
          author: maybe(nastyText()),
          at: time,
        }),
        { maxLength: 4 },
      ),
      assumptions,
      decisions: fc.array(
        fc.record({
          node: fc.constantFrom(...nodes),
          goal: maybe(fc.constantFrom(...nodes)),
          decision: fc.constantFrom(...DECISIONS),
          owner: maybe(nastyText()),
          due: maybe(word('2026-04-01', '2027-12-31')),
          note: maybe(nastyText()),
          mitigation: maybe(fc.constantFrom(...MITIGATION_IDS)),
          at: time,
        }),
        { maxLength: 3 },
      ),
      treeNodes: fc.array(
        fc.record({
          parent: fc.constantFrom(...nodes),
          kind: word('step', 'defence', 'note'),
          label: nastyName(),
          description: maybe(nastyText()),
          cost: maybe(fc.double({ min: 0, max: 1000, noNaN: true })),
          time: maybe(fc.double({ min: 0, max: 1000, noNaN: true })),
          skill: maybe(fc.integer({ min: 0, max: 10 })),
          probability: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
          active: maybe(fc.boolean()),
        }),
        { maxLength: 4 },
      ),
      notes: fc.array(
        fc.record({ target: fc.nat(), text: nastyText(), author: maybe(nastyText()), at: time }),
        { maxLength: 3 },
      ),
      document: fc.record({
        version: nastyText(),
        authors: fc.array(nastyName(), { maxLength: 3 }),
        classification: nastyText(),
        organization: nastyText(),
      }),
      description: nastyText(),
      positions: fc.array(
        fc.record({
          target: fc.nat(),
          x: fc.integer({ min: -3000, max: 3000 }),
          y: fc.integer({ min: -3000, max: 3000 }),
          width: fc.integer({ min: 40, max: 900 }),
          height: fc.integer({ min: 40, max: 900 }),
        }),
        { maxLength: 4 },
      ),
    })
    .map((e): GeneratedModel => {
      const boundaries: ModelBoundary[] = imported.boundaries.map((b) => ({ ...b }));
      e.boundaries.forEach((b, i) => {
        // A parent among the boundaries made before this one, so parents never form a cycle.
        const parents = [
          ...importedBoundaries,
          ...e.boundaries.slice(0, i).map((_, j) => `user-boundary-${j}`),
        ];
        const parent =
          b.parent !== undefined && parents.length ? parents[b.parent % parents.length] : undefined;
        boundaries.push({
          id: `user-boundary-${i}`,
          kind: b.kind,
          name: b.name,
          origin: 'user',
          ...(parent !== undefined ? { parent } : {}),
        });
      });
      const boundaryIds = boundaries.map((b) => b.id);

      const elements: ModelElement[] = imported.elements.map((el) => ({ ...el }));
      for (const [index, newName, description] of e.renames) {
        if (!elements.length) break;
        const el = elements[index % elements.length]!;
        el.name = newName;
        if (description !== undefined) el.description = description;
      }
      e.elements.forEach((el, i) => {
        const boundary =
          el.boundary !== undefined && boundaryIds.length
            ? boundaryIds[el.boundary % boundaryIds.length]
            : undefined;
        elements.push({
          id: `user-element-${i}`,
          kind: el.kind,
          name: el.name,
          origin: 'user',
          ...(boundary !== undefined ? { boundary } : {}),
          ...(el.technology !== undefined ? { technology: el.technology } : {}),
          ...(el.description !== undefined ? { description: el.description } : {}),
        });
      });
      const elementIds = elements.map((el) => el.id);

      const flows: ModelFlow[] = imported.flows.map((f) => ({ ...f }));
      for (const [index, protection] of e.protections) {
        if (flows.length) flows[index % flows.length]!.protection = protection;
      }
      // A model whose configs gave nothing and with nothing drawn has nothing to connect or edit.
      if (elementIds.length > 0)
        e.flows.forEach((f, i) => {
          flows.push({
            id: `user-flow-${i}`,
            from: elementIds[f.from % elementIds.length]!,
            to: elementIds[f.to % elementIds.length]!,
            protocol: f.protocol,
            ...(f.port !== undefined ? { port: f.port } : {}),
            protection: f.protection,
            ...(f.authentication !== undefined ? { authentication: f.authentication } : {}),
            ...(f.data !== undefined ? { data: f.data } : {}),
            origin: 'user',
          });
        });
      const targets = [...elementIds, ...flows.map((f) => f.id)];
      const mitigationStates: MitigationStateEdit[] = (targets.length ? e.states : []).map((s) => ({
        target: targets[s.target % targets.length]!,
        mitigation: s.mitigation,
        state: s.state,
        // A reason is required where the state needs one, and allowed elsewhere.
        ...(s.state === 'not-applicable' || s.state === 'accepted-risk' || s.reason.length % 2
          ? { reason: s.reason }
          : {}),
        ...(s.author !== undefined ? { author: s.author } : {}),
        at: s.at,
      }));
      const decisions: WorkshopDecision[] = e.decisions.map((d, i) => ({
        id: `decision-${i}`,
        node: d.node,
        ...(d.goal !== undefined ? { goal: d.goal } : {}),
        decision: d.decision,
        ...(d.owner !== undefined ? { owner: d.owner } : {}),
        ...(d.due !== undefined ? { due: d.due } : {}),
        ...(d.note !== undefined ? { note: d.note } : {}),
        ...(d.mitigation !== undefined ? { mitigation: d.mitigation } : {}),
        at: d.at,
      }));
      const treeNodes: UserTreeNode[] = e.treeNodes.map((n, i) => ({
        id: `user-node-${i}`,
        parent: n.parent,
        kind: n.kind as UserTreeNode['kind'],
        label: n.label,
        ...(n.description !== undefined ? { description: n.description } : {}),
        ...(n.kind === 'step'
          ? {
              ...(n.cost !== undefined ? { cost: n.cost } : {}),
              ...(n.time !== undefined ? { time: n.time } : {}),
              ...(n.skill !== undefined ? { skill: n.skill } : {}),
              ...(n.probability !== undefined ? { probability: n.probability } : {}),
            }
          : {}),
        ...(n.kind === 'defence' && n.active !== undefined ? { active: n.active } : {}),
      }));
      const noteTargets = [...targets, ...boundaryIds, ...nodes];
      const notes: ModelNote[] = e.notes.map((n, i) => ({
        id: `note-${i}`,
        target: noteTargets[n.target % noteTargets.length]!,
        text: n.text,
        ...(n.author !== undefined ? { author: n.author } : {}),
        at: n.at,
      }));

      const positions: Record<string, Position> = {};
      const placeable = [...elementIds, ...boundaryIds];
      for (const p of placeable.length ? e.positions : []) {
        const id = placeable[p.target % placeable.length]!;
        positions[id] = boundaryIds.includes(id)
          ? { x: p.x, y: p.y, width: p.width, height: p.height }
          : { x: p.x, y: p.y };
      }

      const byId = <T extends { id: string }>(items: T[]): T[] =>
        items.sort((a, b) => compareText(a.id, b.id));
      const model: ThreatModel = {
        ...imported,
        description: e.description,
        document: e.document,
        elements: byId(elements),
        boundaries: byId(boundaries),
        flows: byId(flows),
        mitigationStates: mitigationStates.sort(
          (a, b) =>
            compareText(a.target, b.target) ||
            compareText(a.mitigation, b.mitigation) ||
            compareText(a.at, b.at),
        ),
        assumptions: e.assumptions,
        decisions: byId(decisions),
        treeNodes: byId(treeNodes),
        notes: byId(notes),
      };
      return { model, layout: { positions } };
    });
}

/** A model imported from hostile config files, then edited with hostile text. */
export function threatModelArbitrary(): fc.Arbitrary<GeneratedModel> {
  return fc.tuple(filesDraft, nastyName()).chain(([draft, modelName]) => {
    let id = 0;
    const { model } = modelFromImport(filesOf(draft), NOW, { newId: () => `model-${++id}`, name: modelName });
    return edits(model);
  });
}
