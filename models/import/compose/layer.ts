import type { Fact, SourceRef } from '../../source/source-ref';
import type { EnvVar, Mount, PortBinding, Sysctl, UserSpec } from '../workload';
import type { SecurityOption } from './security-opt';

/**
 * One file's contribution to a service, already normalized into facts. Compose merges files (and
 * `extends` bases) key by key; merging this normalized form instead of raw YAML keeps every fact
 * pointing at the file and line that set the effective value.
 *
 * Fields are named after the compose keys they come from, so that `!reset` and `!override` on a
 * key act on the field of the same name. A field left undefined is not set by this layer.
 */

/** A list that compose merges by key: a later entry with the same key replaces the earlier one in
 * its place (insertion order of a Map does exactly that). */
export type Keyed<T> = Map<string, T>;

/** The entries of a keyed list in merge order; none when the list is unset. */
export function keyedValues<T>(keyed: Keyed<T> | undefined): T[] {
  return keyed ? [...keyed.values()] : [];
}

export interface ServiceLayer {
  name: string;
  /** Where the service is defined in this layer's file. */
  at: SourceRef;
  /** Keys tagged `!reset`: the value merged from earlier layers is dropped. */
  resets: readonly string[];
  /** Keys tagged `!override`: this layer's value replaces the earlier one instead of merging. */
  overrides: readonly string[];
  fields: ServiceFields;
}

export interface BuildFields {
  /** Where `build` is written: the evidence for a Dockerfile named by default. */
  at: SourceRef;
  /** Directory of the file that declared the build: the context when none is given. */
  declaredIn: string;
  /** Build context: a directory relative to the repository, or a URL. */
  context?: Fact<string>;
  /** Dockerfile as written (relative to the context). */
  dockerfile?: Fact<string>;
  /** `dockerfile_inline`: there is no Dockerfile on disk to link. */
  inline?: Fact<boolean>;
  /** The stage to build to (`target`); the final stage when unset. */
  target?: Fact<string>;
  args?: Keyed<EnvVar>;
}

export interface DeployFields {
  replicas?: Fact<number>;
  memoryLimit?: Fact<string>;
  cpuLimit?: Fact<string>;
  pidsLimit?: Fact<number>;
  memoryRequest?: Fact<string>;
  cpuRequest?: Fact<string>;
  /** Device reservations (`resources.reservations.devices`), such as GPUs. */
  devices?: Fact<string>[];
}

export interface HealthcheckFields {
  disable?: Fact<boolean>;
  /** True when a test command is set, false for `test: ["NONE"]`. */
  test?: Fact<boolean>;
}

/** A service's `env_file` entry; the file is read once the merged value is known. */
export interface EnvFileRef {
  /** Repository-relative path of the env file. */
  path: string;
  required: boolean;
  at: SourceRef;
}

/** A network a service joins, with the extra names (`aliases`) it has there. */
export interface ServiceNetwork {
  name: Fact<string>;
  aliases: Fact<string>[];
}

/** A service's use of a top-level secret or config. */
export interface ResourceUse {
  name: string;
  target: string;
  at: SourceRef;
}

export interface ServiceFields {
  image?: Fact<string>;
  container_name?: Fact<string>;
  privileged?: Fact<boolean>;
  read_only?: Fact<boolean>;
  user?: Fact<UserSpec>;
  pid?: Fact<string>;
  ipc?: Fact<string>;
  uts?: Fact<string>;
  network_mode?: Fact<string>;
  userns_mode?: Fact<string>;
  use_api_socket?: Fact<boolean>;
  cap_add?: Keyed<Fact<string>>;
  /** Keyed by canonical name; the value keeps the name as written (for the exact `ALL` test). */
  cap_drop?: Keyed<Fact<string>>;
  security_opt?: Keyed<SecurityOption>;
  ports?: Keyed<PortBinding[]>;
  expose?: Keyed<PortBinding[]>;
  /** Keyed by target. Named volumes are resolved against the top-level `volumes` after merging. */
  volumes?: Keyed<Mount>;
  volumes_from?: Keyed<Fact<string>>;
  tmpfs?: Keyed<Mount>;
  devices?: Keyed<Fact<string>>;
  device_cgroup_rules?: Keyed<Fact<string>>;
  gpus?: Fact<string>[];
  sysctls?: Keyed<Sysctl>;
  environment?: Keyed<EnvVar>;
  env_file?: Keyed<EnvFileRef>;
  labels?: Keyed<string>;
  annotations?: Keyed<string>;
  secrets?: Keyed<ResourceUse>;
  configs?: Keyed<ResourceUse>;
  networks?: Keyed<ServiceNetwork>;
  hostname?: Fact<string>;
  depends_on?: Keyed<Fact<string>>;
  links?: Keyed<Fact<string>>;
  profiles?: Keyed<Fact<string>>;
  healthcheck?: HealthcheckFields;
  build?: BuildFields;
  deploy?: DeployFields;
  mem_limit?: Fact<string>;
  mem_reservation?: Fact<string>;
  cpus?: Fact<string>;
  pids_limit?: Fact<number>;
  scale?: Fact<number>;
}

/** Fields whose value is a small record merged field by field (a mapping in compose). */
export const NESTED_FIELDS: ReadonlySet<string> = new Set(['build', 'deploy', 'healthcheck']);
