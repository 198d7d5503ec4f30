import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../models/topology';
import { bundle } from './bundle-builder';

const flowsOf = (b: ReturnType<typeof bundle>) => buildTopology(b.build()).flows;

describe('compose flows', () => {
  it('turns a bare depends_on into a flow of unknown protocol and protection', () => {
    const [flow] = flowsOf(
      bundle()
        .compose('p', 'web', { dependsOn: ['api'] })
        .compose('p', 'api'),
    );
    expect(flow).toMatchObject({
      from: 'compose:p/web',
      to: 'compose:p/api',
      protocol: 'unknown',
      protection: 'unknown',
      inferredFrom: [{ kind: 'depends-on', detail: 'api' }],
    });
    expect(flow!.port).toBeUndefined();
  });

  it('gives a dependency on a data store the store’s protocol and port', () => {
    const [flow] = flowsOf(
      bundle()
        .compose('p', 'api', { dependsOn: ['db'] })
        .compose('p', 'db', { image: 'postgres:16' }),
    );
    expect(flow).toMatchObject({ protocol: 'postgresql', port: 5432, protection: 'unknown' });
  });

  it('merges a dependency into the flow an environment URL describes', () => {
    const flows = flowsOf(
      bundle()
        .compose('p', 'web', { dependsOn: ['api'], env: { API_URL: 'http://api:8080' } })
        .compose('p', 'api'),
    );
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({ protocol: 'http', port: 8080, protection: 'none' });
    expect(flows[0]!.inferredFrom.map((o) => o.kind)).toEqual(['depends-on', 'env-url']);
  });

  it('reports a dependency on a service the project does not define', () => {
    const topology = buildTopology(
      bundle()
        .compose('p', 'web', { dependsOn: ['ghost'] })
        .build(),
    );
    expect(topology.flows).toEqual([]);
    expect(topology.diagnostics).toMatchObject([
      { code: 'TOPOLOGY_UNKNOWN_DEPENDENCY', severity: 'warning', path: 'services.web.depends_on[0]' },
    ]);
  });

  it('resolves link aliases, container names and network aliases', () => {
    const flows = flowsOf(
      bundle()
        .compose('p', 'app', {
          links: ['db:database'],
          env: {
            DB_URL: 'postgres://database/x',
            CACHE_URL: 'redis://shop-cache:6379',
            Q_URL: 'amqp://mq.internal',
          },
        })
        .compose('p', 'db', { image: 'postgres' })
        .compose('p', 'cache', { image: 'redis', aliases: ['shop-cache'] })
        .compose('p', 'queue', { image: 'rabbitmq', aliases: ['mq.internal'] }),
    );
    expect(flows.map((f) => [f.to, f.inferredFrom.map((o) => o.kind).join('+')])).toEqual([
      ['compose:p/cache', 'env-url'],
      ['compose:p/db', 'env-url+link'],
      ['compose:p/queue', 'env-url'],
    ]);
  });

  it('resolves names per project', () => {
    const topology = buildTopology(
      bundle()
        .compose('a', 'web', { env: { API_URL: 'http://api' } })
        .compose('b', 'api')
        .build(),
    );
    expect(topology.flows).toEqual([]);
    expect(topology.diagnostics.map((d) => d.code)).toEqual(['TOPOLOGY_UNRESOLVED_HOST']);
  });

  it('makes one external element per host reached', () => {
    const topology = buildTopology(
      bundle()
        .compose('p', 'payments', {
          env: {
            PSP_URL: 'https://api.payments.example.com/v1',
            PSP_WEBHOOK_URL: 'https://api.payments.example.com/hooks',
          },
        })
        .compose('p', 'mailer', { env: { SMTP_HOST: 'smtp.example.net', SMTP_PORT: '465' } })
        .build(),
    );
    expect(topology.elements.filter((e) => e.kind === 'external').map((e) => e.id)).toEqual([
      'external:api.payments.example.com',
      'external:smtp.example.net',
    ]);
    expect(topology.flows.map((f) => [f.id, f.protection])).toEqual([
      ['flow:compose:p/mailer->external:smtp.example.net:smtp:465', 'tls'],
      ['flow:compose:p/payments->external:api.payments.example.com:http:443', 'tls'],
    ]);
  });

  it('ignores loopback and unspecified addresses', () => {
    const topology = buildTopology(
      bundle()
        .compose('p', 'app', {
          env: { METRICS_URL: 'http://localhost:9090', BIND_ADDR: '0.0.0.0:80', UPSTREAM_HOST: '127.0.0.1' },
        })
        .build(),
    );
    expect(topology.flows).toEqual([]);
    expect(topology.diagnostics).toEqual([]);
  });

  it('reaches the Docker host through host.docker.internal', () => {
    const [flow] = flowsOf(
      bundle().compose('p', 'app', { env: { OTEL_ENDPOINT: 'http://host.docker.internal:4318' } }),
    );
    expect(flow).toMatchObject({ to: 'host:p', port: 4318 });
  });

  it('draws published ports as flows from the internet, with the host port', () => {
    const topology = buildTopology(
      bundle()
        .compose('p', 'web', {
          ports: [
            { host: 8080, container: 80 },
            { host: 8443, container: 443 },
            { container: 9000, published: false },
          ],
        })
        .build(),
    );
    expect(topology.flows.map((f) => [f.from, f.protocol, f.port, f.protection])).toEqual([
      ['internet', 'http', 8080, 'none'],
      ['internet', 'http', 8443, 'tls'],
    ]);
    expect(topology.elements.find((e) => e.id === 'internet')).toMatchObject({
      kind: 'internet',
      boundary: 'boundary:internet',
    });
  });

  it('has no internet element when nothing is published', () => {
    const topology = buildTopology(
      bundle()
        .compose('p', 'web', { ports: [{ container: 80 }] })
        .build(),
    );
    expect(topology.elements.map((e) => e.id)).toEqual(['compose:p/web', 'host:p']);
  });

  it('marks flows over an encrypted overlay as IPsec', () => {
    const [flow] = flowsOf(
      bundle()
        .network('p', 'secure', { encrypted: true })
        .compose('p', 'app', { networks: ['secure'], env: { REDIS_URL: 'redis://cache:6379' } })
        .compose('p', 'cache', { image: 'redis', networks: ['secure'] }),
    );
    expect(flow).toMatchObject({
      protection: 'ipsec',
      protectionEvidence: { detail: expect.stringContaining('secure') },
    });
  });

  it('keeps TLS over an encrypted overlay, and plaintext when a shared network is not encrypted', () => {
    const b = bundle()
      .network('p', 'secure', { encrypted: true })
      .network('p', 'plain')
      .compose('p', 'app', { networks: ['secure', 'plain'], env: { A_URL: 'https://a', B_URL: 'http://b' } })
      .compose('p', 'a', { networks: ['secure'] })
      .compose('p', 'b', { networks: ['secure', 'plain'] });
    expect(flowsOf(b).map((f) => [f.to, f.protection])).toEqual([
      ['compose:p/a', 'tls'],
      ['compose:p/b', 'none'],
    ]);
  });

  it('reads the environment an image sets in its Dockerfile', () => {
    const [flow] = flowsOf(
      bundle()
        .dockerfile('services/worker/Dockerfile', { BROKER_URL: 'amqp://rabbitmq:5672' })
        .compose('p', 'worker', { dockerfile: 'services/worker/Dockerfile' })
        .compose('p', 'rabbitmq', { image: 'rabbitmq:3' }),
    );
    expect(flow).toMatchObject({ to: 'compose:p/rabbitmq', protocol: 'amqp', protection: 'none' });
  });

  it('lets the runtime environment override the image’s', () => {
    const [flow] = flowsOf(
      bundle()
        .dockerfile('Dockerfile', { BROKER_URL: 'amqp://rabbitmq:5672' })
        .compose('p', 'worker', { dockerfile: 'Dockerfile', env: { BROKER_URL: 'amqps://rabbitmq:5671' } })
        .compose('p', 'rabbitmq', { image: 'rabbitmq:3' }),
    );
    expect(flow).toMatchObject({ port: 5671, protection: 'tls' });
  });

  it('treats a service built FROM a data-store image as a data store', () => {
    const topology = buildTopology(
      bundle()
        .dockerfile('db/Dockerfile', {}, 'postgres:16')
        .compose('p', 'db', { dockerfile: 'db/Dockerfile' })
        .compose('p', 'db2', { image: 'acme/shop-db:3', dockerfile: 'db/Dockerfile' })
        .build(),
    );
    expect(topology.elements.filter((e) => e.kind === 'data-store').map((e) => e.name)).toEqual([
      'db',
      'db2',
    ]);
    expect(topology.elements[0]).toMatchObject({ technology: 'postgres', port: 5432 });
  });

  it('skips Dockerfile workloads: they are images, not running elements', () => {
    const topology = buildTopology(bundle().compose('p', 'img', { kind: 'dockerfile' }).build());
    expect(topology.elements).toEqual([]);
  });

  it('marks credentials from the URL or a variable of the same connection', () => {
    const flows = flowsOf(
      bundle()
        .compose('p', 'orders', {
          env: {
            DB_URL: 'postgres://orders:${ORDERS_DB_PASSWORD}@db:5432/orders?sslmode=disable',
            REDIS_URL: 'redis://cache:6379',
          },
        })
        .compose('p', 'db', { image: 'postgres' })
        .compose('p', 'cache', { image: 'redis' }),
    );
    expect(flows.map((f) => [f.to, f.carriesCredentials, f.protection])).toEqual([
      ['compose:p/cache', false, 'none'],
      ['compose:p/db', true, 'none'],
    ]);
  });
});
