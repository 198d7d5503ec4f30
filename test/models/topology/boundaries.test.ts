import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../models/topology';
import { bundle } from './bundle-builder';

describe('trust boundaries', () => {
  const topology = buildTopology(
    bundle()
      .network('shop', 'frontend')
      .network('shop', 'backend', { internal: true })
      .network('shop', 'unused')
      .compose('shop', 'web', {
        networks: ['frontend'],
        env: { API_URL: 'http://api:8080', DB_URL: 'postgres://db/x' },
      })
      .compose('shop', 'api', {
        networks: ['frontend', 'backend'],
        env: { DB_URL: 'postgres://db/x', PSP_URL: 'https://psp.example.com' },
      })
      .compose('shop', 'db', { image: 'postgres:16', networks: ['backend'] })
      .compose('shop', 'tools')
      .namespace('prod', { team: 'shop' })
      .k8s('prod', 'Deployment', 'catalog', { env: { SEARCH_URL: 'http://search.infra:9200' } })
      .k8s('infra', 'StatefulSet', 'search', { image: 'opensearchproject/opensearch:2' })
      .service('infra', 'search', { ports: [{ port: 9200 }] })
      .build(),
  );
  const boundary = (id: string) => topology.boundaries.find((b) => b.id === id)!;
  const element = (id: string) => topology.elements.find((e) => e.id === id)!;
  const flow = (from: string, to: string) => topology.flows.find((f) => f.from === from && f.to === to)!;

  it('nests networks in their Docker host and namespaces in the cluster', () => {
    expect(topology.boundaries.map((b) => [b.id, b.kind, b.parent ?? null])).toEqual([
      ['boundary:cluster:kubernetes', 'cluster', null],
      ['boundary:host:shop', 'host', null],
      ['boundary:internet', 'internet', null],
      ['boundary:namespace:infra', 'namespace', 'boundary:cluster:kubernetes'],
      ['boundary:namespace:prod', 'namespace', 'boundary:cluster:kubernetes'],
      ['boundary:network:shop/backend', 'network', 'boundary:host:shop'],
      ['boundary:network:shop/default', 'network', 'boundary:host:shop'],
      ['boundary:network:shop/frontend', 'network', 'boundary:host:shop'],
      ['boundary:network:shop/unused', 'network', 'boundary:host:shop'],
    ]);
    expect(boundary('boundary:network:shop/backend')).toMatchObject({ internal: true, encrypted: false });
  });

  it('records namespace labels with the name label the API server adds', () => {
    expect(boundary('boundary:namespace:prod').labels).toEqual({
      team: 'shop',
      'kubernetes.io/metadata.name': 'prod',
    });
  });

  it('puts a single-network service in its network, a multi-network one in the host', () => {
    expect(element('compose:shop/web')).toMatchObject({
      boundary: 'boundary:network:shop/frontend',
      memberOf: ['boundary:network:shop/frontend'],
    });
    expect(element('compose:shop/api')).toMatchObject({
      boundary: 'boundary:host:shop',
      memberOf: ['boundary:host:shop', 'boundary:network:shop/backend', 'boundary:network:shop/frontend'],
    });
    expect(element('compose:shop/tools').boundary).toBe('boundary:network:shop/default');
    expect(boundary('boundary:network:shop/frontend').members).toEqual([
      'compose:shop/api',
      'compose:shop/web',
    ]);
    expect(boundary('boundary:host:shop').members).toEqual(['compose:shop/api', 'host:shop']);
  });

  it('records the host or cluster that runs each workload', () => {
    expect(element('compose:shop/db').runsOn).toBe('host:shop');
    expect(element('k8s:prod/Deployment/catalog').runsOn).toBe('cluster:kubernetes');
    expect(element('host:shop')).toMatchObject({ kind: 'host', boundary: 'boundary:host:shop' });
    expect(element('cluster:kubernetes')).toMatchObject({
      kind: 'cluster',
      boundary: 'boundary:cluster:kubernetes',
    });
  });

  it('crosses nothing between services on a shared network', () => {
    expect(flow('compose:shop/web', 'compose:shop/api')).toMatchObject({
      crossesBoundary: false,
      boundariesCrossed: [],
    });
    expect(flow('compose:shop/api', 'compose:shop/db').crossesBoundary).toBe(false);
  });

  it('crosses both networks between services that share none', () => {
    expect(flow('compose:shop/web', 'compose:shop/db').boundariesCrossed).toEqual([
      'boundary:network:shop/frontend',
      'boundary:network:shop/backend',
    ]);
  });

  it('leaves the host to reach the internet', () => {
    expect(flow('compose:shop/api', 'external:psp.example.com').boundariesCrossed).toEqual([
      'boundary:host:shop',
      'boundary:internet',
    ]);
  });

  it('crosses namespaces inside the cluster', () => {
    expect(flow('k8s:prod/Deployment/catalog', 'k8s:infra/StatefulSet/search').boundariesCrossed).toEqual([
      'boundary:namespace:prod',
      'boundary:namespace:infra',
    ]);
  });

  it('puts inspected containers without a project on a Docker host of their own', () => {
    const input = bundle().compose('x', 'web', { kind: 'container' }).build();
    delete input.workloads[0]!.namespace;
    expect(buildTopology(input).elements.map((e) => [e.id, e.runsOn ?? null])).toEqual([
      ['compose:x/web', 'host:docker'],
      ['host:docker', null],
    ]);
  });
});
