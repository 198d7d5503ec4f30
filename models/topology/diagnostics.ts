import { defineDiagnostics } from '../source/diagnostic';

/**
 * What the topology builder could not resolve. None of these stops the build: the element or flow
 * concerned is left out, and the diagnostic says where the configuration points at nothing.
 */
export const TOPOLOGY_DIAGNOSTICS = defineDiagnostics({
  TOPOLOGY_UNKNOWN_DEPENDENCY: {
    severity: 'warning',
    title: 'A depends_on or links entry names a service the project does not define',
  },
  TOPOLOGY_UNKNOWN_SHARED_NAMESPACE: {
    severity: 'warning',
    title: 'network_mode shares the network of a service the project does not define',
  },
  TOPOLOGY_UNRESOLVED_HOST: {
    severity: 'info',
    title: 'An address in the environment names a host that no service or workload answers to',
  },
  TOPOLOGY_SERVICE_SELECTS_NOTHING: {
    severity: 'info',
    title: 'A Kubernetes Service selector matches no workload in its namespace',
  },
  TOPOLOGY_UNKNOWN_INGRESS_BACKEND: {
    severity: 'warning',
    title: 'An Ingress routes to a Service that is not defined in its namespace',
  },
  TOPOLOGY_UNKNOWN_SELECTOR_OPERATOR: {
    severity: 'warning',
    title: 'A label selector uses an operator other than In, NotIn, Exists or DoesNotExist',
  },
});

export type TopologyDiagnosticCode = keyof typeof TOPOLOGY_DIAGNOSTICS;
