import { canonicalCapability } from '../coerce';
import { fact, type Fact } from '../../source/source-ref';
import type { Confinement, Sysctl } from '../workload';
import { readAppArmorProfile, readSeccompProfile, readSeLinuxOptions } from './confinement';
import { K8S_DIAGNOSTICS as D } from './diagnostics';
import type { ManifestReader, Mapping } from './manifest-reader';
import {
  CONTAINER_SECURITY_CONTEXT_HINTS,
  POD_SECURITY_CONTEXT_HINTS,
  warnMisplacedFields,
} from './misplaced-fields';
import { setIfDefined } from './optional';
import { fieldPath } from './paths';

/** The securityContext fields a container inherits from its pod when it leaves them unset
 * (`DetermineEffectiveSecurityContext` in the kubelet: the container's value wins, whole). */
export interface InheritableSecurity {
  runAsUser?: Fact<number>;
  runAsGroup?: Fact<number>;
  runAsNonRoot?: Fact<boolean>;
  seccomp?: Fact<Confinement>;
  apparmor?: Fact<Confinement>;
  selinux?: Fact<Confinement>;
}

/** `spec.securityContext`. */
export interface PodSecurity extends InheritableSecurity {
  sysctls: Sysctl[];
}

/** `containers[*].securityContext` as written, before inheritance. */
export interface ContainerSecurity extends InheritableSecurity {
  privileged?: Fact<boolean>;
  allowPrivilegeEscalation?: Fact<boolean>;
  capAdd: Fact<string>[];
  capDrop: Fact<string>[];
  capDropAllExact?: boolean;
  readOnlyRootFilesystem?: Fact<boolean>;
  procMount?: Fact<'default' | 'unmasked'>;
}

export function readPodSecurityContext(r: ManifestReader, podSpec: Mapping, specPath: string): PodSecurity {
  const sc = r.mapping(podSpec, 'securityContext', specPath);
  if (!sc) return { sysctls: [] };
  const path = fieldPath(specPath, 'securityContext');
  warnMisplacedFields(r, sc, path, POD_SECURITY_CONTEXT_HINTS);
  const security: PodSecurity = { ...readInheritable(r, sc, path), sysctls: readSysctls(r, sc, path) };
  return security;
}

export function readContainerSecurityContext(
  r: ManifestReader,
  container: Mapping,
  containerPath: string,
): ContainerSecurity {
  const sc = r.mapping(container, 'securityContext', containerPath);
  if (!sc) return { capAdd: [], capDrop: [] };
  const path = fieldPath(containerPath, 'securityContext');
  warnMisplacedFields(r, sc, path, CONTAINER_SECURITY_CONTEXT_HINTS);
  const security: ContainerSecurity = { ...readInheritable(r, sc, path), capAdd: [], capDrop: [] };
  setIfDefined(security, 'privileged', r.booleanFact(sc, 'privileged', path));
  setIfDefined(security, 'allowPrivilegeEscalation', r.booleanFact(sc, 'allowPrivilegeEscalation', path));
  setIfDefined(security, 'readOnlyRootFilesystem', r.booleanFact(sc, 'readOnlyRootFilesystem', path));
  setIfDefined(security, 'procMount', readProcMount(r, sc, path));
  readCapabilities(r, sc, path, security);
  return security;
}

function readInheritable(r: ManifestReader, sc: Mapping, path: string): InheritableSecurity {
  const out: InheritableSecurity = {};
  setIfDefined(out, 'runAsUser', r.integerFact(sc, 'runAsUser', path));
  setIfDefined(out, 'runAsGroup', r.integerFact(sc, 'runAsGroup', path));
  setIfDefined(out, 'runAsNonRoot', r.booleanFact(sc, 'runAsNonRoot', path));
  setIfDefined(out, 'seccomp', readSeccompProfile(r, sc, path));
  setIfDefined(out, 'apparmor', readAppArmorProfile(r, sc, path));
  setIfDefined(out, 'selinux', readSeLinuxOptions(r, sc, path));
  return out;
}

function readProcMount(
  r: ManifestReader,
  sc: Mapping,
  path: string,
): Fact<'default' | 'unmasked'> | undefined {
  const value = r.string(sc, 'procMount', path);
  if (value === undefined) return undefined;
  const at = r.keyAt(sc, 'procMount', path);
  if (value === 'Default') return fact('default', at);
  if (value === 'Unmasked') return fact('unmasked', at);
  r.invalidValue(at, `${at.path} must be Default or Unmasked, found "${value}"`);
  return undefined;
}

/** Capability names are canonicalized (`cap_sys_admin` → `SYS_ADMIN`), as the runtime reads them:
 * containerd and CRI-O compare `ALL` in any case. Pod Security compares the literal `ALL`, so a
 * lower-case `all` is kept apart and noted: the pod is confined, but a `restricted` namespace
 * refuses it. */
function readCapabilities(r: ManifestReader, sc: Mapping, scPath: string, out: ContainerSecurity): void {
  const caps = r.mapping(sc, 'capabilities', scPath);
  if (!caps) return;
  const path = fieldPath(scPath, 'capabilities');
  readCapabilityList(r, caps, 'add', path, out.capAdd);
  const drop = readCapabilityList(r, caps, 'drop', path, out.capDrop);
  if (!drop) return;
  out.capDropAllExact = drop.includes('ALL');
  const allInOtherCase = out.capDropAllExact ? -1 : drop.findIndex((d) => isAllInOtherCase(d));
  if (allInOtherCase >= 0) {
    r.report(
      D.K8S_CAPABILITY_ALL_CASE,
      `capabilities.drop lists "${String(drop[allInOtherCase])}": container runtimes drop every capability for it, but Pod Security \`restricted\` admits only the literal "ALL" and refuses this pod`,
      r.itemAt(drop, allInOtherCase, fieldPath(path, 'drop')),
    );
  }
}

function isAllInOtherCase(name: unknown): boolean {
  return typeof name === 'string' && name !== 'ALL' && canonicalCapability(name) === 'ALL';
}

function readCapabilityList(
  r: ManifestReader,
  caps: Mapping,
  key: string,
  capsPath: string,
  into: Fact<string>[],
): unknown[] | undefined {
  const list = r.list(caps, key, capsPath);
  if (!list) return undefined;
  const path = fieldPath(capsPath, key);
  for (let i = 0; i < list.length; i++) {
    const name = r.stringItem(list, i, path);
    if (name === undefined || name.trim() === '') continue;
    into.push(fact(canonicalCapability(name), r.itemAt(list, i, path)));
  }
  return list;
}

function readSysctls(r: ManifestReader, sc: Mapping, scPath: string): Sysctl[] {
  const list = r.list(sc, 'sysctls', scPath);
  if (!list) return [];
  const path = fieldPath(scPath, 'sysctls');
  const sysctls: Sysctl[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    if (!item) continue;
    const itemPath = `${path}[${i}]`;
    const name = r.string(item, 'name', itemPath);
    if (!name) {
      r.invalidValue(r.itemAt(list, i, path), `${itemPath}.name must name the sysctl`);
      continue;
    }
    sysctls.push({ name, value: r.string(item, 'value', itemPath) ?? '', at: r.itemAt(list, i, path) });
  }
  return sysctls;
}
