import { defineDiagnostics } from '../../source/diagnostic';

/**
 * What the Kubernetes importer reports. Errors are inputs the API server would reject as written
 * (the importer still reads what it can); warnings are inputs it accepts but that do not mean what
 * they seem to, or that Rampart does not model.
 */
export const K8S_DIAGNOSTICS = defineDiagnostics({
  K8S_MISSING_KIND: {
    severity: 'error',
    title: 'A document is not a Kubernetes object: it needs string `apiVersion` and `kind`',
  },
  K8S_UNKNOWN_KIND: {
    severity: 'warning',
    title: 'Objects of a kind Rampart does not model (a custom resource or an unknown kind) are skipped',
  },
  K8S_REMOVED_KIND: {
    severity: 'warning',
    title: 'A kind that Kubernetes has removed (such as PodSecurityPolicy) is skipped',
  },
  K8S_MISSING_NAME: { severity: 'warning', title: 'An object has no `metadata.name`' },
  K8S_DUPLICATE_OBJECT: {
    severity: 'warning',
    title: 'Two objects of the same kind have the same name and namespace; the later one is kept',
  },
  K8S_INVALID_FIELD: { severity: 'error', title: 'A field has the wrong type' },
  K8S_INVALID_VALUE: { severity: 'warning', title: 'A field holds a value the API does not accept' },
  K8S_FIELD_AT_WRONG_LEVEL: {
    severity: 'warning',
    title: 'A field is written where the API ignores it, so it has no effect',
  },
  K8S_NO_CONTAINERS: { severity: 'warning', title: 'A workload defines no containers' },
  K8S_UNKNOWN_VOLUME: {
    severity: 'warning',
    title: 'A volumeMount refers to a volume that the pod does not define',
  },
  K8S_CAPABILITY_ALL_CASE: {
    severity: 'info',
    title:
      'Capabilities dropped as `all` in lower case: runtimes drop them all, but Pod Security `restricted` admits only the literal `ALL`',
  },
  K8S_KUSTOMIZATION: {
    severity: 'info',
    title: 'A kustomization is read as the files it sits with; its patches and overlays are not applied',
  },
  K8S_HELM_UNRENDERED: {
    severity: 'warning',
    title: 'The file is an unrendered Helm template; run `helm template` and analyze its output',
  },
});

export type K8sDiagnosticCode = keyof typeof K8S_DIAGNOSTICS;
