import { describe, expect, it } from 'vitest';
import { buildTopology, indexReachability } from '../../../models/topology';
import { bundle, rule, selector } from './bundle-builder';

const reachOf = (b: ReturnType<typeof bundle>) => {
  const { reachability } = buildTopology(b.build());
  return { reachability, index: indexReachability(reachability) };
};

describe('compose reachability', () => {
  const { reachability, index } = reachOf(
    bundle()
      .network('p', 'frontend')
      .network('p', 'backend', { internal: true })
      .compose('p', 'web', { networks: ['frontend'] })
      .compose('p', 'api', { networks: ['frontend', 'backend'] })
      .compose('p', 'db', { image: 'postgres', networks: ['backend'] })
      .compose('p', 'sidecar', { networkMode: 'service:api' })
      .compose('p', 'agent', { networkMode: 'host' })
      .compose('p', 'isolated', { networkMode: 'none' }),
  );

  it('keeps one group per network instead of all pairs', () => {
    expect(reachability.groups).toEqual([
      {
        id: 'reach:host-network:p',
        kind: 'host-network',
        boundary: 'boundary:host:p',
        members: ['compose:p/agent'],
      },
      {
        id: 'reach:network:p/backend',
        kind: 'network',
        boundary: 'boundary:network:p/backend',
        members: ['compose:p/api', 'compose:p/db', 'compose:p/sidecar'],
      },
      {
        id: 'reach:network:p/frontend',
        kind: 'network',
        boundary: 'boundary:network:p/frontend',
        members: ['compose:p/api', 'compose:p/sidecar', 'compose:p/web'],
      },
    ]);
    expect(reachability.targets.find((t) => t.target === 'compose:p/db')).toEqual({
      target: 'compose:p/db',
      reachableFrom: [],
      fromGroups: ['reach:host-network:p', 'reach:network:p/backend'],
      restricted: false,
    });
  });

  it.each([
    ['compose:p/web', 'compose:p/api', true],
    ['compose:p/web', 'compose:p/db', false],
    ['compose:p/api', 'compose:p/db', true],
    ['compose:p/sidecar', 'compose:p/db', true],
    ['compose:p/agent', 'compose:p/db', true],
    ['compose:p/web', 'compose:p/agent', true],
    ['compose:p/agent', 'compose:p/isolated', false],
    ['compose:p/db', 'compose:p/db', false],
  ])('%s reaches %s: %s', (from, to, expected) => {
    expect(index.canReach(from, to)).toBe(expected);
  });

  it('expands reachers on demand', () => {
    expect(index.reachersOf('compose:p/db')).toEqual([
      'compose:p/agent',
      'compose:p/api',
      'compose:p/sidecar',
    ]);
  });

  it('puts services without networks on the project default network', () => {
    const { index: i } = reachOf(bundle().compose('q', 'a').compose('q', 'b'));
    expect(i.canReach('compose:q/a', 'compose:q/b')).toBe(true);
  });

  it('joins external networks of the same name across projects', () => {
    const { index: i } = reachOf(
      bundle()
        .network('one', 'shared', { external: true })
        .network('two', 'shared', { external: true })
        .compose('one', 'a', { networks: ['shared'] })
        .compose('two', 'b', { networks: ['shared'] }),
    );
    expect(i.canReach('compose:one/a', 'compose:two/b')).toBe(true);
  });

  it('reports network_mode naming an unknown service', () => {
    const topology = buildTopology(bundle().compose('p', 'a', { networkMode: 'service:ghost' }).build());
    expect(topology.diagnostics.map((d) => d.code)).toEqual(['TOPOLOGY_UNKNOWN_SHARED_NAMESPACE']);
  });
});

