import type { EnvVar } from '../import/workload';
import type { SourceRef } from '../source/source-ref';
import { parseConnectionUrl, parseHostPortList, splitUrls, type Endpoint } from './connection-urls';
import { classifyEnv, groupByPrefix, type EnvEntry, type EnvNameReadings } from './env-groups';
import { clientCertificate, groupCredentials, tlsHint, type EvidenceRank } from './protection';
import type { Protection, ProtectionEvidence } from './types';

/** One address a service's environment points at, with what the surrounding variables say about
 * the connection. The host is not resolved yet. */
export interface EnvReference {
  kind: 'env-url' | 'env-host-port' | 'env-host';
  variable: string;
  at: SourceRef;
  endpoint: Endpoint;
  /** From the URL scheme; undefined for `host:port` and host variables. */
  protocol?: string;
  /** The port the client dials when the address gives none: the scheme's default or `*_PORT`. */
  defaultPort?: number;
  protection: Protection;
  protectionEvidence?: ProtectionEvidence;
  rank: EvidenceRank;
  credentials?: ProtectionEvidence;
}

/** Groups whose variables a driver reads for every connection of its kind (libpq's `PG*`). */
const DRIVER_GROUPS: Record<string, string> = { postgresql: 'PG' };

const NO_ENTRIES: EnvEntry[] = [];

/**
 * Finds the connections a container's environment configures: connection URLs in any variable,
 * and `host:port` lists or bare hosts in variables named as addresses (`DB_HOST` + `DB_PORT`,
 * `KAFKA_BROKERS=kafka-0:9092,kafka-1:9092`). Variables sharing a prefix with the address
 * (`DB_PASSWORD`, `DB_SSLMODE`, `DB_TLS_CERT`) add credentials and protection.
 */
export function envReferences(env: EnvVar[], readings?: EnvNameReadings): EnvReference[] {
  const entries = classifyEnv(env, readings);
  const groups = groupByPrefix(entries);
  const references: EnvReference[] = [];
  for (const entry of entries) {
    if (entry.value === undefined || entry.value === '' || entry.ownAddress) continue;
    const group = groups.get(entry.prefix) ?? NO_ENTRIES;
    if (entry.value.includes('://')) {
      for (const text of splitUrls(entry.value)) urlReferences(entry, text, group, groups, references);
    } else if (entry.role === 'address' && entry.qualified) {
      hostReferences(entry, group, references);
    }
  }
  return references;
}

function urlReferences(
  entry: EnvEntry,
  text: string,
  group: EnvEntry[],
  groups: Map<string, EnvEntry[]>,
  out: EnvReference[],
): void {
  const url = parseConnectionUrl(text);
  if (!url) return;
  let protection = url.protection;
  let evidence: ProtectionEvidence | undefined;
  let rank: EvidenceRank = protection === 'unknown' ? 0 : url.explicit ? 2 : 1;
  const driverGroup = groups.get(DRIVER_GROUPS[url.protocol] ?? '') ?? NO_ENTRIES;
  const related = driverGroup === group || driverGroup.length === 0 ? group : [...group, ...driverGroup];
  // The URL's own parameters override variables, as drivers apply them.
  const hint = url.explicit ? undefined : tlsHint(related);
  if (hint) {
    protection = hint.tls ? 'tls' : 'none';
    evidence = { detail: hint.detail, at: hint.at };
    rank = 2;
  }
  const cert = clientCertificate(related);
  if (cert && (protection === 'tls' || protection === 'unknown')) {
    protection = 'mtls';
    evidence = cert;
    rank = 2;
  }
  if (rank > 0) evidence ??= { detail: `${url.protectionDetail} (\`${entry.name}\`)`, at: entry.at };
  const credentials: ProtectionEvidence | undefined = url.credentials
    ? { detail: `${url.credentials} (\`${entry.name}\`)`, at: entry.at }
    : groupCredentials(related);
  for (const endpoint of url.endpoints) {
    const reference: EnvReference = {
      kind: 'env-url',
      variable: entry.name,
      at: entry.at,
      endpoint,
      protocol: url.protocol,
      protection,
      rank,
    };
    if (url.defaultPort !== undefined) reference.defaultPort = url.defaultPort;
    if (evidence) reference.protectionEvidence = evidence;
    if (credentials) reference.credentials = credentials;
    out.push(reference);
  }
}

function hostReferences(entry: EnvEntry, group: EnvEntry[], out: EnvReference[]): void {
  const endpoints = parseHostPortList(entry.value!);
  if (!endpoints) return;
  const portEntry = group.find(
    (e) => e.role === 'port' && e.value !== undefined && /^\d{1,5}$/.test(e.value.trim()),
  );
  const hint = tlsHint(group);
  const cert = clientCertificate(group);
  const credentials = groupCredentials(group);
  for (const endpoint of endpoints) {
    const reference: EnvReference = {
      kind: endpoint.port === undefined ? 'env-host' : 'env-host-port',
      variable: entry.name,
      at: entry.at,
      endpoint,
      protection: 'unknown',
      rank: 0,
    };
    if (portEntry) reference.defaultPort = Number(portEntry.value!.trim());
    if (hint) {
      reference.protection = hint.tls ? 'tls' : 'none';
      reference.protectionEvidence = { detail: hint.detail, at: hint.at };
      reference.rank = 2;
    }
    if (cert && reference.protection !== 'none') {
      reference.protection = 'mtls';
      reference.protectionEvidence = cert;
      reference.rank = 2;
    }
    if (credentials) reference.credentials = credentials;
    out.push(reference);
  }
}
