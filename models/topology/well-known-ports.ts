import type { SourceRef } from '../source/source-ref';
import type { Protection, ProtectionEvidence } from './types';

/** What a port number says by convention when nothing else does. */
export interface PortConvention {
  protocol: string;
  /** Only for ports that are defined as plaintext or TLS (80, 443, 5671…). */
  protection?: Exclude<Protection, 'unknown'>;
}

const CONVENTIONS: Record<number, PortConvention> = {
  21: { protocol: 'ftp', protection: 'none' },
  25: { protocol: 'smtp' },
  80: { protocol: 'http', protection: 'none' },
  389: { protocol: 'ldap' },
  443: { protocol: 'http', protection: 'tls' },
  465: { protocol: 'smtp', protection: 'tls' },
  587: { protocol: 'smtp' },
  636: { protocol: 'ldap', protection: 'tls' },
  1433: { protocol: 'tds' },
  2181: { protocol: 'zookeeper' },
  2375: { protocol: 'docker-api', protection: 'none' },
  2376: { protocol: 'docker-api', protection: 'tls' },
  2379: { protocol: 'etcd' },
  3000: { protocol: 'http' },
  3306: { protocol: 'mysql' },
  4222: { protocol: 'nats' },
  5432: { protocol: 'postgresql' },
  5671: { protocol: 'amqp', protection: 'tls' },
  5672: { protocol: 'amqp' },
  5984: { protocol: 'http' },
  6379: { protocol: 'redis' },
  7687: { protocol: 'bolt' },
  8000: { protocol: 'http' },
  8080: { protocol: 'http' },
  8086: { protocol: 'http' },
  8443: { protocol: 'http', protection: 'tls' },
  9042: { protocol: 'cql' },
  9092: { protocol: 'kafka' },
  9200: { protocol: 'http' },
  10250: { protocol: 'kubelet', protection: 'tls' },
  11211: { protocol: 'memcached' },
  15672: { protocol: 'http' },
  27017: { protocol: 'mongodb' },
};

export function portConvention(port: number | undefined): PortConvention | undefined {
  return port === undefined ? undefined : CONVENTIONS[port];
}

/** Protocol names in Kubernetes `appProtocol` and port names (`http`, `https`, `grpc`, `tcp`…). */
export function protocolFromPortName(name: string | undefined): PortConvention | undefined {
  if (!name) return undefined;
  const n = name.toLowerCase().replace(/^kubernetes\.io\//, '');
  if (n === 'https' || n === 'h2' || n.startsWith('https-')) return { protocol: 'http', protection: 'tls' };
  if (n === 'http' || n === 'h2c' || n === 'http2' || n.startsWith('http-') || n === 'web')
    return { protocol: 'http' };
  if (n === 'grpc' || n.startsWith('grpc-')) return { protocol: 'grpc' };
  if (n === 'wss') return { protocol: 'websocket', protection: 'tls' };
  if (n === 'ws') return { protocol: 'websocket' };
  if (n === 'amqps') return { protocol: 'amqp', protection: 'tls' };
  if (['postgres', 'postgresql', 'mysql', 'redis', 'amqp', 'mongodb', 'kafka', 'nats'].includes(n))
    return { protocol: n === 'postgres' ? 'postgresql' : n };
  return undefined;
}

/** What a Service port says about its traffic: the name (or `appProtocol`) says the protocol; when
 * it leaves the protection open, the number still gives the one its protocol has by convention
 * (a port named `http` on 80 is plaintext HTTP, as an unnamed port 80 is). */
export function namedPortConvention(
  name: string | undefined,
  port: number | undefined,
): PortConvention | undefined {
  const byName = protocolFromPortName(name);
  const byNumber = portConvention(port);
  if (!byName) return byNumber;
  if (byName.protection || !byNumber?.protection || byNumber.protocol !== byName.protocol) return byName;
  return { protocol: byName.protocol, protection: byNumber.protection };
}

/** Evidence for a protection read from a port number alone. */
export function conventionEvidence(
  port: number | undefined,
  protection: Exclude<Protection, 'unknown'>,
  at: SourceRef,
  variable?: string,
): ProtectionEvidence {
  const kind = protection === 'none' ? 'a plaintext' : 'a TLS';
  return { detail: `port ${port} is ${kind} port by convention${variable ? ` (\`${variable}\`)` : ''}`, at };
}
