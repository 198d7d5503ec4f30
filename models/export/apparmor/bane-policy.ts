import { diagnosticAt, type Diagnostic } from '../../source/diagnostic';
import type { SourceRef } from '../../source/source-ref';
import { SourceText } from '../../source/source-text';
import { checkPath } from './apparmor-path';
import { LINUX_CAPABILITIES, NETWORK_PROTOCOLS } from './capabilities';
import { APPARMOR_DIAGNOSTICS as D } from './diagnostics';
import { parseToml, type TomlEntry, type TomlTable, type TomlValue } from './parse-toml';

/** A bane policy (genuinetools/bane `sample.toml`), read and checked; paths are ready to write. */
export interface BanePolicy {
  /** The name as written; the profile is called `docker-<name>`. */
  name: string;
  filesystem: {
    readOnlyPaths: string[];
    logOnWritePaths: string[];
    writablePaths: string[];
    allowExec: string[];
    denyExec: string[];
  };
  capabilities: { allow: string[]; deny: string[] };
  network: { raw: boolean; packet: boolean; protocols: string[] };
}

export interface BanePolicyResult {
  policy?: BanePolicy;
  diagnostics: Diagnostic[];
}

type Kind = 'string' | 'boolean' | 'string-array';

/** The keys bane reads, by table; matched without regard to case, as bane's TOML decoder does. */
const SCHEMA: Record<string, Record<string, Kind>> = {
  '': { Name: 'string' },
  Filesystem: {
    ReadOnlyPaths: 'string-array',
    LogOnWritePaths: 'string-array',
    WritablePaths: 'string-array',
    AllowExec: 'string-array',
    DenyExec: 'string-array',
  },
  Capabilities: { Allow: 'string-array', Deny: 'string-array' },
  Network: { Raw: 'boolean', Packet: 'boolean', Protocols: 'string-array' },
};

/** What a profile name may hold: it ends up in `profile <name> {`, in file names and in
 * `--security-opt apparmor=<name>`. */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Reads a bane TOML policy. Every problem is a diagnostic with file, line and column. */
export function readBanePolicy(file: string, text: string): BanePolicyResult {
  const parsed = parseToml(file, text);
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const source = new SourceText(file, text);
  const diagnostics: Diagnostic[] = [];
  const report = (spec: (typeof D)[keyof typeof D], message: string, at: SourceRef) =>
    diagnostics.push(diagnosticAt(spec, message, at, source));

  const values = new Map<string, { entry: TomlEntry; table: string }>();
  const tables: TomlTable[] = [parsed.document.root, ...parsed.document.tables.values()];
  for (const table of tables) {
    const tableName = findKey(Object.keys(SCHEMA), table.name);
    if (tableName === undefined) {
      report(
        D.APPARMOR_UNKNOWN_KEY,
        `[${table.name}] is not a table of a bane policy; expected Filesystem, Capabilities or Network`,
        table.at,
      );
      continue;
    }
    const schema = SCHEMA[tableName]!;
    for (const entry of table.entries.values()) {
      const key = findKey(Object.keys(schema), entry.key);
      if (key === undefined) {
        const where = tableName ? `[${tableName}]` : 'the top level (before any [table])';
        report(
          D.APPARMOR_UNKNOWN_KEY,
          `"${entry.key}" is not a key of ${where}; expected ${Object.keys(schema).join(', ')}`,
          entry.at,
        );
        continue;
      }
      const kind = schema[key]!;
      if (!hasKind(entry.value, kind)) {
        report(D.APPARMOR_WRONG_TYPE, `${key} must be ${describe(kind)}`, entry.value.at);
        continue;
      }
      values.set(`${tableName}.${key}`, { entry, table: tableName });
    }
  }

  const nameEntry = values.get('.Name')?.entry;
  let name = '';
  if (!nameEntry) {
    report(D.APPARMOR_MISSING_NAME, 'the policy needs Name = "…" at the top, before any [table]', {
      file,
      line: 1,
      column: 1,
    });
  } else {
    name = (nameEntry.value as { value: string }).value;
    if (!PROFILE_NAME.test(name))
      report(
        D.APPARMOR_INVALID_NAME,
        'Name may hold letters, digits, ".", "_" and "-" (starting with a letter or digit, at most 128)',
        nameEntry.value.at,
      );
  }

  const strings = (key: string): TomlValue[] => {
    const value = values.get(key)?.entry.value;
    return value && value.kind === 'array' ? value.items : [];
  };
  const paths = (key: string): string[] =>
    strings(key).flatMap((item) => {
      const checked = checkPath((item as { value: string }).value);
      if ('error' in checked) {
        report(D.APPARMOR_INVALID_PATH, `${key.slice(key.indexOf('.') + 1)}: ${checked.error}`, item.at);
        return [];
      }
      return [checked.text];
    });
  const capabilities = (key: string): string[] =>
    strings(key).flatMap((item) => {
      const raw = (item as { value: string }).value;
      const cap = raw.toLowerCase().replace(/^cap_/, '');
      if (LINUX_CAPABILITIES.includes(cap)) return [cap];
      report(
        D.APPARMOR_UNKNOWN_CAPABILITY,
        `"${raw}" is not a Linux capability; expected a name such as net_bind_service or chown`,
        item.at,
      );
      return [];
    });
  const protocols = strings('Network.Protocols').flatMap((item) => {
    const raw = (item as { value: string }).value;
    if (NETWORK_PROTOCOLS.includes(raw)) return [raw];
    report(D.APPARMOR_UNKNOWN_PROTOCOL, `"${raw}" is not one of ${NETWORK_PROTOCOLS.join(', ')}`, item.at);
    return [];
  });
  const flag = (key: string): boolean =>
    (values.get(key)?.entry.value as { value?: boolean } | undefined)?.value === true;

  const policy: BanePolicy = {
    name,
    filesystem: {
      readOnlyPaths: paths('Filesystem.ReadOnlyPaths'),
      logOnWritePaths: paths('Filesystem.LogOnWritePaths'),
      writablePaths: paths('Filesystem.WritablePaths'),
      allowExec: paths('Filesystem.AllowExec'),
      denyExec: paths('Filesystem.DenyExec'),
    },
    capabilities: { allow: capabilities('Capabilities.Allow'), deny: capabilities('Capabilities.Deny') },
    network: { raw: flag('Network.Raw'), packet: flag('Network.Packet'), protocols },
  };
  const allow = values.get('Capabilities.Allow');
  if (policy.capabilities.deny.length > 0 && policy.capabilities.allow.length > 0 && allow)
    report(
      D.APPARMOR_IGNORED,
      'Allow is ignored when Deny is set: the profile allows every capability except the denied ones',
      allow.entry.at,
    );
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { policy, diagnostics };
}

function findKey(keys: string[], key: string): string | undefined {
  return keys.find((k) => k.toLowerCase() === key.toLowerCase());
}

function hasKind(value: TomlValue, kind: Kind): boolean {
  if (kind === 'string-array')
    return value.kind === 'array' && value.items.every((item) => item.kind === 'string');
  return value.kind === kind;
}

function describe(kind: Kind): string {
  if (kind === 'string') return 'a "string"';
  if (kind === 'boolean') return 'true or false';
  return 'an array of "strings"';
}
