import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../models/topology';
import { bundle } from './bundle-builder';

const shop = () =>
  bundle()
    .namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' })
    .namespace('data')
    .k8s('shop', 'Deployment', 'web')
    .k8s('shop', 'Deployment', 'api')
    .k8s('data', 'StatefulSet', 'postgres', { image: 'postgres:16' })
    .service('shop', 'api', { ports: [{ port: 8080, name: 'http' }] })
    .service('data', 'postgres', { ports: [{ port: 5432 }] });

describe('kubernetes flows', () => {
  it.each([
    ['http://api:8080', 'k8s:shop/Deployment/api'],
    ['http://api.shop:8080', 'k8s:shop/Deployment/api'],
    ['http://api.shop.svc:8080', 'k8s:shop/Deployment/api'],
    ['http://api.shop.svc.cluster.local:8080', 'k8s:shop/Deployment/api'],
    ['postgres://postgres.data.svc.cluster.local/x', 'k8s:data/StatefulSet/postgres'],
    ['postgres://postgres-0.postgres.data.svc.cluster.local/x', 'k8s:data/StatefulSet/postgres'],
  ])('resolves %s to the workload behind the Service', (url, target) => {
    const topology = buildTopology(
      shop()
        .k8s('shop', 'Deployment', 'client', { env: { TARGET_URL: url } })
        .build(),
    );
    expect(topology.flows.map((f) => [f.from, f.to])).toEqual([['k8s:shop/Deployment/client', target]]);
  });

  it('does not resolve a Service of another namespace by its short name', () => {
    const topology = buildTopology(
      shop()
        .k8s('shop', 'Deployment', 'client', { env: { DB_HOST: 'postgres' } })
        .build(),
    );
    expect(topology.flows).toEqual([]);
    expect(topology.diagnostics).toMatchObject([
      { code: 'TOPOLOGY_UNRESOLVED_HOST', path: 'spec.environment.DB_HOST' },
    ]);
  });

  it('does not resolve a workload name that no Service carries', () => {
    const topology = buildTopology(
      shop()
        .k8s('shop', 'Deployment', 'client', { env: { WEB_URL: 'http://web' } })
        .build(),
    );
    expect(topology.flows).toEqual([]);
    expect(topology.diagnostics.map((d) => d.code)).toEqual(['TOPOLOGY_UNRESOLVED_HOST']);
  });

  it('takes the port and protocol of a host variable from the Service', () => {
    const topology = buildTopology(
      shop()
        .k8s('shop', 'Deployment', 'client', { env: { API_HOST: 'api' } })
        .build(),
    );
    expect(topology.flows[0]).toMatchObject({ protocol: 'http', port: 8080, protection: 'unknown' });
  });

  it('creates a flow to every workload a Service selects', () => {
    const topology = buildTopology(
      bundle()
        .k8s('ns', 'Deployment', 'api-v1', { podLabels: { app: 'api', version: 'v1' } })
        .k8s('ns', 'Deployment', 'api-v2', { podLabels: { app: 'api', version: 'v2' } })
        .k8s('ns', 'Deployment', 'web', { env: { API_URL: 'http://api' } })
        .service('ns', 'api')
        .build(),
    );
    expect(topology.flows.map((f) => f.to)).toEqual(['k8s:ns/Deployment/api-v1', 'k8s:ns/Deployment/api-v2']);
  });

  it('infers no flow from a Service nobody names', () => {
    expect(buildTopology(shop().build()).flows).toEqual([]);
  });

  it('reports a Service that selects nothing', () => {
    const topology = buildTopology(bundle().k8s('ns', 'Deployment', 'web').service('ns', 'ghost').build());
    expect(topology.diagnostics).toMatchObject([
      { code: 'TOPOLOGY_SERVICE_SELECTS_NOTHING', severity: 'info' },
    ]);
  });

  it('follows an ExternalName Service to an external element', () => {
    const topology = buildTopology(
      bundle()
        .k8s('ns', 'Deployment', 'payments', { env: { PSP_URL: 'https://psp/v1' } })
        .service('ns', 'psp', {
          type: 'ExternalName',
          externalName: 'api.payments.example.com',
          selector: {},
        })
        .build(),
    );
    expect(topology.flows.map((f) => [f.to, f.protection])).toEqual([
      ['external:api.payments.example.com', 'tls'],
    ]);
  });

  it('routes Ingress rules from the internet, with TLS for the hosts of its tls entries', () => {
    const topology = buildTopology(
      shop()
        .service('shop', 'web')
        .ingress(
          'shop',
          'shop',
          [
            { host: 'shop.example.com', service: 'web' },
            { host: 'api.example.com', path: '/v1', service: 'api' },
          ],
          ['shop.example.com'],
        )
        .build(),
    );
    expect(topology.flows.map((f) => [f.from, f.to, f.port, f.protection, f.inferredFrom[0]!.kind])).toEqual([
      ['internet', 'k8s:shop/Deployment/api', 80, 'none', 'ingress'],
      ['internet', 'k8s:shop/Deployment/web', 443, 'tls', 'ingress'],
    ]);
    expect(topology.flows[1]!.boundariesCrossed).toEqual([
      'boundary:internet',
      'boundary:cluster:kubernetes',
      'boundary:namespace:shop',
    ]);
  });

  it('matches wildcard TLS hosts one label deep', () => {
    const topology = buildTopology(
      shop()
        .ingress(
          'shop',
          'wild',
          [
            { host: 'api.example.com', service: 'api' },
            { host: 'a.b.example.com', service: 'api' },
          ],
          ['*.example.com'],
        )
        .build(),
    );
    expect(topology.flows.map((f) => [f.port, f.protection, f.inferredFrom[0]!.detail])).toEqual([
      [443, 'tls', 'wild api.example.com → api'],
      [80, 'none', 'wild a.b.example.com → api'],
    ]);
  });

  it('reports an Ingress backend that does not exist', () => {
    const topology = buildTopology(
      shop()
        .ingress('shop', 'shop', [{ service: 'nope' }])
        .build(),
    );
    expect(topology.diagnostics.map((d) => d.code)).toEqual(['TOPOLOGY_UNKNOWN_INGRESS_BACKEND']);
  });

  it('exposes NodePort and LoadBalancer Services to the internet', () => {
    const topology = buildTopology(
      bundle()
        .k8s('ns', 'Deployment', 'web')
        .k8s('ns', 'Deployment', 'admin')
        .service('ns', 'web', { type: 'LoadBalancer', ports: [{ port: 443, name: 'https' }] })
        .service('ns', 'admin', { type: 'NodePort', ports: [{ port: 8080, nodePort: 30080 }] })
        .build(),
    );
    expect(topology.flows.map((f) => [f.to, f.port, f.protection, f.inferredFrom[0]!.kind])).toEqual([
      ['k8s:ns/Deployment/admin', 30080, 'unknown', 'node-port'],
      ['k8s:ns/Deployment/web', 443, 'tls', 'load-balancer'],
    ]);
  });

  it('takes a port named http on 80 for plaintext, as port 80 alone is', () => {
    const topology = buildTopology(
      bundle()
        .k8s('ns', 'Deployment', 'frontend')
        .k8s('ns', 'Deployment', 'loadgenerator', { env: { FRONTEND_ADDR: 'frontend:80' } })
        .service('ns', 'frontend-external', {
          type: 'LoadBalancer',
          selector: { app: 'frontend' },
          ports: [{ port: 80, name: 'http' }],
        })
        .service('ns', 'frontend', { ports: [{ port: 80, name: 'http' }] })
        .build(),
    );
    expect(topology.flows.map((f) => [f.from, f.to, f.protocol, f.port, f.protection])).toEqual([
      ['internet', 'k8s:ns/Deployment/frontend', 'http', 80, 'none'],
      ['k8s:ns/Deployment/loadgenerator', 'k8s:ns/Deployment/frontend', 'http', 80, 'none'],
    ]);
  });

  it('exposes a hostPort to the internet', () => {
    const topology = buildTopology(
      bundle()
        .k8s('ns', 'DaemonSet', 'agent', { ports: [{ host: 9100, container: 9100 }] })
        .build(),
    );
    expect(topology.flows).toMatchObject([
      { from: 'internet', port: 9100, inferredFrom: [{ detail: 'hostPort 9100:9100' }] },
    ]);
  });
});
