export {
  importKubernetes,
  looksLikeKubernetes,
  looksLikeManifestWithoutApiVersion,
} from './import-kubernetes';
export { looksLikeHelmTemplate } from './helm';
export { K8S_DIAGNOSTICS, type K8sDiagnosticCode } from './diagnostics';
