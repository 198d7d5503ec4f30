import { fact, type Fact } from '../../source/source-ref';
import { isRecord } from '../coerce';
import type { Keyed } from './layer';
import type { ServiceReader } from './service-reader';

/** `depends_on` as a list of service names or a mapping of name to condition. */
export function readDependsOn(reader: ServiceReader): Keyed<Fact<string>> | undefined {
  const value = reader.mapping.depends_on;
  if (!isRecord(value)) return reader.stringList('depends_on', 'service names');
  const out: Keyed<Fact<string>> = new Map();
  for (const name of Object.keys(value))
    out.set(name, fact(name, reader.scope.keyAt(value, name, `${reader.path('depends_on')}.${name}`)));
  return out;
}

/** `links: ["db", "db:database"]`: the service is the part before the alias. */
export function readLinks(reader: ServiceReader): Keyed<Fact<string>> | undefined {
  const links = reader.stringList('links', 'service names such as "db" or "db:alias"', serviceOfLink);
  if (!links) return undefined;
  const out: Keyed<Fact<string>> = new Map();
  for (const [service, link] of links) out.set(service, fact(service, link.at));
  return out;
}

function serviceOfLink(link: string): string {
  const colon = link.indexOf(':');
  return (colon === -1 ? link : link.slice(0, colon)).trim();
}

/** `volumes_from: ["service_name", "service:name:ro", "container:name"]`, keyed by the source. */
export function readVolumesFrom(reader: ServiceReader): Keyed<Fact<string>> | undefined {
  return reader.stringList(
    'volumes_from',
    'service or container names',
    (entry) => volumesFromSource(entry).source,
  );
}

export interface VolumesFromSource {
  /** `service:x` is written `x`; a container keeps its `container:` prefix. */
  source: string;
  readOnly: boolean;
}

export function volumesFromSource(entry: string): VolumesFromSource {
  const parts = entry.trim().split(':');
  let readOnly = false;
  if (parts.length > 1 && (parts[parts.length - 1] === 'ro' || parts[parts.length - 1] === 'rw'))
    readOnly = parts.pop() === 'ro';
  if (parts[0] === 'service' && parts.length > 1) parts.shift();
  return { source: parts.join(':'), readOnly };
}
