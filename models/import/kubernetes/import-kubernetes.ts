import { compareDiagnostics, diagnosticAt } from '../../source/diagnostic';
import { SourceText } from '../../source/source-text';
import { parseYaml, type ParsedYaml } from '../../yaml/parse-yaml';
import { isRecord } from '../coerce';
import type { ImportFile, ImportOutput } from '../import-file';
import { emptyBundle } from '../workload';
import { BundleBuilder } from './bundle-builder';
import { K8S_DIAGNOSTICS as D } from './diagnostics';
import { firstTemplateAction, helmTemplateSources, looksLikeHelmTemplate } from './helm';
import { ManifestReader } from './manifest-reader';
import { ObjectReader } from './read-object';

/**
 * Reads Kubernetes manifests (YAML or JSON, one or many documents, `kind: List`, `helm template`
 * output) into workloads, Services, Ingresses, NetworkPolicies, Namespaces and ServiceAccounts.
 *
 * `parsed` is the file as `parseYaml` read it, when the caller already parsed it to recognize the
 * format; its diagnostics are part of the output. Never throws on user input: what cannot be read
 * becomes a diagnostic with the file, line and column, and the rest of the file is still read.
 */
export function importKubernetes(file: ImportFile, parsed?: ParsedYaml): ImportOutput {
  const source = new SourceText(file.path, file.text);
  if (looksLikeHelmTemplate(file.text)) return unrenderedTemplate(source);
  const yaml = parsed ?? parseYaml(source);
  // Template actions inside a value can parse; elsewhere they break the YAML.
  if (file.text.includes('{{') && yaml.diagnostics.some((d) => d.severity === 'error'))
    return unrenderedTemplate(source);
  const r = new ManifestReader(source, yaml.locations);
  const out = new BundleBuilder(r);
  const reader = new ObjectReader(r, out);
  const templates = helmTemplateSources(file.text, yaml.documents);
  for (const document of yaml.documents) reader.readDocument(document, templates[document.index]);
  const diagnostics = [...yaml.diagnostics, ...r.diagnostics].sort(compareDiagnostics);
  return { bundle: out.bundle(file.path, 'kubernetes'), diagnostics };
}

/** True for a parsed document that is a Kubernetes object (string `apiVersion` and `kind`). */
export function looksLikeKubernetes(doc: unknown): boolean {
  return isRecord(doc) && typeof doc['apiVersion'] === 'string' && typeof doc['kind'] === 'string';
}

/** True for a document written as a Kubernetes object but without its `apiVersion` (a `kind` and
 * `metadata`): the API refuses it, so it is read as a manifest and reported rather than passed
 * over in silence, which would leave a NetworkPolicy or a workload out of the model unnoticed. */
export function looksLikeManifestWithoutApiVersion(doc: unknown): boolean {
  return (
    isRecord(doc) &&
    doc['apiVersion'] === undefined &&
    typeof doc['kind'] === 'string' &&
    isRecord(doc['metadata'])
  );
}

/** A template is not YAML until Helm renders it: one warning, and nothing read from it. */
function unrenderedTemplate(source: SourceText): ImportOutput {
  const bundle = emptyBundle();
  bundle.inputs.push({ file: source.file, kind: 'helm-template' });
  const at = { file: source.file, ...source.position(firstTemplateAction(source.text)) };
  const diagnostic = diagnosticAt(
    D.K8S_HELM_UNRENDERED,
    'this is an unrendered Helm template ({{ … }} actions are not YAML yet); run `helm template <chart>` and analyze its output',
    at,
    source,
  );
  return { bundle, diagnostics: [diagnostic] };
}
