import type { MitigationId } from '../../mitigations/mitigation-ids';

/**
 * Requirement ids: `REQ-<subject>-<mitigation>`, where the subject is a slug of the workload id
 * (`compose:shop/orders` → `shop-orders`, `k8s:prod/Deployment/web` → `prod-deployment-web`) and,
 * for a transport requirement, of the flow's two ends and port (`shop-orders-to-shop-postgres-5432`).
 *
 * An id is made from the requirement's own subject and mitigation only, never from a position in
 * a list: adding, removing or renaming another service leaves every other id as it was, so an id
 * quoted in a ticket or an audit finding keeps pointing at the same requirement from one version
 * of the specification to the next. Workload ids are unique and already carry the namespace or
 * compose project, so two services called `web` in different namespaces get different ids.
 */
export function requirementId(subjectSlug: string, mitigation: MitigationId): string {
  return `REQ-${subjectSlug}-${mitigation}`;
}

/** A workload's part of its requirement ids: the workload id without its platform prefix. */
export function workloadSlug(workloadId: string): string {
  return slug(workloadId.replace(/^[a-z0-9]+:/, ''));
}

/** An element's part of a flow requirement id: workloads as above, `internet`, and external hosts
 * by their host name. */
export function elementSlug(elementId: string, isWorkload: boolean): string {
  return isWorkload ? workloadSlug(elementId) : slug(elementId.replace(/^external:/, ''));
}

/** A flow's part of its requirement ids. */
export function flowSlug(from: string, to: string, port: number | undefined, protocol: string): string {
  return `${from}-to-${to}-${port !== undefined ? String(port) : slug(protocol)}`;
}

/** Lower-case letters, digits and single hyphens. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}
