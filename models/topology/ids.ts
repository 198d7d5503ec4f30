/** Ids of the elements and boundaries that no workload stands for. Ids are built from names only,
 * so that the same input always gives the same ids. */

export const INTERNET_ELEMENT = 'internet';
export const INTERNET_BOUNDARY = 'boundary:internet';
export const KUBERNETES_CLUSTER = 'kubernetes';

export const externalElementId = (host: string): string => `external:${host}`;
export const hostElementId = (project: string): string => `host:${project}`;
export const hostBoundaryId = (project: string): string => `boundary:host:${project}`;
export const networkBoundaryId = (project: string, network: string): string =>
  `boundary:network:${project}/${network}`;
export const clusterElementId = (cluster: string): string => `cluster:${cluster}`;
export const clusterBoundaryId = (cluster: string): string => `boundary:cluster:${cluster}`;
export const namespaceBoundaryId = (namespace: string): string => `boundary:namespace:${namespace}`;

export function flowId(from: string, to: string, protocol: string, port: number | undefined): string {
  return `flow:${from}->${to}:${protocol}:${port ?? ''}`;
}

/** Plain code-unit order: locale-independent, so sorting is the same on every machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
