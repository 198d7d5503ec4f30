import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';

/**
 * The official SARIF 2.1.0 schema (test/fixtures/sarif, see its ATTRIBUTION.md) compiled with ajv.
 * ajv ships no format validators; the schema's `uri` and `uri-reference` formats are checked with
 * RFC 3986 character rules (what a SARIF consumer parses), `date-time` is not used by Rampart.
 */
const SCHEMA = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
) as object;

/** RFC 3986 URI-reference: only unreserved, reserved and well-formed percent escapes. */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('uri', URI);
ajv.addFormat('uri-reference', URI_REFERENCE);
ajv.addFormat('date-time', true);
const validate = ajv.compile(SCHEMA);

/** Schema errors of a SARIF document, as readable lines; empty when it is valid. */
export function sarifSchemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ''}`);
}
