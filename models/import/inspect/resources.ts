import { fact, type SourceRef } from '../../source/source-ref';
import type { Resources } from '../workload';
import type { TypedFields } from './typed-fields';

function positive(
  fields: TypedFields,
  hostConfig: Record<string, unknown>,
  key: string,
  path: string,
): number | undefined {
  const value = fields.number(hostConfig, key, path);
  return value !== undefined && value > 0 ? value : undefined;
}

/** Memory in bytes; CPUs as a count of cores (NanoCpus / 1e9, or CpuQuota / CpuPeriod); CpuShares,
 * a relative weight, as a request in cores the way Kubernetes maps requests to shares (1024 = 1). */
export function readResources(
  fields: TypedFields,
  hostConfig: Record<string, unknown>,
  h: string,
): Resources {
  const out: Resources = {};
  const at = (key: string): SourceRef => fields.at(hostConfig, key, `${h}.${key}`);
  const memory = positive(fields, hostConfig, 'Memory', `${h}.Memory`);
  if (memory !== undefined) out.memoryLimit = fact(String(memory), at('Memory'));
  const reservation = positive(fields, hostConfig, 'MemoryReservation', `${h}.MemoryReservation`);
  if (reservation !== undefined) out.memoryRequest = fact(String(reservation), at('MemoryReservation'));
  const nanoCpus = positive(fields, hostConfig, 'NanoCpus', `${h}.NanoCpus`);
  const quota = positive(fields, hostConfig, 'CpuQuota', `${h}.CpuQuota`);
  if (nanoCpus !== undefined) out.cpuLimit = fact(String(nanoCpus / 1e9), at('NanoCpus'));
  else if (quota !== undefined) {
    const period = positive(fields, hostConfig, 'CpuPeriod', `${h}.CpuPeriod`) ?? 100_000;
    out.cpuLimit = fact(String(quota / period), at('CpuQuota'));
  }
  const shares = positive(fields, hostConfig, 'CpuShares', `${h}.CpuShares`);
  if (shares !== undefined) out.cpuRequest = fact(String(shares / 1024), at('CpuShares'));
  const pids = positive(fields, hostConfig, 'PidsLimit', `${h}.PidsLimit`);
  if (pids !== undefined) out.pidsLimit = fact(pids, at('PidsLimit'));
  return out;
}
