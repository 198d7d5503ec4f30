import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRampart } from './run-cli';

const ROOT = join(import.meta.dirname, '../..');
const temp = () => mkdtempSync(join(tmpdir(), 'rampart-harden-'));

/** Every file under a folder with its text, to show that a run changed none of them. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('rampart harden', () => {
  it('writes the override, patches, kustomization and summary, and leaves the inputs alone', () => {
    const before = snapshot(join(ROOT, 'templates/examples/shop'));
    const out = temp();
    const run = runRampart(['harden', 'templates/examples/shop', '--out', out], ROOT);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^rampart harden: wrote 10 files to .*: \d+ changes for 14 of 20 workloads fix \d+ findings; \d+ need more than a configuration change/,
    );
    expect(Object.keys(snapshot(out))).toContain(join('compose', 'shop', 'compose.hardened.yml'));
    expect(snapshot(join(ROOT, 'templates/examples/shop'))).toEqual(before);
    // The kustomization reaches the manifests from its own folder.
    const kustomization = readFileSync(join(out, 'kubernetes/kustomization.yaml'), 'utf8');
    const first = /- (\S+00-namespaces\.yaml)/.exec(kustomization)![1]!;
    expect(existsSync(join(out, 'kubernetes', first))).toBe(true);
    // The compose instructions name the files as seen from where the command ran.
    expect(readFileSync(join(out, 'compose/shop/compose.hardened.yml'), 'utf8')).toContain(
      '-f templates/examples/shop/compose/compose.yaml -f templates/examples/shop/compose/compose.override.yaml -f ',
    );
  });

  it('is deterministic: a second run writes the same bytes', () => {
    const a = temp();
    const b = temp();
    runRampart(['harden', 'templates/examples/shop/compose', '--out', a], ROOT);
    runRampart(['harden', 'templates/examples/shop/compose', '--out', b], ROOT);
    const strip = (files: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(files).map(([k, v]) => [k, v.replaceAll(a, 'OUT').replaceAll(b, 'OUT')]),
      );
    expect(strip(snapshot(a))).toEqual(strip(snapshot(b)));
  });

  it('writes nothing when an input has errors', () => {
    const dir = temp();
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    ports: [\n');
    const run = runRampart(['harden', '.', '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/compose\.yaml:\d+:\d+: error YAML_SYNTAX/);
    expect(run.stderr).toContain('nothing written');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses to write over an input file', () => {
    const dir = temp();
    mkdirSync(join(dir, 'out/compose/app'), { recursive: true });
    const input = 'name: app\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    writeFileSync(join(dir, 'out/compose/app/compose.yaml'), input);
    writeFileSync(join(dir, 'out/compose/app/compose.hardened.yml'), input);
    const run = runRampart(
      ['harden', 'out/compose/app/compose.hardened.yml', 'out/compose/app/compose.yaml', '--out', 'out'],
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('would overwrite the input out/compose/app/compose.hardened.yml');
    expect(readFileSync(join(dir, 'out/compose/app/compose.hardened.yml'), 'utf8')).toBe(input);
  });

  it.each([
    [['templates/examples/shop/compose'], 'harden needs --out DIR'],
    [['--out', 'x'], 'harden needs at least one file or folder'],
    [
      ['templates/examples/shop/compose', '--out', 'package.json'],
      '--out package.json is a file, not a folder',
    ],
  ])('usage errors exit 2: %j', (args, message) => {
    const run = runRampart(['harden', ...args], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
