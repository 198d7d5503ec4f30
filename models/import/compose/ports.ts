import type { SourceRef } from '../../source/source-ref';
import { isRecord } from '../coerce';
import type { PortBinding } from '../workload';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import type { Keyed } from './layer';
import type { ServiceReader } from './service-reader';

/**
 * Compose `ports` and `expose`. Short syntax `[ip:][host:]container[/protocol]` is split the way
 * Docker's `nat.ParsePortSpec` splits it (the last part is the container port, the one before it
 * the host port, the rest the IP, so unbracketed IPv6 works too); ranges pair up one to one.
 * A port without a host part is still published, on a random host port. Override files append
 * ports; the same specification written twice is one binding, as compose removes duplicates.
 */

export type Protocol = PortBinding['protocol'];

export interface PortSpec {
  hostIp?: string;
  /** Host port range; undefined = a random host port. */
  host?: PortRange;
  container: PortRange;
  protocol: Protocol;
}

export interface PortRange {
  start: number;
  end: number;
}

/** Parses a short-syntax port; a string result is the reason it cannot be read. */
export function parsePortSpec(text: string): PortSpec | string {
  let rest = text.trim();
  let protocol: Protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    const parsed = parseProtocol(rest.slice(slash + 1));
    if (!parsed) return `unknown protocol "${rest.slice(slash + 1)}": expected tcp, udp or sctp`;
    protocol = parsed;
    rest = rest.slice(0, slash);
  }
  const parts = rest.split(':');
  const n = parts.length;
  const containerText = parts[n - 1]!;
  const hostText = n >= 2 ? parts[n - 2]! : '';
  const ipText = n >= 3 ? parts.slice(0, n - 2).join(':') : '';

  const container = parseRange(containerText);
  if (typeof container === 'string') return `container port ${container}`;
  if (container.start === 0) return 'container port 0 is not a port';
  let host: PortRange | undefined;
  if (hostText !== '') {
    const parsed = parseRange(hostText);
    if (typeof parsed === 'string') return `host port ${parsed}`;
    host = parsed;
    const hostLength = host.end - host.start;
    const containerLength = container.end - container.start;
    if (containerLength !== 0 && hostLength !== containerLength)
      return `host range ${hostText} and container range ${containerText} differ in length`;
  }
  let hostIp: string | undefined;
  if (ipText !== '') {
    hostIp = stripBrackets(ipText);
    if (!isIpAddress(hostIp)) return `"${ipText}" is not an IP address`;
  }
  return { hostIp, host, container, protocol };
}

/** True for addresses only the host itself can reach: 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopback(ip: string | undefined): boolean {
  if (ip === undefined) return false;
  const address = stripBrackets(ip).toLowerCase();
  if (address === 'localhost' || address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (v4.startsWith('127.') && isIpv4(v4)) return true;
  return LONG_IPV6_LOOPBACK.test(address);
}

const LONG_IPV6_LOOPBACK = /^(0{1,4}:){7}0{0,3}1$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** One binding per port of the spec (ranges pair up), within the session's budget. */
export function bindingsOf(spec: PortSpec, at: SourceRef, published = true): PortBinding[] {
  const out: PortBinding[] = [];
  const exposed = published && !isLoopback(spec.hostIp);
  const count = spec.container.end - spec.container.start + 1;
  for (let i = 0; i < count; i++) {
    const binding: PortBinding = {
      containerPort: spec.container.start + i,
      protocol: spec.protocol,
      published: exposed,
      at,
    };
    // A host range for a single container port means "any free port in the range".
    // Host port 0 asks for a random port too.
    if (spec.host && spec.host.start > 0 && (count > 1 || spec.host.start === spec.host.end))
      binding.hostPort = spec.host.start + (count > 1 ? i : 0);
    if (spec.hostIp !== undefined) binding.hostIp = spec.hostIp;
    out.push(binding);
  }
  return out;
}

export function readPorts(reader: ServiceReader): Keyed<PortBinding[]> | undefined {
  const { scope } = reader;
  const at = reader.at('ports');
  const path = reader.path('ports');
  const list = scope.list(reader.mapping.ports, at, 'a list of ports such as "8080:80"');
  if (!list) return undefined;
  const out: Keyed<PortBinding[]> = new Map();
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const itemAt = scope.itemAt(list, i, `${path}[${i}]`);
    const parsed = isRecord(item) ? readLongPort(reader, item, itemAt) : readShortPort(reader, item, itemAt);
    if (parsed) addBindings(reader, out, parsed.key, parsed.spec, itemAt, true);
  }
  return out;
}

