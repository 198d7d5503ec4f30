import type { Workload } from '../../models/import/workload';
import type { SourceRef } from '../../models/source/source-ref';
import type { MessageKey } from '../i18n/t';

/** One imported fact of an element, with the config line it was read from. */
export interface ElementFact {
  label: MessageKey;
  value: string;
  at: SourceRef;
}

function userText(user: NonNullable<Workload['containers'][number]['user']>['value']): string {
  if (user.uid !== undefined) return user.name ? `${user.name} (${user.uid})` : String(user.uid);
  return user.name ?? (user.nonRootEnforced ? 'runAsNonRoot' : '?');
}

/** The facts worth showing for a workload, container by container, in a fixed order. */
export function elementFacts(workload: Workload): ElementFact[] {
  const facts: ElementFact[] = [
    { label: 'fact.kind', value: `${workload.kind} (${workload.platform})`, at: workload.at },
  ];
  if (workload.namespace) facts.push({ label: 'fact.namespace', value: workload.namespace, at: workload.at });
  for (const container of workload.containers) {
    const prefix = workload.containers.length > 1 ? `${container.name}: ` : '';
    facts.push({ label: 'fact.container', value: container.name, at: container.at });
    if (container.image)
      facts.push({ label: 'fact.image', value: prefix + container.image.value, at: container.image.at });
    if (container.user)
      facts.push({
        label: 'fact.user',
        value: prefix + userText(container.user.value),
        at: container.user.at,
      });
    if (container.privileged?.value)
      facts.push({ label: 'fact.privileged', value: prefix + 'true', at: container.privileged.at });
    for (const cap of container.capAdd)
      facts.push({ label: 'fact.cap-add', value: prefix + cap.value, at: cap.at });
    for (const cap of container.capDrop)
      facts.push({ label: 'fact.cap-drop', value: prefix + cap.value, at: cap.at });
    if (container.readOnlyRootFilesystem)
      facts.push({
        label: 'fact.read-only',
        value: prefix + String(container.readOnlyRootFilesystem.value),
        at: container.readOnlyRootFilesystem.at,
      });
    if (container.noNewPrivileges)
      facts.push({
        label: 'fact.no-new-privileges',
        value: prefix + String(container.noNewPrivileges.value),
        at: container.noNewPrivileges.at,
      });
    for (const mount of container.mounts) {
      const from = mount.hostPath ?? mount.name ?? mount.kind;
      facts.push({
        label: 'fact.mount',
        value: `${prefix}${from} → ${mount.target ?? ''}${mount.readOnly ? ' (ro)' : ''}`,
        at: mount.at,
      });
    }
    for (const port of container.ports.filter((p) => p.published))
      facts.push({
        label: 'fact.port',
        value: `${prefix}${port.hostIp ?? '0.0.0.0'}:${port.hostPort ?? ''} → ${port.containerPort ?? ''}/${port.protocol}`,
        at: port.at,
      });
  }
  for (const network of workload.networks)
    facts.push({ label: 'fact.network', value: network.value, at: network.at });
  return facts;
}
