import { fact, type Fact } from '../../source/source-ref';
import type { Confinement } from '../workload';
import type { ManifestReader, Mapping } from './manifest-reader';
import { fieldPath } from './paths';

/** `seccompProfile` of a pod or container securityContext. */
export function readSeccompProfile(
  r: ManifestReader,
  sc: Mapping,
  scPath: string,
): Fact<Confinement> | undefined {
  return readProfile(r, sc, 'seccompProfile', scPath);
}

/** `appArmorProfile` (Kubernetes 1.30+) of a pod or container securityContext. */
export function readAppArmorProfile(
  r: ManifestReader,
  sc: Mapping,
  scPath: string,
): Fact<Confinement> | undefined {
  return readProfile(r, sc, 'appArmorProfile', scPath);
}

/** Both profile fields share one shape: `{type: RuntimeDefault|Localhost|Unconfined, localhostProfile}`. */
function readProfile(
  r: ManifestReader,
  sc: Mapping,
  key: string,
  scPath: string,
): Fact<Confinement> | undefined {
  const profile = r.mapping(sc, key, scPath);
  if (!profile) return undefined;
  const path = fieldPath(scPath, key);
  const type = r.string(profile, 'type', path);
  if (type === undefined) {
    r.invalidValue(
      r.keyAt(sc, key, scPath),
      `${path}.type must be set to RuntimeDefault, Localhost or Unconfined`,
    );
    return undefined;
  }
  const at = r.keyAt(profile, 'type', path);
  switch (type) {
    case 'RuntimeDefault':
      return fact({ mode: 'runtime-default' }, at);
    case 'Unconfined':
      return fact({ mode: 'unconfined' }, at);
    case 'Localhost': {
      const name = r.string(profile, 'localhostProfile', path);
      if (!name) {
        r.invalidValue(at, `${path}.localhostProfile must name the profile when the type is Localhost`);
        return fact({ mode: 'custom' }, at);
      }
      return fact({ mode: 'custom', profile: name }, at);
    }
  }
  r.invalidValue(at, `${path}.type must be RuntimeDefault, Localhost or Unconfined, found "${type}"`);
  return undefined;
}

/** SELinux types that the container policy itself defines: the confined defaults (PSS baseline). */
const CONTAINER_TYPES: ReadonlySet<string> = new Set([
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

/**
 * `seLinuxOptions`: `spc_t` (super-privileged container) runs unconfined; any other type outside
 * the container policy, or an explicit user or role, is a custom label; a standard type or a level
 * alone keeps the runtime's confinement.
 */
export function readSeLinuxOptions(
  r: ManifestReader,
  sc: Mapping,
  scPath: string,
): Fact<Confinement> | undefined {
  const options = r.mapping(sc, 'seLinuxOptions', scPath);
  if (!options) return undefined;
  const path = fieldPath(scPath, 'seLinuxOptions');
  const type = r.string(options, 'type', path) || undefined;
  const user = r.string(options, 'user', path) || undefined;
  const role = r.string(options, 'role', path) || undefined;
  if (type === 'spc_t') return fact({ mode: 'unconfined' }, r.keyAt(options, 'type', path));
  if (type !== undefined && !CONTAINER_TYPES.has(type))
    return fact({ mode: 'custom', profile: type }, r.keyAt(options, 'type', path));
  if (user !== undefined || role !== undefined) {
    const level = r.string(options, 'level', path) ?? '';
    const label = `${user ?? ''}:${role ?? ''}:${type ?? ''}:${level}`;
    return fact({ mode: 'custom', profile: label }, r.keyAt(options, user ? 'user' : 'role', path));
  }
  return fact({ mode: 'runtime-default' }, r.keyAt(sc, 'seLinuxOptions', scPath));
}

/** Values of the pre-1.19 seccomp annotations; undefined for a value the API rejects. */
export function seccompAnnotationValue(value: string): Confinement | undefined {
  if (value === 'runtime/default' || value === 'docker/default') return { mode: 'runtime-default' };
  if (value === 'unconfined') return { mode: 'unconfined' };
  if (value.startsWith('localhost/') && value.length > 10)
    return { mode: 'custom', profile: value.slice(10) };
  return undefined;
}

/** Values of the pre-1.30 AppArmor annotation; undefined for a value the API rejects. */
export function appArmorAnnotationValue(value: string): Confinement | undefined {
  if (value === 'runtime/default') return { mode: 'runtime-default' };
  if (value === 'unconfined') return { mode: 'unconfined' };
  if (value.startsWith('localhost/') && value.length > 10)
    return { mode: 'custom', profile: value.slice(10) };
  return undefined;
}
