export { buildTopology } from './build-topology';
export { indexReachability, type ReachabilityIndex } from './reachability';
export { selectsPod } from './label-selectors';
export { effectivePolicyTypes } from './policy-peers';
export { recognizeDataStore, imageRepositoryPath, type DataStoreTechnology } from './data-stores';
export { parseConnectionUrl, type ConnectionUrl, type Endpoint } from './connection-urls';
export { TOPOLOGY_DIAGNOSTICS, type TopologyDiagnosticCode } from './diagnostics';
export type * from './types';
