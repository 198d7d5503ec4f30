import type { EnvSource, EnvVar } from '../workload';
import type { ManifestReader, Mapping } from './manifest-reader';
import { fieldPath, itemPath } from './paths';

/** `valueFrom` sources; anything else (such as `fileKeyRef`) is filled in by the kubelet at run
 * time like a field reference. */
const VALUE_SOURCES: ReadonlyMap<string, EnvSource> = new Map<string, EnvSource>([
  ['secretKeyRef', 'secret-ref'],
  ['configMapKeyRef', 'config-map-ref'],
  ['fieldRef', 'field-ref'],
  ['resourceFieldRef', 'field-ref'],
]);

/** `$(VAR)` refers to another variable of the container; `$$(VAR)` is an escaped literal. */
const DEPENDENT_VARIABLE = /(?:^|[^$])\$\([A-Za-z_][A-Za-z0-9_.-]*\)/;

/** `env` then `envFrom` of a container. */
export function readEnv(r: ManifestReader, container: Mapping, containerPath: string): EnvVar[] {
  const env: EnvVar[] = [];
  readEnvList(r, container, containerPath, env);
  readEnvFrom(r, container, containerPath, env);
  return env;
}

function readEnvList(r: ManifestReader, container: Mapping, containerPath: string, env: EnvVar[]): void {
  const list = r.list(container, 'env', containerPath);
  if (!list) return;
  const path = fieldPath(containerPath, 'env');
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    if (!item) continue;
    const varPath = itemPath(path, i);
    const at = r.itemAt(list, i, path);
    const name = r.string(item, 'name', varPath);
    if (!name) {
      r.invalidValue(at, `${varPath}.name must name the variable`);
      continue;
    }
    const valueFrom = r.mapping(item, 'valueFrom', varPath);
    if (valueFrom) {
      env.push(referencedVariable(r, name, valueFrom, fieldPath(varPath, 'valueFrom'), at));
      continue;
    }
    const value = r.string(item, 'value', varPath);
    const variable: EnvVar = { name, from: isDependent(value) ? 'interpolated' : 'literal', at };
    if (value !== undefined) variable.value = value;
    env.push(variable);
  }
}

function referencedVariable(
  r: ManifestReader,
  name: string,
  valueFrom: Mapping,
  path: string,
  at: EnvVar['at'],
): EnvVar {
  for (const key of Object.keys(valueFrom)) {
    const ref = r.mapping(valueFrom, key, path);
    if (!ref) continue;
    const from = VALUE_SOURCES.get(key) ?? 'field-ref';
    const variable: EnvVar = { name, from, at };
    if (from === 'secret-ref' || from === 'config-map-ref') {
      const object = r.string(ref, 'name', fieldPath(path, key));
      if (object) variable.ref = object;
    }
    return variable;
  }
  return { name, from: 'field-ref', at };
}

/** Each `envFrom` source imports all keys of a Secret or ConfigMap: one variable named `*`
 * (`PREFIX_*` with a prefix) stands for them. */
function readEnvFrom(r: ManifestReader, container: Mapping, containerPath: string, env: EnvVar[]): void {
  const list = r.list(container, 'envFrom', containerPath);
  if (!list) return;
  const path = fieldPath(containerPath, 'envFrom');
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    if (!item) continue;
    const sourcePath = itemPath(path, i);
    const name = `${r.string(item, 'prefix', sourcePath) ?? ''}*`;
    const secret = r.mapping(item, 'secretRef', sourcePath);
    const configMap = secret ? undefined : r.mapping(item, 'configMapRef', sourcePath);
    const ref = secret ?? configMap;
    if (!ref) continue;
    const variable: EnvVar = {
      name,
      from: secret ? 'secret-ref' : 'config-map-ref',
      at: r.itemAt(list, i, path),
    };
    const object = r.string(ref, 'name', fieldPath(sourcePath, secret ? 'secretRef' : 'configMapRef'));
    if (object) variable.ref = object;
    env.push(variable);
  }
}

function isDependent(value: string | undefined): boolean {
  return value !== undefined && value.includes('$(') && DEPENDENT_VARIABLE.test(value);
}