describe('kubernetes reachability', () => {
  const cluster = () =>
    bundle()
      .namespace('shop', { team: 'shop' })
      .namespace('monitoring', { team: 'platform' })
      .k8s('shop', 'Deployment', 'web', { podLabels: { app: 'web', tier: 'front' } })
      .k8s('shop', 'Deployment', 'orders', { podLabels: { app: 'orders', tier: 'back' } })
      .k8s('shop', 'StatefulSet', 'postgres', {
        podLabels: { app: 'postgres', tier: 'data' },
        image: 'postgres:16',
      })
      .k8s('monitoring', 'DaemonSet', 'exporter', { podLabels: { app: 'exporter' } });

  it('leaves pods reachable from every pod when no policy selects them', () => {
    const { reachability, index } = reachOf(cluster());
    expect(reachability.groups.map((g) => [g.id, g.members.length])).toEqual([['reach:pods:kubernetes', 4]]);
    expect(reachability.targets.every((t) => !t.restricted && t.fromGroups.length === 1)).toBe(true);
    expect(index.canReach('k8s:monitoring/DaemonSet/exporter', 'k8s:shop/StatefulSet/postgres')).toBe(true);
  });

  it('restricts a pod to the peers an Ingress policy allows', () => {
    const { reachability, index } = reachOf(
      cluster().policy('shop', 'db-from-orders', {
        podSelector: { matchLabels: { app: 'postgres' } },
        policyTypes: ['Ingress'],
        ingress: [rule({ podSelector: selector({ matchLabels: { app: 'orders' } }) })],
      }),
    );
    expect(reachability.targets.find((t) => t.target === 'k8s:shop/StatefulSet/postgres')).toEqual({
      target: 'k8s:shop/StatefulSet/postgres',
      reachableFrom: [],
      fromGroups: ['reach:selector:shop/app=orders'],
      restricted: true,
      policy: ['k8s:shop/NetworkPolicy/db-from-orders'],
    });
    expect(reachability.groups.find((g) => g.id === 'reach:selector:shop/app=orders')).toEqual({
      id: 'reach:selector:shop/app=orders',
      kind: 'selector',
      boundary: 'boundary:namespace:shop',
      members: ['k8s:shop/Deployment/orders'],
    });
    expect(index.canReach('k8s:shop/Deployment/web', 'k8s:shop/StatefulSet/postgres')).toBe(false);
    expect(index.canReach('k8s:shop/Deployment/web', 'k8s:shop/Deployment/orders')).toBe(true);
  });

  it('isolates every selected pod with a default-deny policy', () => {
    const { reachability } = reachOf(cluster().policy('shop', 'default-deny', { policyTypes: ['Ingress'] }));
    const shop = reachability.targets.filter((t) => t.target.startsWith('k8s:shop/'));
    expect(shop.map((t) => [t.restricted, t.reachableFrom.length, t.fromGroups.length])).toEqual([
      [true, 0, 0],
      [true, 0, 0],
      [true, 0, 0],
    ]);
  });

  it('admits everyone for a rule without peers', () => {
    const { reachability } = reachOf(
      cluster().policy('shop', 'allow-all', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [rule()],
      }),
    );
    expect(reachability.targets.find((t) => t.target === 'k8s:shop/Deployment/web')).toMatchObject({
      restricted: true,
      fromGroups: ['reach:pods:kubernetes'],
    });
  });

  it('selects peers by namespace labels, including kubernetes.io/metadata.name', () => {
    const { index } = reachOf(
      cluster()
        .policy('shop', 'metrics', {
          podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['back', 'data'] }] },
          ingress: [
            rule({
              namespaceSelector: selector({ matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }),
            }),
            rule({ podSelector: selector({ matchLabels: { tier: 'back' } }) }),
          ],
        })
        .policy('shop', 'web-from-platform', {
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [
            rule({
              namespaceSelector: selector({ matchLabels: { team: 'platform' } }),
              podSelector: selector({
                matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['exporter'] }],
              }),
            }),
          ],
        }),
    );
    expect(index.reachersOf('k8s:shop/StatefulSet/postgres')).toEqual([
      'k8s:monitoring/DaemonSet/exporter',
      'k8s:shop/Deployment/orders',
    ]);
    expect(index.reachersOf('k8s:shop/Deployment/web')).toEqual([]);
  });

  it('needs the sender’s egress to allow the connection too', () => {
    const { index, reachability } = reachOf(
      cluster().policy('shop', 'web-egress', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [rule({ podSelector: selector({ matchLabels: { app: 'orders' } }) })],
      }),
    );
    expect(reachability.groups[0]!.members).not.toContain('k8s:shop/Deployment/web');
    expect(index.canReach('k8s:shop/Deployment/web', 'k8s:shop/Deployment/orders')).toBe(true);
    expect(index.canReach('k8s:shop/Deployment/web', 'k8s:shop/StatefulSet/postgres')).toBe(false);
    expect(index.canReach('k8s:shop/Deployment/orders', 'k8s:shop/Deployment/web')).toBe(true);
  });

  it('lists an egress-restricted pod individually where both ends allow it', () => {
    const { reachability } = reachOf(
      cluster()
        .policy('shop', 'db-from-back', {
          podSelector: { matchLabels: { app: 'postgres' } },
          ingress: [rule({ podSelector: selector({ matchLabels: { tier: 'back' } }) })],
        })
        .policy('shop', 'orders-egress', {
          podSelector: { matchLabels: { app: 'orders' } },
          policyTypes: ['Egress'],
          egress: [rule({ podSelector: selector({ matchLabels: { tier: 'data' } }) })],
        }),
    );
    expect(reachability.targets.find((t) => t.target === 'k8s:shop/StatefulSet/postgres')).toMatchObject({
      reachableFrom: ['k8s:shop/Deployment/orders'],
      fromGroups: [],
    });
  });

  it('leaves pods in the host network outside policy', () => {
    const { reachability } = reachOf(
      cluster()
        .k8s('shop', 'DaemonSet', 'node-agent', { podLabels: { app: 'agent' }, networkMode: 'host' })
        .policy('shop', 'default-deny', { policyTypes: ['Ingress'] }),
    );
    expect(reachability.targets.find((t) => t.target === 'k8s:shop/DaemonSet/node-agent')).toMatchObject({
      restricted: false,
      fromGroups: ['reach:pods:kubernetes'],
    });
  });

  it('reads policyTypes left out as Ingress, plus Egress with egress rules', () => {
    const { reachability } = reachOf(
      cluster().policy('shop', 'implicit', {
        podSelector: { matchLabels: { app: 'orders' } },
        egress: [rule({ podSelector: selector({ matchLabels: { app: 'postgres' } }) })],
      }),
    );
    const orders = reachability.targets.find((t) => t.target === 'k8s:shop/Deployment/orders')!;
    expect(orders.restricted).toBe(true);
    expect(reachability.groups[0]!.members).not.toContain('k8s:shop/Deployment/orders');
  });

  it('reports selector operators Kubernetes does not know', () => {
    const topology = buildTopology(
      cluster()
        .policy('shop', 'typo', {
          podSelector: { matchExpressions: [{ key: 'app', operator: 'in', values: ['web'] }] },
        })
        .build(),
    );
    expect(topology.diagnostics.map((d) => d.code)).toEqual(['TOPOLOGY_UNKNOWN_SELECTOR_OPERATOR']);
  });
});
