import type { Workload } from '../../import/workload';
import type { ConditionContext } from '../condition-context';
import type { FindingCollector } from '../finding-collector';

/** Resource limits (R30) and, on Kubernetes, the service-account token (R28). */
export function checkResources(w: Workload, ctx: ConditionContext, out: FindingCollector): void {
  if (w.kind === 'dockerfile') return;
  for (const c of w.containers) {
    if (c.role === 'ephemeral') continue;
    const missing: string[] = [];
    if (!c.resources.memoryLimit) missing.push('memory');
    if (!c.resources.cpuLimit) missing.push('CPU');
    if (missing.length === 0) continue;
    const pids = w.platform === 'docker' && !c.resources.pidsLimit ? '; no pids limit either' : '';
    out.add('no-resource-limits', w, c, {
      message: `${c.name} has no ${missing.join(' or ')} limit${pids}: a compromised or runaway process can starve its neighbours or mine on the host's budget`,
      source: c.at,
      implicit: true,
      data: { names: missing },
    });
  }
  if (w.platform === 'kubernetes') checkServiceAccountToken(w, ctx, out);
}

function checkServiceAccountToken(w: Workload, ctx: ConditionContext, out: FindingCollector): void {
  const sa = w.serviceAccount;
  const podSetting = sa?.automountToken;
  if (podSetting?.value === false) return;
  const account = ctx.serviceAccounts.get(`${w.namespace ?? 'default'}/${sa?.name ?? 'default'}`);
  if (!podSetting && account?.automountToken?.value === false) return;
  const name = sa?.name ?? 'default';
  out.add('service-account-token-automount', w, undefined, {
    message: podSetting
      ? `${w.name} mounts the token of service account ${name} explicitly: code in the pod can call the Kubernetes API with its permissions`
      : `${w.name} mounts the token of service account ${name} (automountServiceAccountToken is not false): code in the pod can call the Kubernetes API with its permissions`,
    source: podSetting?.at ?? sa?.at ?? w.at,
    implicit: !podSetting,
  });
}
