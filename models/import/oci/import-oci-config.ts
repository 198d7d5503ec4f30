import { compareDiagnostics, type Diagnostic } from '../../source/diagnostic';
import { SourceText } from '../../source/source-text';
import { parseYaml, type ParsedYaml } from '../../yaml/parse-yaml';
import { isRecord } from '../coerce';
import type { ImportFile, ImportOutput } from '../import-file';
import { TypedFields, describe } from '../inspect/typed-fields';
import { LocatedReader } from '../located-reader';
import { emptyBundle } from '../workload';
import { OCI_DIAGNOSTICS as D } from './diagnostics';
import { readOciConfig } from './read-oci-config';

/**
 * Imports an OCI runtime `config.json` as one workload (kind `container`, platform `oci`, id
 * `oci:<path>`). `parsed` is the located parse of the file when the caller has one; its
 * diagnostics are then the caller's to report. A valid JSON file with values of the wrong type
 * gives warnings and whatever could be read; it never throws.
 */
export function importOciConfig(file: ImportFile, parsed?: ParsedYaml): ImportOutput {
  const bundle = emptyBundle();
  bundle.inputs.push({ file: file.path, kind: 'oci-config' });
  const diagnostics: Diagnostic[] = [];
  const source = new SourceText(file.path, file.text);
  const parse = parsed ?? parseYaml(source);
  if (!parsed) diagnostics.push(...parse.diagnostics);
  const fields = new TypedFields(new LocatedReader(source, parse.locations), diagnostics, D.OCI_INVALID_TYPE);
  const documents = parse.documents.filter((d) => d.value !== null && d.value !== undefined);
  const first = documents[0];
  const start = { file: file.path, line: 1, column: 1 };
  if (!first) {
    if (parse.diagnostics.length === 0) {
      fields.report(
        D.OCI_EMPTY,
        'the file is empty: expected a JSON object with ociVersion, process and root',
        start,
      );
    }
    return finish(bundle, diagnostics);
  }
  if (documents.length > 1) {
    const at = fields.reader.at(documents[1]!.start, '');
    fields.report(
      D.OCI_EXTRA_DOCUMENTS,
      'a config.json holds one object; the documents after the first are not read',
      at,
    );
  }
  const doc = first.value;
  if (!isRecord(doc)) {
    const at = fields.reader.at(first.start < 0 ? undefined : first.start, '');
    fields.report(D.OCI_NOT_AN_OBJECT, `the configuration is ${describe(doc)}: expected a JSON object`, at);
    return finish(bundle, diagnostics);
  }
  if (fields.string(doc, 'ociVersion', 'ociVersion') === undefined) {
    const at = fields.reader.node(doc, 'ociVersion');
    fields.report(
      D.OCI_MISSING_VERSION,
      'ociVersion is missing: expected the spec version, such as "1.0.2"',
      at,
    );
  }
  bundle.workloads.push(readOciConfig(fields, doc, file.path));
  return finish(bundle, diagnostics);
}

function finish(bundle: ImportOutput['bundle'], diagnostics: Diagnostic[]): ImportOutput {
  diagnostics.sort(compareDiagnostics);
  return { bundle, diagnostics };
}