export function readExpose(reader: ServiceReader): Keyed<PortBinding[]> | undefined {
  const { scope } = reader;
  const at = reader.at('expose');
  const path = reader.path('expose');
  const list = scope.list(reader.mapping.expose, at, 'a list of ports such as "3000"');
  if (!list) return undefined;
  const out: Keyed<PortBinding[]> = new Map();
  for (let i = 0; i < list.length; i++) {
    const itemAt = scope.itemAt(list, i, `${path}[${i}]`);
    const text = scope.string(list[i], itemAt, 'a port such as "3000" or "3000/udp"');
    if (text === undefined) continue;
    const spec = parsePortSpec(text);
    if (typeof spec === 'string' || spec.host || spec.hostIp) {
      scope.report(
        D.COMPOSE_INVALID_PORT,
        `expose entry "${text}" cannot be read: ${typeof spec === 'string' ? spec : 'expected a container port only'}`,
        itemAt,
      );
      continue;
    }
    addBindings(reader, out, text.trim(), spec, itemAt, false);
  }
  return out;
}

function readShortPort(
  reader: ServiceReader,
  item: unknown,
  at: SourceRef,
): { key: string; spec: PortSpec } | undefined {
  const text = reader.scope.string(item, at, 'a port such as "8080:80" or a mapping with target');
  if (text === undefined) return undefined;
  const spec = parsePortSpec(text);
  if (typeof spec === 'string') {
    reader.scope.report(
      D.COMPOSE_INVALID_PORT,
      `port "${text}" cannot be read: ${spec}; expected [ip:][host:]container[/protocol]`,
      at,
    );
    return undefined;
  }
  return { key: text.trim(), spec };
}

function readLongPort(
  reader: ServiceReader,
  item: Record<string, unknown>,
  at: SourceRef,
): { key: string; spec: PortSpec } | undefined {
  const { scope } = reader;
  const field = (key: string) =>
    scope.string(item[key], scope.keyAt(item, key, `${at.path}.${key}`), 'a string or number');
  const target = field('target');
  const published = field('published')?.trim() ?? '';
  const hostIp = field('host_ip')?.trim() ?? '';
  const protocolText = field('protocol')?.trim() || 'tcp';
  const fail = (reason: string) => {
    scope.report(D.COMPOSE_INVALID_PORT, `port mapping cannot be read: ${reason}`, at);
    return undefined;
  };
  if (target === undefined || target.trim() === '') return fail('target (the container port) is missing');
  const protocol = parseProtocol(protocolText);
  if (!protocol) return fail(`unknown protocol "${protocolText}": expected tcp, udp or sctp`);
  const prefix = hostIp === '' ? '' : hostIp.includes(':') ? `[${stripBrackets(hostIp)}]:` : `${hostIp}:`;
  const spec = parsePortSpec(`${prefix}${published}:${target.trim()}/${protocol}`);
  if (typeof spec === 'string') return fail(spec);
  return { key: `${hostIp}:${published}:${target.trim()}/${protocol}`, spec };
}

function addBindings(
  reader: ServiceReader,
  out: Keyed<PortBinding[]>,
  key: string,
  spec: PortSpec,
  at: SourceRef,
  published: boolean,
): void {
  const { session } = reader.scope;
  const count = spec.container.end - spec.container.start + 1;
  if (session.portBudget <= 0) return;
  if (count > session.portBudget) {
    reader.scope.report(
      D.COMPOSE_PORT_LIMIT,
      `port ranges in this project expand to more than the importer keeps; "${key}" and later ports are left out`,
      at,
    );
    session.portBudget = 0;
    return;
  }
  session.portBudget -= count;
  out.set(key, bindingsOf(spec, at, published));
}

function parseRange(text: string): PortRange | string {
  const dash = text.indexOf('-');
  const start = parsePort(dash === -1 ? text : text.slice(0, dash));
  const end = dash === -1 ? start : parsePort(text.slice(dash + 1));
  if (start === undefined || end === undefined) return `"${text}" is not a port or port range`;
  if (end < start) return `range "${text}" ends before it starts`;
  return { start, end };
}

function parsePort(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 5) return undefined;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const n = Number(trimmed);
  return n <= 65535 ? n : undefined;
}

function parseProtocol(text: string): Protocol | undefined {
  const lower = text.trim().toLowerCase();
  return lower === 'tcp' || lower === 'udp' || lower === 'sctp' ? lower : undefined;
}

function stripBrackets(ip: string): string {
  return ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
}

function isIpAddress(ip: string): boolean {
  if (ip === 'localhost') return true;
  return ip.includes(':') ? isIpv6(ip) : isIpv4(ip);
}

/** Eight hex groups, or fewer around one `::`; the last two may be written as dotted IPv4. */
function isIpv6(ip: string): boolean {
  const halves = ip.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let count = groups.length;
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    groups.pop();
    count++;
  }
  if (!groups.every((g) => HEX_GROUP.test(g))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

function isIpv4(ip: string): boolean {
  const parts = ip.split('.');
  return parts.length === 4 && parts.every((p) => parsePort(p) !== undefined && Number(p) <= 255);
}
