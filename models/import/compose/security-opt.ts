import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import { isRecord } from '../coerce';
import type { Confinement } from '../workload';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import type { Keyed } from './layer';
import type { ServiceReader } from './service-reader';

/**
 * `security_opt` entries read the way the Docker daemon reads `--security-opt`
 * (`daemon/create.go` `parseSecurityOpt`, plus the CLI's `systempaths=unconfined`): `key=value`,
 * or the legacy `key:value` split at the first colon. `label:seccomp:unconfined` is therefore the
 * SELinux label option `seccomp:unconfined`, which Docker rejects: it is not a seccomp opt-out.
 */

export type SecurityOptionValue =
  | { kind: 'no-new-privileges'; value: boolean }
  | { kind: 'seccomp' | 'apparmor' | 'selinux'; value: Confinement }
  | { kind: 'proc-mount'; value: 'unmasked' }
  /** A valid option that sets nothing the model records (`label=user:…`, `writable-cgroups=…`). */
  | { kind: 'other' };

export type SecurityOption = SecurityOptionValue & { at: SourceRef };

/** SELinux label keys Docker accepts besides `disable` (go-selinux `InitLabels`). */
const LABEL_KEYS: ReadonlySet<string> = new Set(['user', 'role', 'type', 'level', 'filetype', 'nested']);
/** SELinux types that run a container unconfined. */
const UNCONFINED_SELINUX_TYPES: ReadonlySet<string> = new Set(['spc_t', 'unconfined_t']);

/** Parses one option; a string result is the reason Docker would reject it. */
export function parseSecurityOpt(text: string): SecurityOptionValue | string {
  const opt = text.trim();
  if (opt === 'no-new-privileges') return { kind: 'no-new-privileges', value: true };
  if (opt === 'disable') return { kind: 'selinux', value: { mode: 'unconfined' } };
  const eq = opt.indexOf('=');
  const cut = eq !== -1 ? eq : opt.indexOf(':');
  if (cut === -1) return `"${opt}" is not an option: expected key=value`;
  const key = opt.slice(0, cut);
  const value = opt.slice(cut + 1);
  switch (key) {
    case 'no-new-privileges': {
      const flag = parseGoBool(value);
      return flag === undefined
        ? `no-new-privileges takes true or false, not "${value}"`
        : { kind: 'no-new-privileges', value: flag };
    }
    case 'seccomp':
      if (value === '') return 'seccomp needs a profile: unconfined, builtin or a JSON file';
      return { kind: 'seccomp', value: confinement(value, 'builtin') };
    case 'apparmor':
      if (value === '') return 'apparmor needs a profile name or unconfined';
      return { kind: 'apparmor', value: confinement(value, 'docker-default') };
    case 'label':
      return parseLabel(value);
    case 'systempaths':
      return value === 'unconfined'
        ? { kind: 'proc-mount', value: 'unmasked' }
        : `systempaths only accepts "unconfined", not "${value}"`;
    case 'writable-cgroups':
      return parseGoBool(value) === undefined
        ? `writable-cgroups takes true or false, not "${value}"`
        : { kind: 'other' };
    default:
      return `unknown option "${key}": expected no-new-privileges, seccomp, apparmor, label or systempaths`;
  }
}

function parseLabel(value: string): SecurityOptionValue | string {
  if (value === 'disable') return { kind: 'selinux', value: { mode: 'unconfined' } };
  const colon = value.indexOf(':');
  const key = colon === -1 ? value : value.slice(0, colon);
  if (colon === -1 || !LABEL_KEYS.has(key))
    return `"label:${value}" is not an SELinux label option: expected disable, or user, role, type, level or filetype followed by ":" and a value`;
  if (key !== 'type') return { kind: 'other' };
  const type = value.slice(colon + 1);
  return UNCONFINED_SELINUX_TYPES.has(type)
    ? { kind: 'selinux', value: { mode: 'unconfined', profile: type } }
    : { kind: 'selinux', value: { mode: 'custom', profile: type } };
}

function confinement(value: string, runtimeDefault: string): Confinement {
  if (value === 'unconfined') return { mode: 'unconfined' };
  if (value === runtimeDefault) return { mode: 'runtime-default' };
  return { mode: 'custom', profile: value };
}

