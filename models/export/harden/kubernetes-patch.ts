import type { Finding } from '../../conditions/finding';
import type { Container, Workload } from '../../import/workload';
import type { MitigationId } from '../../mitigations/mitigation-ids';
import { DEFAULT_LIMITS, isDangerousCapability, NON_ROOT_UID } from './compose-override';
import { ChangeLog, ofCondition, type HardeningChange } from './hardening-plan';
import { entry, map, scalar, seq, type YamlEntry, type YamlMap, type YamlNode } from './yaml-writer';

/** API group/version of each workload kind, for the patch's apiVersion (kustomize matches on it). */
const API_VERSIONS: Record<string, string> = {
  Pod: 'v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

/** Where the pod spec sits in each kind. */
function podSpecPath(kind: string): string[] {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return ['spec', 'template', 'spec'];
}

export interface KubernetesHardening {
  /** The strategic-merge patch document, or undefined when nothing changes. */
  patch: YamlMap | undefined;
  changes: HardeningChange[];
}

/** An ordered tree of patch fields with the comments that explain them. */
class PatchTree {
  private readonly fields = new Map<string, PatchTree | { value: YamlNode; comments: string[] }>();
  private readonly comments = new Map<string, string[]>();

  at(...path: string[]): PatchTree {
    const [key, ...rest] = path;
    if (key === undefined) return this;
    let next = this.fields.get(key);
    if (!(next instanceof PatchTree)) {
      next = new PatchTree();
      this.fields.set(key, next);
    }
    return next.at(...rest);
  }

  set(key: string, value: YamlNode, comments: string[]): void {
    const previous = this.fields.get(key);
    const merged =
      previous && !(previous instanceof PatchTree) ? [...previous.comments, ...comments] : comments;
    this.fields.set(key, { value, comments: merged });
  }

  comment(key: string, lines: string[]): void {
    this.comments.set(key, [...(this.comments.get(key) ?? []), ...lines]);
  }

  get size(): number {
    return this.fields.size;
  }

  toYaml(): YamlMap {
    const entries: YamlEntry[] = [];
    for (const [key, field] of this.fields) {
      const extra = this.comments.get(key) ?? [];
      if (field instanceof PatchTree) entries.push(entry(key, field.toYaml(), extra));
      else entries.push(entry(key, field.value, [...extra, ...field.comments]));
    }
    return map(entries);
  }
}

/**
 * A strategic-merge patch for one Kubernetes workload: pod and container securityContext, host
 * namespaces, the service-account token and resource limits, each field with a comment naming
 * the conditions it fixes and the mitigation. Containers are matched by name (their merge key);
 * removed host mounts use `$patch: delete` on the volume mount (by mountPath) and the volume (by
 * name). `skip` holds mitigations the user has accepted as they are.
 */
export function hardenKubernetesWorkload(
  workload: Workload,
  findings: readonly Finding[],
  skip: ReadonlySet<MitigationId> = new Set(),
): KubernetesHardening {
  const apiVersion = API_VERSIONS[workload.kind];
  if (!apiVersion) return { patch: undefined, changes: [] };
  const log = new ChangeLog();
  const pod = new PatchTree();
  const containerTrees = new Map<Container, PatchTree>();
  const containerTree = (c: Container) => {
    let tree = containerTrees.get(c);
    if (!tree) containerTrees.set(c, (tree = new PatchTree()));
    return tree;
  };
  const apply = (
    tree: PatchTree,
    path: string[],
    value: YamlNode,
    change: Omit<HardeningChange, 'setting'>,
  ): boolean => {
    const related = change.related ?? [];
    if (skip.has(change.mitigation) || change.fixes.length + related.length === 0) return false;
    log.add({ setting: path.join('.'), ...change });
    const named = change.fixes.length ? change.fixes : related;
    const why = `${[...new Set(named.map((f) => f.condition))].join(', ')}: ${change.description} (mitigation ${change.mitigation})`;
    tree
      .at(...path.slice(0, -1))
      .set(path[path.length - 1]!, value, [why, ...(change.check ? [`check: ${change.check}`] : [])]);
    return true;
  };

  for (const [condition, key] of [
    ['host-pid', 'hostPID'],
    ['host-ipc', 'hostIPC'],
    ['host-network', 'hostNetwork'],
  ] as const)
    apply(pod, [key], scalar(false), {
      description: `leaves the host ${key.slice(4)} namespace`,
      mitigation: 'no-host-namespaces',
      fixes: ofCondition(findings, condition).filter((f) => f.container === undefined),
    });
  apply(pod, ['automountServiceAccountToken'], scalar(false), {
    description: 'no service-account token',
    mitigation: 'no-service-account-token',
    fixes: ofCondition(findings, 'service-account-token-automount'),
    check: 'the workload must not call the Kubernetes API',
  });
  const implicitSeccomp = ofCondition(findings, 'seccomp-unconfined').filter((f) => f.implicit);
  apply(pod, ['securityContext', 'seccompProfile'], map([entry('type', scalar('RuntimeDefault'))]), {
    description: "the runtime's default seccomp profile for every container",
    mitigation: 'seccomp-default',
    fixes: implicitSeccomp,
  });

  const containerMountDeletes = new Map<PatchTree, { target: string; comment: string }[]>();
  const removedVolumes = new Set<string>();
  const keptVolumes = new Set<string>();
  for (const c of workload.containers) {
    if (c.role === 'ephemeral') continue;
    const own = findings.filter((f) => f.container === c.name);
    const tree = containerTree(c);
    const applyC = (path: string[], value: YamlNode, change: Omit<HardeningChange, 'setting'>): boolean =>
      apply(tree, path, value, { ...change, container: c.name });
    const sc = ['securityContext'];
    const privileged = ofCondition(own, 'privileged');
    const escalation = ofCondition(own, 'privilege-escalation-allowed');
    applyC([...sc, 'privileged'], scalar(false), {
      description: 'not privileged',
      mitigation: 'no-privileged',
      fixes: privileged,
    });
    applyC([...sc, 'allowPrivilegeEscalation'], scalar(false), {
      description: 'no privilege escalation',
      mitigation: 'no-new-privileges',
      fixes: escalation,
    });
    const added = [...new Set(c.capAdd.map((f) => f.value))];
    const removed = added.filter(isDangerousCapability);
    const kept = added.filter((cap) => !isDangerousCapability(cap));
    const dangerous = [
      ...ofCondition(own, 'cap-sys-admin'),
      ...ofCondition(own, 'dangerous-capability'),
    ].filter((f) => (f.data.capabilities ?? []).every((cap) => removed.includes(cap)));
    if (removed.length > 0)
      applyC([...sc, 'capabilities', 'add'], seq(kept.map((cap) => scalar(cap))), {
        description: `drops ${removed.join(', ')}${kept.length ? `, keeps ${kept.join(', ')}` : ''}`,
        mitigation: 'drop-capabilities',
        fixes: dangerous,
        check: 'the container must work without them',
      });
    applyC([...sc, 'capabilities', 'drop'], seq([scalar('ALL')]), {
      description: 'drops every default capability',
      mitigation: 'drop-capabilities',
      fixes: ofCondition(own, 'default-capabilities-kept'),
      related: c.capDrop.some((f) => f.value === 'ALL') ? [] : privileged,
    });
    const root = ofCondition(own, 'runs-as-root');
    if (
      applyC([...sc, 'runAsNonRoot'], scalar(true), {
        description: 'the kubelet refuses to start it as root',
        mitigation: 'non-root-user',
        fixes: root,
      })
    )
      applyC([...sc, 'runAsUser'], scalar(NON_ROOT_UID), {
        description: `runs as uid ${NON_ROOT_UID}`,
        mitigation: 'non-root-user',
        fixes: root,
        check: 'the image must work as this uid; files it writes must belong to it',
      });
    applyC([...sc, 'readOnlyRootFilesystem'], scalar(true), {
      description: 'read-only root filesystem',
      mitigation: 'read-only-rootfs',
      fixes: ofCondition(own, 'writable-root-filesystem'),
      check: 'paths the container writes need an emptyDir volume',
    });
    const explicitSeccomp = ofCondition(own, 'seccomp-unconfined').filter((f) => !f.implicit);
    applyC([...sc, 'seccompProfile'], map([entry('type', scalar('RuntimeDefault'))]), {
      description: "the runtime's default seccomp profile instead of Unconfined",
      mitigation: 'seccomp-default',
      fixes: explicitSeccomp,
    });
    const mac = ofCondition(own, 'mac-disabled');
    const apparmorField = mac.filter((f) => /appArmorProfile/.test(f.source.path ?? ''));
    applyC([...sc, 'appArmorProfile'], map([entry('type', scalar('RuntimeDefault'))]), {
      description: "the runtime's default AppArmor profile instead of Unconfined",
      mitigation: 'apparmor-profile',
      fixes: apparmorField,
    });
    applyC([...sc, 'procMount'], scalar('Default'), {
      description: '/proc masked again',
      mitigation: 'no-sensitive-mounts',
      fixes: ofCondition(own, 'proc-mount-unmasked'),
    });
    const limits = ofCondition(own, 'no-resource-limits');
    if (!c.resources.memoryLimit)
      applyC(['resources', 'limits', 'memory'], scalar(DEFAULT_LIMITS.k8sMemory), {
        description: 'memory limit',
        mitigation: 'resource-limits',
        fixes: limits,
        check: 'size it to what the container needs under load',
      });
    if (!c.resources.cpuLimit)
      applyC(['resources', 'limits', 'cpu'], scalar(DEFAULT_LIMITS.k8sCpu), {
        description: 'CPU limit',
        mitigation: 'resource-limits',
        fixes: limits,
      });

    // Host mounts: delete the volume mount, and the volume once no kept mount uses it.
    const mountFindings = [
      ...ofCondition(own, 'runtime-socket-mount'),
      ...ofCondition(own, 'sensitive-host-mount'),
    ];
    for (const m of c.mounts) {
      if (m.kind !== 'bind' || !m.name) continue;
      const fixes = mountFindings.filter((f) => f.source.line === m.at.line && f.source.file === m.at.file);
      if (
        fixes.length === 0 ||
        skip.has(fixes[0]!.condition === 'runtime-socket-mount' ? 'no-runtime-socket' : 'no-sensitive-mounts')
      ) {
        keptVolumes.add(m.name);
        continue;
      }
      if (m.target === undefined) continue;
      const mitigation = fixes.some((f) => f.condition === 'runtime-socket-mount')
        ? 'no-runtime-socket'
        : 'no-sensitive-mounts';
      log.add({
        setting: `volumeMounts[${m.target}]`,
        container: c.name,
        description: `removes the host mount ${m.hostPath ?? m.name}`,
        mitigation,
        fixes,
      });
      const list = containerMountDeletes.get(tree) ?? [];
      list.push({
        target: m.target,
        comment: `${[...new Set(fixes.map((f) => f.condition))].join(', ')}: removes the host mount (mitigation ${mitigation})`,
      });
      containerMountDeletes.set(tree, list);
      removedVolumes.add(m.name);
    }
  }
  for (const name of keptVolumes) removedVolumes.delete(name);

  // The pod spec: pod-level fields, then containers by role.
  const spec = pod;
  const byRole = (role: 'init' | 'main') =>
    workload.containers
      .filter((c) => c.role === role)
      .flatMap((c) => {
        const tree = containerTrees.get(c)!;
        const deletes = containerMountDeletes.get(tree) ?? [];
        if (tree.size === 0 && deletes.length === 0) return [];
        const fields = tree.toYaml().entries;
        if (deletes.length > 0)
          fields.push(
            entry('volumeMounts', {
              kind: 'seq',
              items: deletes.map((d) =>
                map([entry('mountPath', scalar(d.target)), entry('$patch', scalar('delete'))]),
              ),
              comments: deletes.map((d) => [d.comment]),
            }),
          );
        return [map([entry('name', scalar(c.name)), ...fields])];
      });
  const podEntries = spec.toYaml().entries;
  const init = byRole('init');
  const main = byRole('main');
  if (init.length) podEntries.push(entry('initContainers', seq(init)));
  if (main.length) podEntries.push(entry('containers', seq(main)));
  if (removedVolumes.size)
    podEntries.push(
      entry(
        'volumes',
        seq(
          [...removedVolumes]
            .sort()
            .map((name) => map([entry('name', scalar(name)), entry('$patch', scalar('delete'))])),
        ),
        ['host volumes no container mounts any more'],
      ),
    );
  if (podEntries.length === 0) return { patch: undefined, changes: [] };

  let body: YamlNode = map(podEntries);
  for (const key of [...podSpecPath(workload.kind)].reverse()) body = map([entry(key, body)]);
  const metadata = [entry('name', scalar(workload.name))];
  if (workload.namespace !== undefined) metadata.push(entry('namespace', scalar(workload.namespace)));
  return {
    patch: map([
      entry('apiVersion', scalar(apiVersion)),
      entry('kind', scalar(workload.kind)),
      entry('metadata', map(metadata)),
      ...(body as YamlMap).entries,
    ]),
    changes: log.changes,
  };
}
