import type { Mitigation } from './mitigation';

/** The requirement sentence of a mitigation for one element of the specification: `{target}` is
 * replaced by the element's name (a service, a flow `A → B`, a host). */
export function formatRequirement(mitigation: Mitigation, target: string): string {
  return mitigation.requirement.split('{target}').join(target);
}
