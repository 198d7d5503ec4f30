import type { NetworkPolicyDef, NetworkPolicyPeer, NetworkPolicyRule } from '../workload';
import { emptySelector, readLabelSelector } from './label-selector';
import type { ManifestReader, Mapping } from './manifest-reader';
import type { NamedObjectMeta } from './object-meta';
import { fieldPath, itemPath } from './paths';
import { portNumber } from './ports';

type PolicyType = NetworkPolicyDef['policyTypes'][number];

/**
 * A NetworkPolicy. `policyTypes` defaults as the API defaults it (`SetDefaults_NetworkPolicySpec`):
 * Ingress always, plus Egress when the policy has egress rules. A rule without peers admits every
 * peer, a rule without ports every port.
 */
export function readNetworkPolicy(
  r: ManifestReader,
  obj: Mapping,
  base: string,
  meta: NamedObjectMeta,
): NetworkPolicyDef {
  const spec = r.mapping(obj, 'spec', base) ?? {};
  const path = fieldPath(base, 'spec');
  let podSelector = readLabelSelector(r, spec, 'podSelector', path);
  if (!podSelector) {
    r.invalidValue(
      r.nodeAt(obj, base),
      `${fieldPath(path, 'podSelector')} must be set ({} selects every pod of the namespace); read as {}`,
    );
    podSelector = emptySelector();
  }
  const ingress = r.list(spec, 'ingress', path);
  const egress = r.list(spec, 'egress', path);
  return {
    id: `k8s:${meta.namespace}/NetworkPolicy/${meta.name}`,
    name: meta.name,
    namespace: meta.namespace,
    podSelector,
    policyTypes: readPolicyTypes(r, spec, path, egress !== undefined && egress.length > 0),
    ingress: ingress ? readRules(r, ingress, fieldPath(path, 'ingress'), 'from') : [],
    egress: egress ? readRules(r, egress, fieldPath(path, 'egress'), 'to') : [],
    at: r.nodeAt(obj, base),
  };
}

function readPolicyTypes(
  r: ManifestReader,
  spec: Mapping,
  specPath: string,
  hasEgressRules: boolean,
): PolicyType[] {
  const list = r.list(spec, 'policyTypes', specPath);
  if (!list || list.length === 0) return hasEgressRules ? ['Ingress', 'Egress'] : ['Ingress'];
  const path = fieldPath(specPath, 'policyTypes');
  const types: PolicyType[] = [];
  for (let i = 0; i < list.length; i++) {
    const type = r.stringItem(list, i, path);
    if (type === 'Ingress' || type === 'Egress') {
      if (!types.includes(type)) types.push(type);
    } else if (type !== undefined) {
      r.invalidValue(
        r.itemAt(list, i, path),
        `${itemPath(path, i)} must be Ingress or Egress, found "${type}"`,
      );
    }
  }
  return types;
}

function readRules(
  r: ManifestReader,
  list: unknown[],
  path: string,
  peersKey: 'from' | 'to',
): NetworkPolicyRule[] {
  const rules: NetworkPolicyRule[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    const rulePath = itemPath(path, i);
    // `- {}` and `- ` (null) both admit everything: the API treats an empty rule so.
    if (!item) {
      if (list[i] === null) rules.push({ peers: [], ports: [] });
      continue;
    }
    rules.push({ peers: readPeers(r, item, peersKey, rulePath), ports: readPorts(r, item, rulePath) });
  }
  return rules;
}

function readPeers(r: ManifestReader, rule: Mapping, key: string, rulePath: string): NetworkPolicyPeer[] {
  const list = r.list(rule, key, rulePath);
  if (!list) return [];
  const path = fieldPath(rulePath, key);
  const peers: NetworkPolicyPeer[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    if (!item) continue;
    const peerPath = itemPath(path, i);
    const peer: NetworkPolicyPeer = {};
    const podSelector = readLabelSelector(r, item, 'podSelector', peerPath);
    const namespaceSelector = readLabelSelector(r, item, 'namespaceSelector', peerPath);
    if (podSelector) peer.podSelector = podSelector;
    if (namespaceSelector) peer.namespaceSelector = namespaceSelector;
    const ipBlock = r.mapping(item, 'ipBlock', peerPath);
    if (ipBlock) {
      const blockPath = fieldPath(peerPath, 'ipBlock');
      const cidr = r.string(ipBlock, 'cidr', blockPath);
      if (cidr) peer.ipBlock = { cidr, except: readStrings(r, ipBlock, 'except', blockPath) };
      else r.invalidValue(r.keyAt(item, 'ipBlock', peerPath), `${blockPath}.cidr must be set`);
    }
    peers.push(peer);
  }
  return peers;
}

function readPorts(r: ManifestReader, rule: Mapping, rulePath: string): NetworkPolicyRule['ports'] {
  const list = r.list(rule, 'ports', rulePath);
  if (!list) return [];
  const path = fieldPath(rulePath, 'ports');
  const ports: NetworkPolicyRule['ports'] = [];
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    if (!item) continue;
    const portPath = itemPath(path, i);
    const entry: NetworkPolicyRule['ports'][number] = {
      protocol: r.string(item, 'protocol', portPath) ?? 'TCP',
    };
    const port = r.intOrString(item, 'port', portPath);
    if (port !== undefined && port !== '') entry.port = port;
    const endPort = portNumber(r, item, 'endPort', portPath, 1);
    if (endPort !== undefined) entry.endPort = endPort;
    ports.push(entry);
  }
  return ports;
}

function readStrings(r: ManifestReader, parent: Mapping, key: string, parentPath: string): string[] {
  const list = r.list(parent, key, parentPath);
  if (!list) return [];
  const path = fieldPath(parentPath, key);
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const value = r.stringItem(list, i, path);
    if (value) out.push(value);
  }
  return out;
}
