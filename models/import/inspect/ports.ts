import { asNumber, isRecord } from '../coerce';
import { isLoopback, parsePortSpec } from '../compose/ports';
import type { PortBinding } from '../workload';
import { INSPECT_DIAGNOSTICS as D } from './diagnostics';
import type { TypedFields } from './typed-fields';

/**
 * Ports of an inspected container. `HostConfig.PortBindings` (`{"80/tcp": [{"HostIp": "",
 * "HostPort": "8080"}]}`) is what was asked; `NetworkSettings.Ports` is what a running container
 * got, and adds the random ports of `--publish-all`; `Config.ExposedPorts` lists the ports the
 * image exposes, published on random ports only under `PublishAllPorts`. A binding on an empty
 * HostIp, `0.0.0.0` or `::` is reachable from outside the host; one on a loopback address is not.
 */
export function readPorts(
  fields: TypedFields,
  settings: Record<string, unknown> | undefined,
  config: Record<string, unknown> | undefined,
  hostConfig: Record<string, unknown> | undefined,
  prefix: string,
): PortBinding[] {
  const out: PortBinding[] = [];
  const keyOf = (b: PortBinding): string => `${b.containerPort}/${b.protocol}`;
  if (hostConfig)
    readBindings(fields, hostConfig, 'PortBindings', `${prefix}HostConfig.PortBindings`, out, new Set());
  const bound = new Set(out.map(keyOf));
  if (settings) readBindings(fields, settings, 'Ports', `${prefix}NetworkSettings.Ports`, out, bound);
  for (const binding of out) bound.add(keyOf(binding));
  const publishAll = hostConfig
    ? fields.boolean(hostConfig, 'PublishAllPorts', `${prefix}HostConfig.PublishAllPorts`)
    : undefined;
  const exposedPath = `${prefix}Config.ExposedPorts`;
  const exposed = config ? fields.object(config, 'ExposedPorts', exposedPath) : undefined;
  for (const key of exposed ? Object.keys(exposed) : []) {
    const port = containerPort(fields, exposed!, key, `${exposedPath}["${key}"]`);
    if (!port || bound.has(`${port.port}/${port.protocol}`)) continue;
    bound.add(`${port.port}/${port.protocol}`);
    out.push({
      containerPort: port.port,
      protocol: port.protocol,
      published: publishAll === true,
      at: fields.at(exposed, key, `${exposedPath}["${key}"]`),
    });
  }
  return out;
}

function containerPort(
  fields: TypedFields,
  mapping: Record<string, unknown>,
  key: string,
  path: string,
): { port: number; protocol: PortBinding['protocol'] } | undefined {
  const spec = parsePortSpec(key);
  if (typeof spec === 'string' || spec.host || spec.hostIp || spec.container.start !== spec.container.end) {
    const reason = typeof spec === 'string' ? spec : 'expected a single container port';
    fields.report(
      D.INSPECT_INVALID_PORT,
      `port "${key}": ${reason}, such as "80/tcp"`,
      fields.at(mapping, key, path),
    );
    return undefined;
  }
  return { port: spec.container.start, protocol: spec.protocol };
}

/** Reads a `{"80/tcp": [{HostIp, HostPort}]}` map, skipping container ports listed in `skip`. */
function readBindings(
  fields: TypedFields,
  parent: Record<string, unknown>,
  key: string,
  path: string,
  out: PortBinding[],
  skip: Set<string>,
): void {
  const map = fields.object(parent, key, path);
  if (!map) return;
  for (const portKey of Object.keys(map)) {
    const keyPath = `${path}["${portKey}"]`;
    const port = containerPort(fields, map, portKey, keyPath);
    if (!port || skip.has(`${port.port}/${port.protocol}`)) continue;
    const list = fields.array(map, portKey, keyPath);
    for (let i = 0; i < (list?.length ?? 0); i++) {
      const item = list![i];
      const itemPath = `${keyPath}[${i}]`;
      if (!isRecord(item)) {
        fields.mistypedItem(list!, i, itemPath, 'an object with HostIp and HostPort');
        continue;
      }
      const hostIp = fields.string(item, 'HostIp', `${itemPath}.HostIp`)?.trim();
      const hostPortText = fields.string(item, 'HostPort', `${itemPath}.HostPort`)?.trim();
      const binding: PortBinding = {
        containerPort: port.port,
        protocol: port.protocol,
        published: !isLoopback(hostIp),
        at: fields.itemAt(list, i, itemPath),
      };
      if (hostIp) binding.hostIp = hostIp;
      if (hostPortText) {
        // A range ("8000-8010") means any free port in it; the first one stands for it.
        const hostPort = asNumber(hostPortText.split('-')[0]);
        if (hostPort === undefined || hostPort < 0 || hostPort > 65535 || !Number.isInteger(hostPort)) {
          fields.report(
            D.INSPECT_INVALID_PORT,
            `HostPort "${hostPortText}" is not a port: expected a number from 0 to 65535`,
            fields.at(item, 'HostPort', `${itemPath}.HostPort`),
          );
        } else if (hostPort > 0) {
          binding.hostPort = hostPort;
        }
      }
      out.push(binding);
    }
  }
}
