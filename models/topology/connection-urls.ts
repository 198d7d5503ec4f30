import type { Protection } from './types';

/** A host a client names, with the port when the text gives one. */
export interface Endpoint {
  /** Lower case, without a trailing dot; IPv6 without brackets. */
  host: string;
  port?: number;
}

/** What a connection URL says about the connection it configures. */
export interface ConnectionUrl {
  scheme: string;
  protocol: string;
  endpoints: Endpoint[];
  /** The scheme's default port, for endpoints that give none. */
  defaultPort?: number;
  protection: Protection;
  protectionDetail: string;
  /** True when the URL states the protection (scheme or parameter), false when it follows from a
   * client default that a variable elsewhere may change. */
  explicit: boolean;
  /** Why the URL carries credentials (userinfo password, token parameter), if it does. */
  credentials?: string;
}

interface SchemeRule {
  protocol: string;
  port?: number;
  protection: Protection;
  explicit: boolean;
  detail: string;
}

const plaintext = (
  protocol: string,
  port: number | undefined,
  scheme: string,
  secure?: string,
): SchemeRule => ({
  protocol,
  port,
  protection: 'none',
  explicit: true,
  detail: secure
    ? `\`${scheme}://\` is plaintext (\`${secure}://\` would use TLS)`
    : `\`${scheme}://\` is plaintext`,
});
const encrypted = (protocol: string, port: number | undefined, scheme: string): SchemeRule => ({
  protocol,
  port,
  protection: 'tls',
  explicit: true,
  detail: `\`${scheme}://\` uses TLS`,
});
const clientDefault = (protocol: string, port: number | undefined, detail: string): SchemeRule => ({
  protocol,
  port,
  protection: 'none',
  explicit: false,
  detail,
});
const undecided = (protocol: string, port: number | undefined, detail: string): SchemeRule => ({
  protocol,
  port,
  protection: 'unknown',
  explicit: false,
  detail,
});

const SQL_DEFAULT = 'no TLS mode set: the client falls back to plaintext when the server offers no TLS';

/** Schemes of connection URLs found in service configs. Drivers that only *prefer* TLS count as
 * plaintext: an attacker on the path can strip the offer. */
const SCHEMES: Record<string, SchemeRule> = {
  postgres: clientDefault('postgresql', 5432, SQL_DEFAULT),
  postgresql: clientDefault('postgresql', 5432, SQL_DEFAULT),
  mysql: clientDefault('mysql', 3306, SQL_DEFAULT),
  mariadb: clientDefault('mysql', 3306, SQL_DEFAULT),
  mongodb: clientDefault('mongodb', 27017, 'no `tls=true`: MongoDB drivers connect in plaintext'),
  'mongodb+srv': encrypted('mongodb', 27017, 'mongodb+srv'),
  redis: plaintext('redis', 6379, 'redis', 'rediss'),
  rediss: encrypted('redis', 6379, 'rediss'),
  amqp: plaintext('amqp', 5672, 'amqp', 'amqps'),
  amqps: encrypted('amqp', 5671, 'amqps'),
  kafka: undecided(
    'kafka',
    9092,
    'a `kafka://` address does not say which security protocol the client uses',
  ),
  http: plaintext('http', 80, 'http', 'https'),
  https: encrypted('http', 443, 'https'),
  ws: plaintext('websocket', 80, 'ws', 'wss'),
  wss: encrypted('websocket', 443, 'wss'),
  grpc: undecided('grpc', undefined, 'a `grpc://` address does not say whether the channel uses TLS'),
  grpcs: encrypted('grpc', undefined, 'grpcs'),
  nats: undecided('nats', 4222, 'NATS negotiates TLS when the server requires it'),
  tls: encrypted('tcp', undefined, 'tls'),
  memcached: clientDefault('memcached', 11211, 'memcached has no TLS unless built and configured for it'),
  mssql: undecided('tds', 1433, 'no `encrypt` setting: the driver default decides'),
  sqlserver: undecided('tds', 1433, 'no `encrypt` setting: the driver default decides'),
  ldap: plaintext('ldap', 389, 'ldap', 'ldaps'),
  ldaps: encrypted('ldap', 636, 'ldaps'),
  smtp: undecided('smtp', 25, 'SMTP may upgrade with STARTTLS'),
  smtps: encrypted('smtp', 465, 'smtps'),
  ftp: plaintext('ftp', 21, 'ftp', 'ftps'),
  ftps: encrypted('ftp', 990, 'ftps'),
  bolt: clientDefault('bolt', 7687, 'no `+s` in the scheme: the Bolt driver connects in plaintext'),
  neo4j: clientDefault('bolt', 7687, 'no `+s` in the scheme: the Bolt driver connects in plaintext'),
  'bolt+s': encrypted('bolt', 7687, 'bolt+s'),
  'neo4j+s': encrypted('bolt', 7687, 'neo4j+s'),
  'bolt+ssc': encrypted('bolt', 7687, 'bolt+ssc'),
  'neo4j+ssc': encrypted('bolt', 7687, 'neo4j+ssc'),
  clickhouse: clientDefault('clickhouse', 9000, 'no `secure=true`: the native protocol is plaintext'),
};

