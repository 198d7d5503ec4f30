import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import { asString, isRecord } from '../coerce';
import type { FileScope } from './file-scope';
import type { Keyed } from './layer';
import type { ServiceReader } from './service-reader';

/**
 * Host devices a service reaches: `devices` (recorded as the host device path, or the CDI name),
 * `device_cgroup_rules` (the rule as written), `gpus` and device reservations under `deploy`
 * (recorded as `gpu:<count or ids>`).
 */

/** `devices`, keyed by the path inside the container as compose merges them. */
export function readDevices(reader: ServiceReader): Keyed<Fact<string>> | undefined {
  const { scope } = reader;
  const path = reader.path('devices');
  const list = scope.list(reader.mapping.devices, reader.at('devices'), 'a list of devices');
  if (!list) return undefined;
  const out: Keyed<Fact<string>> = new Map();
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const at = scope.itemAt(list, i, `${path}[${i}]`);
    if (isRecord(item)) {
      const source = scope.string(item.source, at, 'a device path')?.trim();
      if (!source) continue;
      const target = scope.string(item.target, at, 'a device path')?.trim() || source;
      out.set(target, fact(source, at));
      continue;
    }
    const text = scope.string(item, at, 'a device such as "/dev/ttyUSB0:/dev/ttyUSB0:rwm"')?.trim();
    if (!text) continue;
    // CDI names (`vendor.com/class=name`) are not paths and are kept whole.
    if (!text.startsWith('/')) {
      out.set(text, fact(text, at));
      continue;
    }
    const [source, target] = text.split(':');
    out.set(target || source!, fact(source!, at));
  }
  return out;
}

/** `gpus: all` or a list of `{count, device_ids, capabilities, driver}`. */
export function readGpus(reader: ServiceReader): Fact<string>[] | undefined {
  const { scope } = reader;
  const value = reader.mapping.gpus;
  const at = reader.at('gpus');
  if (typeof value === 'string') {
    const text = scope.string(value, at, 'all or a list')?.trim();
    return text ? [fact(`gpu:${text}`, at)] : undefined;
  }
  const list = scope.list(value, at, '"all" or a list of device requests');
  return list && deviceRequests(scope, list, reader.path('gpus'));
}

/** Device requests (`gpus` items, `deploy.resources.reservations.devices`), one fact each. */
export function deviceRequests(scope: FileScope, list: unknown[], path: string): Fact<string>[] {
  const out: Fact<string>[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const at = scope.itemAt(list, i, `${path}[${i}]`);
    if (!isRecord(item)) {
      scope.wrongType(at, 'a mapping with count, device_ids or capabilities');
      continue;
    }
    out.push(fact(describeRequest(scope, item, at), at));
  }
  return out;
}

function describeRequest(scope: FileScope, item: Record<string, unknown>, at: SourceRef): string {
  const capabilities = Array.isArray(item.capabilities)
    ? item.capabilities.map((c) => asString(c) ?? '').filter((c) => c !== '')
    : [];
  const kind = capabilities.length > 0 ? capabilities.join(',') : 'gpu';
  const ids = Array.isArray(item.device_ids) ? item.device_ids.map((d) => asString(d) ?? '').join(',') : '';
  const count = scope.string(item.count, at, 'a number or "all"')?.trim();
  return `${kind}:${ids || count || 'all'}`;
}
