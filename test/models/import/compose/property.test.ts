import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCompose } from '../../../../models/import/compose';
import { memoryContext } from './compose-view';

/**
 * Robustness: whatever the text, the importer returns (never throws, never needs its internal-error
 * safety net) and gives byte-identical output for the same input.
 */

const SEED = `name: shop
services:
  web:
    image: \${REGISTRY:-docker.io}/web:\${TAG}
    extends: {file: base.yml, service: base}
    privileged: "false"
    user: "1000:1000"
    ports: ["127.0.0.1:8080:80", "3000-3001", {target: 443, published: "8443", host_ip: "::1"}]
    volumes: ["./data:/data:ro", "/var/run/docker.sock:/var/run/docker.sock", {type: bind, source: /etc, target: /h}]
    security_opt: ["no-new-privileges:true", "seccomp=unconfined", "label:type:spc_t", {apparmor: false}]
    cap_add: [SYS_ADMIN]
    cap_drop: [all]
    environment: {A: "1", B: "\${B:?needed}", C: null}
    env_file: [{path: .env.web, required: false}]
    networks: {front: {aliases: [www]}, back: null}
    deploy: {replicas: 2, resources: {limits: {memory: 1g, pids: 10}, reservations: {devices: [{capabilities: [gpu]}]}}}
    build: {context: ., dockerfile: Dockerfile, args: [X=1], privileged: true}
    network_mode: "service:db"
    volumes_from: [db]
    tmpfs: [/run]
    healthcheck: {test: [NONE]}
    labels: [a=b]
  db:
    image: postgres
    volumes: [pg:/var/lib/postgresql/data]
    ports: !override ["5432:5432"]
    cap_add: !reset []
networks: {front: {}, back: {internal: true, driver_opts: {encrypted: ""}}}
volumes: {pg: {driver_opts: {type: none, o: bind, device: /srv/pg}}}
secrets: {s: {file: ./s.txt}}
`;

const context = memoryContext({
  'base.yml': 'services:\n  base:\n    image: b\n    extends: base\n',
  '.env': 'TAG=1\nB=2\n',
  '.env.web': 'SECRET=x\n',
});

function check(text: string, files = 1): void {
  const input = Array.from({ length: files }, (_, i) => ({
    path: i === 0 ? 'compose.yaml' : `o${i}.yaml`,
    text,
  }));
  const first = importCompose(input, context);
  expect(first.diagnostics.filter((d) => d.code === 'COMPOSE_INTERNAL_ERROR')).toEqual([]);
  expect(JSON.stringify(importCompose(input, context))).toBe(JSON.stringify(first));
}

type Edit =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number };

/** One edit of a text: delete a span, insert a fragment that matters to compose, or duplicate a line. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(
        '$',
        '${',
        '}',
        ':',
        '-',
        '[',
        ']',
        '{',
        '\n',
        '  ',
        '!reset ',
        '!override ',
        '*a',
        '&a ',
        '"',
        "'",
        '#',
        '/',
        '\\',
        '0',
        'null',
        '~',
      ),
      fc.string({ maxLength: 8 }),
    ),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
);

function apply(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length;
    if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.length);
    else if (e.kind === 'insert') out = out.slice(0, at) + e.text + out.slice(at);
    else {
      const start = out.lastIndexOf('\n', at) + 1;
      const end = out.indexOf('\n', at);
      const line = out.slice(start, end === -1 ? out.length : end + 1);
      out = out.slice(0, start) + line + out.slice(start);
    }
  }
  return out;
}

const SERVICE_KEYS = [
  'image',
  'build',
  'privileged',
  'read_only',
  'user',
  'pid',
  'ipc',
  'uts',
  'network_mode',
  'userns_mode',
  'use_api_socket',
  'cap_add',
  'cap_drop',
  'security_opt',
  'ports',
  'expose',
  'volumes',
  'volumes_from',
  'tmpfs',
  'devices',
  'device_cgroup_rules',
  'gpus',
  'sysctls',
  'environment',
  'env_file',
  'labels',
  'annotations',
  'secrets',
  'configs',
  'networks',
  'depends_on',
  'links',
  'profiles',
  'healthcheck',
  'deploy',
  'mem_limit',
  'mem_reservation',
  'cpus',
  'pids_limit',
  'scale',
  'extends',
  'container_name',
  'hostname',
];

describe('importCompose on arbitrary input', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => check(text)),
      { numRuns: 300 },
    );
  });

  it('survives random edits of a realistic file, also merged with itself', () => {
    fc.assert(
      fc.property(
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 2 }),
        (edits, files) => check(apply(SEED, edits), files),
      ),
      { numRuns: 400 },
    );
  });

  it('survives any JSON value under any service key and any top-level key', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const service = fc.dictionary(fc.constantFrom(...SERVICE_KEYS), value, { maxKeys: 6 });
    const document = fc.record(
      {
        services: fc.dictionary(fc.constantFrom('web', 'db', 'x'), fc.oneof(service, value), { maxKeys: 3 }),
        networks: value,
        volumes: value,
        secrets: value,
        include: value,
        name: value,
      },
      { requiredKeys: ['services'] },
    );
    fc.assert(
      fc.property(document, (doc) => check(JSON.stringify(doc))),
      { numRuns: 400 },
    );
  });
});