/** Parameters that switch TLS on or off, across drivers (libpq `sslmode`, MySQL `ssl-mode`,
 * MongoDB `tls`/`ssl`, JDBC `useSSL`, SQL Server `encrypt`, ClickHouse `secure`). */
const TLS_MODE_PARAMS = new Set(['sslmode', 'ssl-mode', 'ssl_mode']);
const TLS_FLAG_PARAMS = new Set(['ssl', 'tls', 'usessl', 'requiressl', 'secure', 'encrypt']);
const TLS_MODES_ON = new Set([
  'require',
  'required',
  'verify-ca',
  'verify_ca',
  'verify-full',
  'verify_identity',
]);
const TLS_MODES_OFF = new Set(['disable', 'disabled', 'allow', 'prefer', 'preferred']);
const CLIENT_CERT_PARAMS = new Set([
  'sslcert',
  'sslkey',
  'ssl-cert',
  'ssl_cert',
  'tlscertificatekeyfile',
  'tlscertificatefile',
  'sslcertificate',
  'clientcertificate',
]);
const CREDENTIAL_PARAMS = new Set([
  'password',
  'passwd',
  'pwd',
  'token',
  'access_token',
  'auth_token',
  'apikey',
  'api_key',
  'api-key',
  'secret',
  'client_secret',
  'sig',
]);

/** Reads a boolean the way drivers do in URLs. */
export function parseFlag(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1' || v === 'yes' || v === 'on' || v === 'strict' || v === 'mandatory')
    return true;
  if (v === 'false' || v === '0' || v === 'no' || v === 'off' || v === 'optional') return false;
  return undefined;
}

/** Reads a TLS mode (`sslmode=require`, `ssl-mode=DISABLED`): true when TLS is enforced. */
export function parseTlsMode(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TLS_MODES_ON.has(v)) return true;
  if (TLS_MODES_OFF.has(v)) return false;
  return undefined;
}

const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;
const CONNECTION_URL = /^(?:jdbc:)?([a-z][a-z0-9+.-]*):\/\/(.*)$/is;

/** Splits a value that lists several URLs (`http://a:1,http://b:2`) without splitting the host
 * list of one URL (`mongodb://a:1,b:2/db`). */
export function splitUrls(value: string): string[] {
  // The usual value is one address from its first character: there is nowhere to split it.
  if (value.indexOf('://') === value.lastIndexOf('://') && URL_START.test(value))
    return [value.trim().replace(/,$/, '')];
  return value
    .split(/[\s,]+(?=[a-z][a-z0-9+.-]*:\/\/)/i)
    .map((part) => part.trim().replace(/,$/, ''))
    .filter((part) => part.length > 0);
}

/**
 * Parses a connection URL (`postgres://user:pw@db:5432/app?sslmode=require`, `jdbc:mysql://…`,
 * `mongodb://a:1,b:2/db`, `jdbc:sqlserver://h:1433;encrypt=true`). Returns undefined for schemes
 * that configure no network connection Rampart knows (`file://`, `s3://`).
 */
export function parseConnectionUrl(text: string): ConnectionUrl | undefined {
  const match = CONNECTION_URL.exec(text.trim());
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  const rule = SCHEMES[scheme];
  if (!rule) return undefined;
  const parts = splitAuthority(match[2]!);
  if (!parts) return undefined;

  const url: ConnectionUrl = {
    scheme,
    protocol: rule.protocol,
    endpoints: parts.endpoints,
    protection: rule.protection,
    protectionDetail: rule.detail,
    explicit: rule.explicit,
  };
  if (rule.port !== undefined) url.defaultPort = rule.port;
  if (parts.userinfo !== undefined && userinfoHasSecret(parts.userinfo, rule.protocol)) {
    url.credentials = 'credentials in the URL userinfo';
  }

  let clientCert: string | undefined;
  for (const [rawKey, value] of parts.params) {
    const key = rawKey.toLowerCase();
    const on = TLS_MODE_PARAMS.has(key)
      ? parseTlsMode(value)
      : TLS_FLAG_PARAMS.has(key)
        ? parseFlag(value)
        : undefined;
    if (on !== undefined) {
      url.protection = on ? 'tls' : 'none';
      url.protectionDetail = `\`${rawKey}=${value}\` in the URL`;
      url.explicit = true;
    } else if (CLIENT_CERT_PARAMS.has(key) && value !== '') {
      clientCert ??= rawKey;
    } else if (CREDENTIAL_PARAMS.has(key) && value !== '') {
      url.credentials ??= `\`${rawKey}\` parameter in the URL`;
    }
  }
  if (clientCert && url.protection === 'tls') {
    url.protection = 'mtls';
    url.protectionDetail = `client certificate \`${clientCert}\` in the URL`;
    url.explicit = true;
  }
  return url;
}