/** Go's `strconv.ParseBool`, which the daemon uses. */
function parseGoBool(text: string): boolean | undefined {
  switch (text) {
    case '1':
    case 't':
    case 'T':
    case 'true':
    case 'TRUE':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'false':
    case 'FALSE':
    case 'False':
      return false;
  }
  return undefined;
}

export function readSecurityOpt(reader: ServiceReader): Keyed<SecurityOption> | undefined {
  const { scope } = reader;
  const path = reader.path('security_opt');
  const at = reader.at('security_opt');
  const raw = reader.mapping.security_opt;
  // A bare mapping is read like a list holding that one mapping.
  const wrapped = isRecord(raw);
  const list = wrapped ? [raw] : scope.list(raw, at, 'a list of options such as "no-new-privileges:true"');
  if (!list) return undefined;
  const out: Keyed<SecurityOption> = new Map();
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const itemAt = wrapped ? at : scope.itemAt(list, i, `${path}[${i}]`);
    if (isRecord(item)) {
      readMappingOption(reader, item, itemAt, out);
      continue;
    }
    const text = scope.string(item, itemAt, 'a string such as "no-new-privileges:true"');
    if (text === undefined || text.trim() === '') continue;
    addOption(reader, text, itemAt, out);
  }
  return out;
}

/**
 * Compose only accepts strings here, but files in the wild write `- no-new-privileges: true`. Such
 * an entry is read as `key:value` when that is unambiguous; a boolean for any other key (such as
 * `apparmor: false`) says nothing Docker could apply and sets nothing.
 */
function readMappingOption(
  reader: ServiceReader,
  item: Record<string, unknown>,
  at: SourceRef,
  out: Keyed<SecurityOption>,
): void {
  const { scope } = reader;
  for (const key of Object.keys(item)) {
    const keyAt = scope.keyAt(item, key, `${at.path}.${key}`);
    const value = item[key];
    const text = scope.string(value, keyAt, 'a string');
    const written = `${key}: ${text ?? ''}`;
    if (text === undefined || (typeof value === 'boolean' && key !== 'no-new-privileges')) {
      scope.report(
        D.COMPOSE_INVALID_SECURITY_OPT,
        `security_opt entry "${written}" is a mapping that sets nothing; compose expects strings such as "${key}:unconfined" or "no-new-privileges:true"`,
        keyAt,
      );
      continue;
    }
    scope.report(
      D.COMPOSE_INVALID_SECURITY_OPT,
      `security_opt entry "${written}" is a mapping; compose expects the string "${key}:${text}" (read as that)`,
      keyAt,
    );
    addOption(reader, `${key}:${text}`, keyAt, out);
  }
}

function addOption(reader: ServiceReader, text: string, at: SourceRef, out: Keyed<SecurityOption>): void {
  const parsed = parseSecurityOpt(text);
  if (typeof parsed === 'string') {
    reader.scope.report(D.COMPOSE_INVALID_SECURITY_OPT, `security_opt "${text.trim()}": ${parsed}`, at);
    return;
  }
  // parseSecurityOpt returns a fresh object: it can carry its position.
  const option = parsed as SecurityOption;
  option.at = at;
  out.set(text.trim(), option);
}

export interface EffectiveSecurityOptions {
  noNewPrivileges?: Fact<boolean>;
  seccomp?: Fact<Confinement>;
  apparmor?: Fact<Confinement>;
  selinux?: Fact<Confinement>;
  procMount?: Fact<'unmasked'>;
}

/** The effective settings of a merged option list: the last option of each kind wins, except that
 * an SELinux `disable` stays (Docker drops every label once one option disables labelling). */
export function effectiveSecurityOptions(options: Iterable<SecurityOption>): EffectiveSecurityOptions {
  const out: EffectiveSecurityOptions = {};
  let selinuxDisabled = false;
  for (const option of options) {
    switch (option.kind) {
      case 'no-new-privileges':
        out.noNewPrivileges = fact(option.value, option.at);
        break;
      case 'seccomp':
        out.seccomp = fact(option.value, option.at);
        break;
      case 'apparmor':
        out.apparmor = fact(option.value, option.at);
        break;
      case 'selinux':
        if (selinuxDisabled) break;
        selinuxDisabled = option.value.mode === 'unconfined' && option.value.profile === undefined;
        out.selinux = fact(option.value, option.at);
        break;
      case 'proc-mount':
        out.procMount = fact(option.value, option.at);
        break;
    }
  }
  return out;
}
