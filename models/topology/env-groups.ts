import type { EnvVar } from '../import/workload';
import type { SourceRef } from '../source/source-ref';
import { addTo } from './multimap';

/** What an environment variable configures, read from its name. */
export type EnvRole =
  | 'address'
  | 'port'
  | 'credential'
  | 'tls-mode'
  | 'tls-flag'
  | 'security-protocol'
  | 'client-cert'
  | 'client-key'
  | 'other';

export interface EnvEntry {
  name: string;
  /** The value with `${VAR:-default}` interpolation replaced by its default. */
  value?: string;
  at: SourceRef;
  /** The part of the name shared by the variables that configure one connection:
   * `ORDERS_DB` for `ORDERS_DB_HOST`, `ORDERS_DB_PASSWORD_FILE` and `ORDERS_DB_TLS_CERT`. */
  prefix: string;
  role: EnvRole;
  /** True when the name says whose address it is (`DB_HOST`); a bare `HOST` or `PORT` is usually
   * the service's own listening address. */
  qualified: boolean;
  /** The service's own address or where it sends browsers (`PUBLIC_URL`, `LISTEN_ADDR`). */
  ownAddress: boolean;
}

/** Words that say what a variable holds rather than which connection it belongs to. */
const ROLE_WORDS = new Set([
  'HOST', 'HOSTS', 'HOSTNAME', 'PORT', 'URL', 'URI', 'URLS', 'DSN', 'ADDR', 'ADDRESS', 'ADDRS',
  'SERVER', 'SERVERS', 'ENDPOINT', 'ENDPOINTS', 'BROKER', 'BROKERS', 'BOOTSTRAP', 'NODES', 'PEERS',
  'CONNECTION', 'CONN', 'STRING', 'UPSTREAM', 'USER', 'USERNAME', 'LOGIN', 'NAME', 'ID', 'PASSWORD',
  'PASS', 'PASSWD', 'PWD', 'TOKEN', 'SECRET', 'KEY', 'API', 'APIKEY', 'ACCESS', 'AUTH', 'CREDENTIALS',
  'FILE', 'PATH', 'SSL', 'TLS', 'SSLMODE', 'MODE', 'CERT', 'CERTIFICATE', 'CA', 'ROOT', 'CLIENT',
  'PRIVATE', 'ENABLED', 'ENABLE', 'USE', 'VERIFY', 'INSECURE', 'SCHEME', 'PROTOCOL', 'SECURITY',
]); // prettier-ignore

const ADDRESS_WORDS = new Set([
  'HOST', 'HOSTS', 'HOSTNAME', 'URL', 'URI', 'URLS', 'DSN', 'ADDR', 'ADDRESS', 'ADDRS', 'SERVER',
  'SERVERS', 'ENDPOINT', 'ENDPOINTS', 'BROKER', 'BROKERS', 'BOOTSTRAP', 'NODES', 'PEERS', 'CONNECTION',
  'CONN', 'UPSTREAM',
]); // prettier-ignore

/** Variables that hold the service's own address, or where browsers and peers are sent, rather
 * than a connection the service opens: any of these words (`LISTEN_ADDR`, `CORS_ORIGINS`,
 * `KAFKA_ADVERTISED_LISTENERS`), or a prefix made only of the second kind (`PUBLIC_URL`,
 * `APP_URL`, `SITE_BASE_URL`; but `APP_DB_URL` is a connection). */
const OWN_ADDRESS_WORDS = new Set([
  'LISTEN', 'LISTENER', 'LISTENERS', 'BIND', 'ADVERTISED', 'CALLBACK', 'REDIRECT', 'CORS', 'ORIGIN',
  'ORIGINS', 'ALLOWED', 'VIRTUAL', 'CANONICAL', 'HOMEPAGE', 'SELF',
]); // prettier-ignore
const OWN_PREFIX_WORDS = new Set(['PUBLIC', 'BASE', 'SITE', 'APP', 'EXTERNAL', 'DOMAIN']);
/** A prefix that names where browsers are sent when it holds a URL (`FRONTEND_URL` for CORS and
 * redirects), but a peer the service dials when it holds an address (`FRONTEND_ADDR=frontend:80`). */
const BROWSER_PREFIX_WORDS = new Set(['FRONTEND']);
const URL_WORDS = new Set(['URL', 'URI', 'URLS']);

const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASS',
  'PASSWD',
  'PWD',
  'TOKEN',
  'SECRET',
  'APIKEY',
  'AUTH',
  'CREDENTIALS',
]);
const TLS_CONTEXT = new Set(['TLS', 'SSL', 'CLIENT', 'PRIVATE', 'CERT']);

