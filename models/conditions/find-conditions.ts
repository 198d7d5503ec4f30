import type { ImportBundle } from '../import/workload';
import { checkConfinement } from './checks/confinement-checks';
import { checkHostAccess } from './checks/host-checks';
import { checkImages } from './checks/image-checks';
import { checkPorts } from './checks/port-checks';
import { checkPrivileges } from './checks/privilege-checks';
import { checkResources } from './checks/resource-checks';
import { checkSecrets } from './checks/secret-checks';
import { conditionContext } from './condition-context';
import type { Finding } from './finding';
import { FindingCollector } from './finding-collector';

/** Finds the workload-level conditions (DESIGN §4) of every imported workload. Conditions about
 * flows and networks need the topology and are added by `findNetworkConditions`. */
export function findWorkloadConditions(bundle: ImportBundle, out = new FindingCollector()): FindingCollector {
  const ctx = conditionContext(bundle);
  for (const w of bundle.workloads) {
    checkPrivileges(w, ctx, out);
    checkConfinement(w, out);
    checkHostAccess(w, out);
    checkImages(w, ctx, out);
    checkSecrets(w, out);
    checkResources(w, ctx, out);
    checkPorts(w, out);
  }
  return out;
}

export function findConditions(bundle: ImportBundle): Finding[] {
  return findWorkloadConditions(bundle).result();
}
