import { SourceText } from '../source/source-text';
import { parseYaml, type ParsedYaml } from '../yaml/parse-yaml';
import { looksLikeDockerfile } from './dockerfile';
import { basename } from './import-file';
import type { ImportFile } from './import-file';
import { looksLikeDockerInspect } from './inspect';
import { looksLikeHelmTemplate, looksLikeKubernetes, looksLikeManifestWithoutApiVersion } from './kubernetes';
import { looksLikeOciConfig } from './oci';
import { isRecord } from './coerce';
import type { InputKind } from './workload';

export interface Recognized {
  kind: InputKind;
  /** The parse done to recognize the file, handed on so that no file is parsed twice. */
  parsed?: ParsedYaml;
}

const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)([._-].*)?$|\.(dockerfile|containerfile)$/i;
const ENV_NAME = /^\.env(\..*)?$|\.env$/i;
const DATA_EXTENSION = /\.(ya?ml|json)$/i;

/** Recognizes what a file is by its content, using its name only where content cannot tell
 * (a Dockerfile is not YAML) or to skip work (an `.env` file is not a config on its own). */
export function recognizeFile(file: ImportFile): Recognized {
  const name = basename(file.path);
  if (DOCKERFILE_NAME.test(name)) return { kind: 'dockerfile' };
  if (ENV_NAME.test(name)) return { kind: 'env' };
  if (file.text.includes('{{') && looksLikeHelmTemplate(file.text)) return { kind: 'helm-template' };
  if (!DATA_EXTENSION.test(name) && looksLikeDockerfile(file.text)) return { kind: 'dockerfile' };
  const parsed = parseYaml(new SourceText(file.path, file.text));
  return { kind: kindOfDocuments(parsed), parsed };
}

function kindOfDocuments(parsed: ParsedYaml): InputKind {
  const values = parsed.documents.map((d) => d.value).filter((v) => v !== null && v !== undefined);
  const first = values[0];
  if (first === undefined) return 'unknown';
  if (isRecord(first)) {
    if (first.format === 'rampart') return 'rampart';
    if (isRecord(first.summary) && isRecord(first.detail) && Array.isArray(first.detail.diagrams))
      return 'threat-dragon';
    if (looksLikeOciConfig(first)) return 'oci-config';
  }
  if (looksLikeDockerInspect(first)) return 'docker-inspect';
  if (values.some((v) => looksLikeKubernetes(v))) return 'kubernetes';
  if (isRecord(first) && isRecord(first.services)) return 'compose';
  if (values.some((v) => looksLikeManifestWithoutApiVersion(v))) return 'kubernetes';
  return 'unknown';
}