/** libpq's variables carry no separator (`PGHOST`, `PGSSLCERT`): spelled out as words here. */
const LIBPQ: Record<string, string[]> = {
  PGHOST: ['HOST'],
  PGHOSTADDR: ['ADDR'],
  PGPORT: ['PORT'],
  PGPASSWORD: ['PASSWORD'],
  PGPASSFILE: ['PASS', 'FILE'],
  PGSSLMODE: ['SSLMODE'],
  PGSSLCERT: ['SSL', 'CERT'],
  PGSSLKEY: ['SSL', 'KEY'],
  PGSSLROOTCERT: ['SSL', 'ROOT', 'CERT'],
  PGUSER: ['USER'],
};

/** What a variable's name alone says about it: the same in every container that sets it. */
type NameReading = Pick<EnvEntry, 'prefix' | 'role' | 'qualified' | 'ownAddress'>;

/** Readings by variable name, shared by the containers of one system: projects repeat the same
 * names (`DATABASE_URL`, `LOG_LEVEL`) in service after service, so each is read once. */
export type EnvNameReadings = Map<string, NameReading>;

/** Reads the role and the connection prefix of each variable. */
export function classifyEnv(vars: EnvVar[], readings: EnvNameReadings = new Map()): EnvEntry[] {
  return vars.map((v) => {
    let reading = readings.get(v.name);
    if (!reading) readings.set(v.name, (reading = readName(v.name)));
    const entry: EnvEntry = {
      name: v.name,
      at: v.at,
      prefix: reading.prefix,
      role: reading.role,
      qualified: reading.qualified,
      ownAddress: reading.ownAddress,
    };
    if (v.value !== undefined) entry.value = withInterpolationDefaults(v.value);
    return entry;
  });
}

function readName(name: string): NameReading {
  const libpq = LIBPQ[name.toUpperCase()];
  const words = libpq ? ['PG', ...libpq] : name.toUpperCase().split(/_+/).filter(Boolean);
  // Strip role words from the end, but keep the first word: `API_URL` and `API_KEY` share `API`.
  let end = words.length;
  while (end > 1 && ROLE_WORDS.has(words[end - 1]!)) end--;
  const prefixWords = words.slice(0, end);
  return {
    prefix: prefixWords.join('_'),
    role: roleOf(words.length === 1 ? words : words.slice(end)),
    qualified: words.length > 1,
    ownAddress:
      words.some((w) => OWN_ADDRESS_WORDS.has(w)) ||
      prefixWords.every((w) => OWN_PREFIX_WORDS.has(w)) ||
      (prefixWords.every((w) => OWN_PREFIX_WORDS.has(w) || BROWSER_PREFIX_WORDS.has(w)) &&
        words.slice(end).some((w) => URL_WORDS.has(w))),
  };
}

function roleOf(words: string[]): EnvRole {
  const has = (w: string): boolean => words.includes(w);
  const tlsContext = words.some((w) => TLS_CONTEXT.has(w));
  if ((has('CERT') || has('CERTIFICATE')) && !has('CA') && !has('ROOT') && !has('KEY')) return 'client-cert';
  if (has('KEY') && tlsContext) return 'client-key';
  if (words.some((w) => SECRET_WORDS.has(w)) || has('KEY')) return 'credential';
  if (has('SSLMODE') || ((has('SSL') || has('TLS')) && has('MODE'))) return 'tls-mode';
  if (has('SECURITY') && has('PROTOCOL')) return 'security-protocol';
  if ((has('SSL') || has('TLS')) && !has('CA') && !has('VERIFY') && !has('INSECURE') && !has('FILE'))
    return 'tls-flag';
  if (words.some((w) => ADDRESS_WORDS.has(w))) return 'address';
  if (has('PORT')) return 'port';
  return 'other';
}

/** `${VAR:-default}` and `${VAR-default}` read as their default: what the service gets when the
 * variable is unset, and usually the name of the service it talks to. `${VAR}` stays as written. */
export function withInterpolationDefaults(value: string): string {
  if (!value.includes('${')) return value;
  return value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1');
}

/** Variables by connection prefix. */
export function groupByPrefix(entries: EnvEntry[]): Map<string, EnvEntry[]> {
  const groups = new Map<string, EnvEntry[]>();
  for (const entry of entries) addTo(groups, entry.prefix, entry);
  return groups;
}
