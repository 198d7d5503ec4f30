import type { Container, Workload } from '../../import/workload';
import { HIGH_RISK_CAPABILITIES, isDefaultCapability, keptDefaultCapabilities } from '../capabilities';
import type { ConditionContext } from '../condition-context';
import { userVerdict } from '../effective-user';
import type { FindingCollector } from '../finding-collector';

/** privileged, capabilities, root, privilege escalation, user namespaces. */
export function checkPrivileges(w: Workload, ctx: ConditionContext, out: FindingCollector): void {
  for (const c of w.containers) {
    if (w.kind !== 'dockerfile') {
      checkPrivileged(w, c, out);
      checkCapabilities(w, c, out);
      checkEscalation(w, c, out);
    }
    checkRoot(w, c, ctx, out);
  }
  if (w.kind !== 'dockerfile') checkUserNamespace(w, out);
}

function checkPrivileged(w: Workload, c: Container, out: FindingCollector): void {
  if (!c.privileged?.value) return;
  const docker = w.platform === 'docker';
  out.add('privileged', w, c, {
    message: `${c.name} runs privileged: every capability, every host device${docker ? ', and no seccomp or AppArmor confinement' : ''}`,
    source: c.privileged.at,
  });
}

function checkCapabilities(w: Workload, c: Container, out: FindingCollector): void {
  if (c.privileged?.value) return; // privileged already holds every capability
  const addsAll = c.capAdd.find((f) => f.value === 'ALL');
  const sysAdmin = c.capAdd.find((f) => f.value === 'SYS_ADMIN') ?? addsAll;
  if (sysAdmin) {
    out.add('cap-sys-admin', w, c, {
      message: `${c.name} adds CAP_SYS_ADMIN${sysAdmin.value === 'ALL' ? ' (through ALL)' : ''}: mount, unshare and the cgroup release_agent escape become possible, and the default seccomp profile then allows mount and unshare`,
      source: sysAdmin.at,
      data: { capabilities: ['SYS_ADMIN'] },
    });
  }
  const dropsAll = c.capDrop.some((f) => f.value === 'ALL');
  const risky = c.capAdd.filter(
    (f) => f.value !== 'SYS_ADMIN' && (HIGH_RISK_CAPABILITIES.has(f.value) || !isDefaultCapability(f.value)),
  );
  // NET_RAW is a default: adding it back after dropping ALL is a deliberate grant worth reporting.
  const netRawRegrant = dropsAll ? c.capAdd.filter((f) => f.value === 'NET_RAW') : [];
  const dangerous = [...risky, ...netRawRegrant];
  if (dangerous.length > 0) {
    const names = [...new Set(dangerous.map((f) => f.value))];
    const high = names.some((n) => HIGH_RISK_CAPABILITIES.has(n));
    out.add('dangerous-capability', w, c, {
      message: `${c.name} adds ${names.map((n) => (n === 'ALL' ? 'every capability (ALL)' : `CAP_${n}`)).join(', ')}`,
      detail:
        addsAll && dropsAll
          ? 'cap_add ALL wins over cap_drop ALL: the runtime applies adds after drops'
          : undefined,
      source: dangerous[0]!.at,
      evidence: dangerous.slice(1).map((f) => f.at),
      severity: high ? 'high' : 'medium',
      data: { capabilities: names },
    });
  }
  // A lower-case `all` drops everything too (container runtimes compare it in any case); that Pod
  // Security admits only the literal `ALL` is an admission matter, noted by the importer.
  const kept = keptDefaultCapabilities(c);
  if (kept.length === 0) return;
  const netRaw = kept.includes('NET_RAW');
  out.add('default-capabilities-kept', w, c, {
    message: `${c.name} keeps ${kept.length === 14 ? 'all 14 default capabilities' : `default capabilities ${kept.join(', ')}`}${netRaw ? ', NET_RAW included (ARP and DNS spoofing on the bridge)' : ''}`,
    source: c.capDrop[0]?.at ?? c.at,
    severity: netRaw ? 'medium' : 'low',
    implicit: c.capDrop.length === 0,
    data: { capabilities: kept },
  });
}

function checkEscalation(w: Workload, c: Container, out: FindingCollector): void {
  const nnp = c.noNewPrivileges;
  if (nnp?.value === true && !c.privileged?.value) return;
  const setting = w.platform === 'kubernetes' ? 'allowPrivilegeEscalation: false' : 'no-new-privileges';
  if (nnp?.value === true) {
    out.add('privilege-escalation-allowed', w, c, {
      message: `${c.name} is privileged, which allows privilege escalation whatever ${setting} says`,
      source: c.privileged!.at,
    });
    return;
  }
  out.add('privilege-escalation-allowed', w, c, {
    message: nnp
      ? `${c.name} explicitly allows privilege escalation: setuid binaries can gain privileges`
      : `${c.name} does not set ${setting}: setuid binaries in the image can gain privileges`,
    source: nnp?.at ?? c.at,
    implicit: !nnp,
  });
}

function checkRoot(w: Workload, c: Container, ctx: ConditionContext, out: FindingCollector): void {
  const dockerfilePath = w.kind === 'dockerfile' ? w.at.file : c.dockerfile?.value;
  const dockerfile = dockerfilePath ? ctx.dockerfilesByPath.get(dockerfilePath) : undefined;
  const verdict = userVerdict(w, c, dockerfile);
  if (!verdict.runsAsRoot) return;
  out.add('runs-as-root', w, c, {
    message: `${c.name} runs as root: ${verdict.reason}`,
    source: verdict.source,
    implicit: !verdict.explicit,
  });
}

function checkUserNamespace(w: Workload, out: FindingCollector): void {
  const userns = w.host.userns;
  if (userns?.value === 'private') return;
  if (userns?.value === 'host') {
    const k8s = w.platform === 'kubernetes';
    out.add('no-user-namespace', w, undefined, {
      message: `${w.name} ${k8s ? 'sets hostUsers: true' : 'opts out of user-namespace remapping'}: root in the container is root on the host`,
      source: userns.at,
    });
    return;
  }
  if (w.platform === 'oci') return; // the importer states the namespace explicitly for OCI bundles
  const how =
    w.platform === 'kubernetes'
      ? 'hostUsers: false is not set'
      : 'the Docker daemon remaps users only when userns-remap is configured, which is off by default';
  out.add('no-user-namespace', w, undefined, {
    message: `${w.name} has no user namespace (${how}): root in the container is root on the host`,
    source: w.at,
    severity: 'low',
    implicit: true,
  });
}
