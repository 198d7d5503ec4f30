import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import { isRecord } from '../coerce';
import type { NetworkDef } from '../workload';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import type { Keyed, ServiceNetwork } from './layer';
import type { NetworkDeclaration } from './resources';
import type { ServiceReader } from './service-reader';
import type { ImportSession } from './session';

/** The network every service joins when it names none and has no `network_mode`. */
export const DEFAULT_NETWORK = 'default';

/** A service's `networks`, as a list of names or a mapping of name to settings (with `aliases`). */
export function readServiceNetworks(reader: ServiceReader): Keyed<ServiceNetwork> | undefined {
  const { scope } = reader;
  const value = reader.mapping.networks;
  const path = reader.path('networks');
  const out: Keyed<ServiceNetwork> = new Map();
  if (!isRecord(value)) {
    const names = reader.stringList('networks', 'network names');
    if (!names) return undefined;
    for (const [name, written] of names) out.set(name, { name: written, aliases: [] });
    return out;
  }
  for (const name of Object.keys(value)) {
    const at = scope.keyAt(value, name, `${path}.${name}`);
    const settings = value[name];
    let aliases: Fact<string>[] = [];
    if (isRecord(settings)) {
      const aliasesAt = scope.keyAt(settings, 'aliases', `${path}.${name}.aliases`);
      const list = scope.list(settings.aliases, aliasesAt, 'a list of host names');
      aliases = (list ?? []).flatMap((item, i) => {
        const itemAt = scope.itemAt(list, i, `${aliasesAt.path}[${i}]`);
        const alias = scope.string(item, itemAt, 'a host name')?.trim();
        return alias ? [fact(alias, itemAt)] : [];
      });
    } else if (settings !== null) {
      scope.wrongType(at, 'a mapping of network settings or empty');
    }
    out.set(name, { name: fact(name, at), aliases });
  }
  return out;
}

function networkId(project: string, name: string): string {
  return `compose:${project}/networks/${name}`;
}

/**
 * A NetworkDef for every network some service joins: as declared at the top level, or with
 * defaults (citing the first service that joins it) for the implicit `default` network and for
 * networks nobody declared, which are also reported.
 */
export function networkDefs(
  session: ImportSession,
  project: string,
  used: Map<string, SourceRef>,
  declared: Keyed<NetworkDeclaration>,
): NetworkDef[] {
  const out: NetworkDef[] = [];
  for (const [name, firstUse] of used) {
    const declaration = declared.get(name);
    if (!declaration && name !== DEFAULT_NETWORK)
      session.report(
        D.COMPOSE_UNDEFINED_NETWORK,
        `network "${name}" is not declared under the top-level networks key`,
        firstUse,
      );
    const def: NetworkDef = {
      id: networkId(project, name),
      project,
      name,
      internal: declaration?.internal?.value ?? false,
      external: declaration?.external?.value ?? false,
      encrypted: declaration?.encrypted?.value ?? false,
      at: declaration?.at ?? firstUse,
    };
    if (declaration?.driver) def.driver = declaration.driver.value;
    out.push(def);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