/** A password after the user name; for HTTP a bare userinfo is a token (`https://token@host`). */
function userinfoHasSecret(userinfo: string, protocol: string): boolean {
  const colon = userinfo.indexOf(':');
  if (colon >= 0) return colon < userinfo.length - 1;
  return userinfo.length > 0 && protocol === 'http';
}

interface Authority {
  userinfo?: string;
  endpoints: Endpoint[];
  params: [string, string][];
}

function splitAuthority(rest: string): Authority | undefined {
  const end = authorityEnd(rest);
  const standard = readAuthority(rest.slice(0, end), rest.slice(end));
  if (standard || !rest.includes('@', end)) return standard;
  // A password with an unescaped `/` or `?` (common in hand-written URLs): the host follows the
  // last `@`. Tried only when the standard reading fails, since a path may contain `@` too.
  const at = rest.lastIndexOf('@');
  const hostEnd = at + 1 + authorityEnd(rest.slice(at + 1));
  return readAuthority(rest.slice(0, hostEnd), rest.slice(hostEnd));
}

function readAuthority(authority: string, tail: string): Authority | undefined {
  const at = authority.lastIndexOf('@');
  const endpoints = parseHostPortList(at >= 0 ? authority.slice(at + 1) : authority, /,/);
  if (!endpoints) return undefined;
  const out: Authority = { endpoints, params: readParams(tail) };
  if (at >= 0) out.userinfo = authority.slice(0, at);
  return out;
}

/** `?a=1&b=2` query parameters and `;a=1;b=2` JDBC properties. */
function readParams(tail: string): [string, string][] {
  const params: [string, string][] = [];
  const hash = tail.indexOf('#');
  const body = hash >= 0 ? tail.slice(0, hash) : tail;
  const query = body.indexOf('?');
  const semicolon = body.indexOf(';');
  const pieces: string[] = [];
  if (query >= 0) pieces.push(...body.slice(query + 1).split('&'));
  if (semicolon >= 0)
    pieces.push(...body.slice(semicolon + 1, query > semicolon ? query : undefined).split(';'));
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    params.push([safeDecode(piece.slice(0, eq)), safeDecode(piece.slice(eq + 1))]);
  }
  return params;
}

function safeDecode(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Where the authority of a URL ends: at the path, query, fragment or JDBC properties. */
function authorityEnd(text: string): number {
  const match = /[/?#;]/.exec(text);
  return match ? match.index : text.length;
}

const HOST_NAME = /^[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?\.?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** A DNS name (with at least one letter, so `12` of `12:30` is not one) or an IPv4 address. */
/** Switch values (`REV_SERVER=true`, `PROXY_HOST=off`): a name like these is no service. */
const SWITCH_WORDS = new Set([
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'none',
  'null',
  'enabled',
  'disabled',
]);

function isHostName(host: string): boolean {
  return HOST_NAME.test(host) && (/[a-z_]/.test(host) || IPV4.test(host)) && !SWITCH_WORDS.has(host);
}

/**
 * Reads `host`, `host:port` and `[v6]:port` items separated by `separators`
 * (`kafka-0:9092,kafka-1:9092`). Undefined when any item is not an address: then the value is not
 * an address list but something else (`nginx:1.27` is an image, `12:30` a time).
 * Hosts written with unresolved interpolation (`${DB_HOST}`) are dropped: nothing can be said about them.
 */
export function parseHostPortList(value: string, separators = /[,;\s]+/): Endpoint[] | undefined {
  const endpoints: Endpoint[] = [];
  for (const item of value.split(separators)) {
    if (item === '') continue;
    const endpoint = parseHostPort(item);
    if (endpoint === undefined) return undefined;
    if (endpoint !== null) endpoints.push(endpoint);
  }
  return endpoints;
}

function isInterpolated(text: string): boolean {
  return text.includes('${') || text.includes('$(') || text.startsWith('$');
}

/** An endpoint; null for a host hidden behind interpolation; undefined for text that is no address. */
function parseHostPort(item: string): Endpoint | null | undefined {
  let host: string;
  let portText: string | undefined;
  if (item.startsWith('[')) {
    const close = item.indexOf(']');
    if (close < 0) return undefined;
    host = item.slice(1, close);
    const after = item.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return undefined;
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = item.lastIndexOf(':');
    host = colon >= 0 ? item.slice(0, colon) : item;
    portText = colon >= 0 ? item.slice(colon + 1) : undefined;
    if (isInterpolated(host)) return null;
    host = host.toLowerCase();
    if (!isHostName(host)) return undefined;
  }
  const endpoint: Endpoint = { host: host.toLowerCase().replace(/\.$/, '') };
  if (portText !== undefined && portText !== '' && !isInterpolated(portText)) {
    if (!/^\d{1,5}$/.test(portText)) return undefined;
    const port = Number(portText);
    if (port < 1 || port > 65535) return undefined;
    endpoint.port = port;
  }
  return endpoint;
}
