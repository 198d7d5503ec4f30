import type { ComposeProject, ComposeService } from './compose-projects';
import { parseFlag, parseTlsMode } from './connection-urls';
import type { EnvEntry } from './env-groups';
import type { Protection, ProtectionEvidence } from './types';

/**
 * How much a piece of configuration says about a flow's protection: 2 = stated (a scheme, an
 * `sslmode`, a TLS variable), 1 = implied by a client default or a port convention, 0 = nothing.
 */
export type EvidenceRank = 0 | 1 | 2;

/** Weakest first. Where two pieces of evidence of the same rank disagree, the weaker protection is
 * kept: a threat model must not assume TLS that one of the configs turns off. */
const STRENGTH: Record<Protection, number> = { none: 0, unknown: 1, ipsec: 2, tls: 3, mtls: 4 };

export function weakerProtection(a: Protection, b: Protection): number {
  return STRENGTH[a] - STRENGTH[b];
}

export interface GroupHint extends ProtectionEvidence {
  tls: boolean;
}

const SECURE_KAFKA = new Set(['SSL', 'SASL_SSL']);
const PLAIN_KAFKA = new Set(['PLAINTEXT', 'SASL_PLAINTEXT']);

/** A variable next to the address that switches TLS on or off (`DB_SSLMODE=require`,
 * `REDIS_TLS=true`, `KAFKA_SECURITY_PROTOCOL=SASL_SSL`). */
export function tlsHint(group: EnvEntry[]): GroupHint | undefined {
  for (const entry of group) {
    if (entry.value === undefined) continue;
    let tls: boolean | undefined;
    if (entry.role === 'tls-mode') tls = parseTlsMode(entry.value);
    else if (entry.role === 'tls-flag') tls = parseFlag(entry.value);
    else if (entry.role === 'security-protocol') {
      const value = entry.value.trim().toUpperCase();
      tls = SECURE_KAFKA.has(value) ? true : PLAIN_KAFKA.has(value) ? false : undefined;
    }
    if (tls !== undefined) return { tls, detail: `\`${entry.name}=${entry.value}\``, at: entry.at };
  }
  return undefined;
}

/** A client certificate and its key configured for the connection: the client authenticates with
 * TLS, so the flow is mutual TLS. */
export function clientCertificate(group: EnvEntry[]): ProtectionEvidence | undefined {
  const cert = group.find((e) => e.role === 'client-cert');
  const key = group.find((e) => e.role === 'client-key');
  if (!cert || !key) return undefined;
  return { detail: `client certificate in \`${cert.name}\` and \`${key.name}\``, at: cert.at };
}

/** A password, token or key configured for the connection: it travels on the flow, wherever it
 * is stored (a literal, a secret file, a Secret reference). */
export function groupCredentials(group: EnvEntry[]): ProtectionEvidence | undefined {
  const entry = group.find((e) => e.role === 'credential');
  return entry && { detail: `\`${entry.name}\` is configured for this connection`, at: entry.at };
}

/** Two services whose only shared networks are encrypted overlays talk over IPsec (ESP between
 * nodes), whatever their application protocol does. */
export function overlayEncryption(
  from: ComposeService,
  to: ComposeService,
  project: ComposeProject,
): ProtectionEvidence | undefined {
  const shared = from.networks.filter((n) => to.networks.includes(n)).map((n) => project.networks.get(n)!);
  if (shared.length === 0 || !shared.every((n) => n.encrypted)) return undefined;
  const network = shared[0]!;
  return {
    detail: `network "${network.name}" is an encrypted overlay (IPsec between nodes)`,
    at: network.at ?? project.at,
  };
}
