import type { SourceRef } from '../source/source-ref';
import type { MitigationId } from '../mitigations/mitigation-ids';
import type { ConditionId, Severity } from './condition-ids';

/** A security-relevant fact found in a workload (or a flow, or a network), with its evidence. */
export interface Finding {
  /** Deterministic: derived from condition, workload, container and evidence path. */
  id: string;
  condition: ConditionId;
  /** Workload id, or the id of the flow/network the finding is about. */
  workload: string;
  /** Container name, when the finding is about one container of a multi-container workload. */
  container?: string;
  severity: Severity;
  message: string;
  /** Extra precision: which capabilities, which path, writable or read-only… */
  detail?: string;
  /** The config line that shows it; for an unset field, the container or service definition. */
  source: SourceRef;
  /** Further evidence (e.g. both the cap_add and the missing apparmor option). */
  evidence: SourceRef[];
  /** ATT&CK technique ids of the attack steps this condition enables. */
  attack: string[];
  mitigations: MitigationId[];
  /** Structured detail that attack rules match on (which capabilities, which host path…). */
  data: FindingData;
  /** True when the condition comes from an unsafe default (a field left unset), not an explicit value. */
  implicit: boolean;
}

/** Machine-readable detail of a finding; each field is set only by the conditions it concerns. */
export interface FindingData {
  /** Capabilities involved (`dangerous-capability`, `default-capabilities-kept`: the kept defaults). */
  capabilities?: string[];
  /** Host path of a mount (`sensitive-host-mount`, `host-path-mount`, `runtime-socket-mount`). */
  hostPath?: string;
  /** Whether the mount or root filesystem is writable. */
  writable?: boolean;
  /** Ports concerned (`published-port`, `container-api-exposed`). */
  ports?: number[];
  /** Environment variable or sysctl names concerned. */
  names?: string[];
  /** Image reference (`mutable-image`, `full-os-base-image`). */
  image?: string;
  /** Flow id (`plaintext-flow`) or network id (`flat-network`). */
  subject?: string;
}
