import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importOciConfig } from '../../../../models/import/oci';
import { applyEdits, editOf } from '../dockerfile/text-edits';

/** Robustness: whatever the text or the values under the fields it reads, the importer returns,
 * gives diagnostics with a position, and gives byte-identical output for the same input. */

const SEED = readFileSync(
  join(import.meta.dirname, '../../../fixtures/oci/host-namespaces/ci-agent/config.json'),
  'utf8',
);

function check(text: string): void {
  const first = importOciConfig({ path: 'bundle/config.json', text });
  for (const d of first.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
  expect(JSON.stringify(importOciConfig({ path: 'bundle/config.json', text }))).toBe(JSON.stringify(first));
}

const PROCESS_KEYS = ['user', 'env', 'capabilities', 'noNewPrivileges', 'apparmorProfile', 'selinuxLabel'];
const LINUX_KEYS = ['namespaces', 'uidMappings', 'seccomp', 'maskedPaths', 'devices', 'resources', 'sysctl'];
const TOP_KEYS = ['ociVersion', 'hostname', 'root', 'mounts', 'annotations', 'freebsd', 'windows'];

describe('importOciConfig on arbitrary input', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => check(text)),
      { numRuns: 200 },
    );
  });

  it('survives random edits of a realistic config', () => {
    const fragments = ['"', ',', ':', '{', '}', '[', ']', 'null', 'true', '-1', '"CAP_SYS_ADMIN"', '\n'];
    fc.assert(
      fc.property(fc.array(editOf(fragments), { minLength: 1, maxLength: 6 }), (edits) =>
        check(applyEdits(SEED, edits)),
      ),
      { numRuns: 200 },
    );
  });

  it('survives any JSON value under every field it reads', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const capabilities = fc.dictionary(
      fc.constantFrom('bounding', 'permitted', 'effective'),
      fc.oneof(fc.array(fc.constantFrom('CAP_SYS_ADMIN', 'CAP_CHOWN', 'cap_kill', '')), value),
    );
    const process = fc.dictionary(fc.constantFrom(...PROCESS_KEYS), fc.oneof(capabilities, value), {
      maxKeys: 5,
    });
    const linux = fc.dictionary(fc.constantFrom(...LINUX_KEYS), value, { maxKeys: 5 });
    const top = fc.dictionary(fc.constantFrom(...TOP_KEYS), value, { maxKeys: 4 });
    const doc = fc
      .tuple(top, fc.oneof(process, value), fc.oneof(linux, value))
      .map(([rest, p, l]) => ({ ociVersion: '1.0.0', ...rest, process: p, linux: l }));
    fc.assert(
      fc.property(fc.oneof(doc, value), (d) => check(JSON.stringify(d))),
      { numRuns: 400 },
    );
  });
});
