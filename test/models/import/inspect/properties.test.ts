import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importDockerInspect } from '../../../../models/import/inspect';
import { applyEdits, editOf } from '../dockerfile/text-edits';

/** Robustness: whatever the text or the values under the fields it reads, the importer returns,
 * gives diagnostics with a position, and gives byte-identical output for the same input. */

const FIXTURES = join(import.meta.dirname, '../../../fixtures/inspect');
const SEED = readFileSync(join(FIXTURES, 'compose-started/inspect.json'), 'utf8');

function check(text: string): void {
  const first = importDockerInspect({ path: 'inspect.json', text });
  for (const d of first.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
  expect(JSON.stringify(importDockerInspect({ path: 'inspect.json', text }))).toBe(JSON.stringify(first));
}

const HOST_CONFIG_KEYS = [
  'Binds',
  'Mounts',
  'Tmpfs',
  'NetworkMode',
  'PidMode',
  'IpcMode',
  'UTSMode',
  'UsernsMode',
  'PortBindings',
  'PublishAllPorts',
  'Privileged',
  'ReadonlyRootfs',
  'CapAdd',
  'CapDrop',
  'SecurityOpt',
  'Devices',
  'DeviceCgroupRules',
  'DeviceRequests',
  'Sysctls',
  'MaskedPaths',
  'Memory',
  'MemoryReservation',
  'NanoCpus',
  'CpuQuota',
  'CpuPeriod',
  'CpuShares',
  'PidsLimit',
  'Links',
];
const CONFIG_KEYS = ['User', 'Env', 'Image', 'Labels', 'Healthcheck', 'ExposedPorts'];
const TOP_KEYS = ['Name', 'Image', 'AppArmorProfile', 'ProcessLabel', 'Mounts', 'NetworkSettings'];

describe('importDockerInspect on arbitrary input', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => check(text)),
      { numRuns: 200 },
    );
  });

  it('survives random edits of realistic output', () => {
    const fragments = [
      '"',
      ',',
      ':',
      '{',
      '}',
      '[',
      ']',
      'null',
      'true',
      '-1',
      '"host"',
      '"container:x"',
      '\n',
    ];
    fc.assert(
      fc.property(fc.array(editOf(fragments), { minLength: 1, maxLength: 6 }), (edits) =>
        check(applyEdits(SEED, edits)),
      ),
      { numRuns: 200 },
    );
  });

  it('survives any JSON value under every field it reads', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const hostConfig = fc.dictionary(fc.constantFrom(...HOST_CONFIG_KEYS), value, { maxKeys: 8 });
    const config = fc.dictionary(fc.constantFrom(...CONFIG_KEYS), value, { maxKeys: 4 });
    const top = fc.dictionary(fc.constantFrom(...TOP_KEYS), value, { maxKeys: 4 });
    const containerDoc = fc
      .tuple(fc.oneof(hostConfig, value), fc.oneof(config, value), top, fc.string({ maxLength: 20 }))
      .map(([HostConfig, Config, rest, Id]) => ({ ...rest, Id, HostConfig, Config }));
    fc.assert(
      fc.property(fc.array(fc.oneof(containerDoc, value), { maxLength: 3 }), (doc) =>
        check(JSON.stringify(doc)),
      ),
      { numRuns: 400 },
    );
  });
});
