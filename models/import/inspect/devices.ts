import { fact, type Fact } from '../../source/source-ref';
import { isRecord } from '../coerce';
import type { TypedFields } from './typed-fields';

/** Host devices as compose's importer records them: the host path, the cgroup rule as written,
 * and device requests (`--gpus`) as `<capabilities>:<ids or count>`. */
export function readDevices(
  fields: TypedFields,
  hostConfig: Record<string, unknown>,
  h: string,
): Fact<string>[] {
  const out: Fact<string>[] = [];
  const devices = fields.array(hostConfig, 'Devices', `${h}.Devices`);
  for (let i = 0; i < (devices?.length ?? 0); i++) {
    const item = devices![i];
    const path = `${h}.Devices[${i}]`;
    if (!isRecord(item)) {
      fields.mistypedItem(devices!, i, path, 'an object with PathOnHost');
      continue;
    }
    const host = fields.string(item, 'PathOnHost', `${path}.PathOnHost`)?.trim();
    if (host) out.push(fact(host, fields.itemAt(devices, i, path)));
  }
  const rules = fields.array(hostConfig, 'DeviceCgroupRules', `${h}.DeviceCgroupRules`);
  for (const { value, index } of rules ? fields.strings(rules, `${h}.DeviceCgroupRules`) : []) {
    if (value.trim())
      out.push(fact(value.trim(), fields.itemAt(rules, index, `${h}.DeviceCgroupRules[${index}]`)));
  }
  const requests = fields.array(hostConfig, 'DeviceRequests', `${h}.DeviceRequests`);
  for (let i = 0; i < (requests?.length ?? 0); i++) {
    const item = requests![i];
    const path = `${h}.DeviceRequests[${i}]`;
    if (!isRecord(item)) {
      fields.mistypedItem(requests!, i, path, 'an object with Count, DeviceIDs and Capabilities');
      continue;
    }
    out.push(fact(describeDeviceRequest(fields, item, path), fields.itemAt(requests, i, path)));
  }
  return out;
}

function describeDeviceRequest(fields: TypedFields, item: Record<string, unknown>, path: string): string {
  const capabilities = (fields.array(item, 'Capabilities', `${path}.Capabilities`) ?? [])
    .flatMap((set) => (Array.isArray(set) ? set : [set]))
    .filter((c): c is string => typeof c === 'string' && c !== '');
  const idList = fields.array(item, 'DeviceIDs', `${path}.DeviceIDs`);
  const ids = idList ? fields.strings(idList, `${path}.DeviceIDs`).map((d) => d.value) : [];
  const count = fields.number(item, 'Count', `${path}.Count`);
  const amount = ids.length > 0 ? ids.join(',') : count === undefined || count < 0 ? 'all' : String(count);
  return `${capabilities.length > 0 ? capabilities.join(',') : 'gpu'}:${amount}`;
}
