import { CONFINEMENT_MITIGATIONS } from './confinement-mitigations';
import { CREDENTIAL_MITIGATIONS } from './credential-mitigations';
import { HOST_MITIGATIONS } from './host-mitigations';
import { ISOLATION_MITIGATIONS } from './isolation-mitigations';
import type { Mitigation } from './mitigation';
import { MITIGATION_IDS, type MitigationId } from './mitigation-ids';
import { NETWORK_MITIGATIONS } from './network-mitigations';
import { PRIVILEGE_MITIGATIONS } from './privilege-mitigations';
import { SUPPLY_CHAIN_MITIGATIONS } from './supply-chain-mitigations';

const ALL: Mitigation[] = [
  ...ISOLATION_MITIGATIONS,
  ...CONFINEMENT_MITIGATIONS,
  ...PRIVILEGE_MITIGATIONS,
  ...NETWORK_MITIGATIONS,
  ...CREDENTIAL_MITIGATIONS,
  ...SUPPLY_CHAIN_MITIGATIONS,
  ...HOST_MITIGATIONS,
];

function byId(): Record<MitigationId, Mitigation> {
  const entries = new Map(ALL.map((mitigation) => [mitigation.id, mitigation]));
  const record = {} as Record<MitigationId, Mitigation>;
  // In the order of MITIGATION_IDS, so iteration follows DESIGN §6.
  for (const id of MITIGATION_IDS) {
    const mitigation = entries.get(id);
    if (mitigation) record[id] = mitigation;
  }
  return record;
}

/** Every mitigation kind of DESIGN §6, keyed by id (a test checks that none is missing). */
export const MITIGATIONS: Record<MitigationId, Mitigation> = byId();
