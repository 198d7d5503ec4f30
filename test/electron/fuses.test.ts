import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const afterPack = require('../../build/fuses.cjs') as ((context: unknown) => Promise<void>) & {
  FUSE_DECISIONS: Record<string, boolean>;
};

/** Wire format (@electron/fuses constants): sentinel, version, length, then one byte per fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 0x31;
const OFF = 0x30;
const fuseCount = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))).length;

function syntheticElectron(path: string, fuses: number): void {
  const pad = Buffer.alloc(4096, 0xaa);
  writeFileSync(
    path,
    Buffer.concat([
      pad,
      Buffer.from(SENTINEL, 'ascii'),
      Buffer.from([1, fuses]),
      Buffer.alloc(fuses, ON),
      pad,
    ]),
  );
}

function wireOf(path: string, fuses: number): number[] {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from(SENTINEL, 'ascii')) + SENTINEL.length + 2;
  return [...bytes.subarray(at, at + fuses)];
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-fuses-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const linuxContext = (appOutDir: string) => ({
  appOutDir,
  electronPlatformName: 'linux',
  arch: 1,
  packager: { executableName: 'rampart', appInfo: { productFilename: 'Rampart' } },
});

describe('afterPack fuse hook', () => {
  it('decides on every fuse this @electron/fuses version knows', () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(afterPack.FUSE_DECISIONS).sort()).toEqual(known.sort());
  });

  it('flips the fuses of a packaged binary to the hardened values', async () => {
    const binary = join(dir, 'rampart');
    syntheticElectron(binary, fuseCount);
    await afterPack(linuxContext(dir));
    const wire = wireOf(binary, fuseCount);
    const expected = (option: FuseV1Options) => (afterPack.FUSE_DECISIONS[FuseV1Options[option]] ? ON : OFF);
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
    for (let i = 0; i < fuseCount; i++) expect(wire[i], FuseV1Options[i]).toBe(expected(i));
  });

  it('fails the build when Electron has a fuse the hook does not name', async () => {
    const binary = join(dir, 'rampart');
    syntheticElectron(binary, fuseCount + 1);
    await expect(afterPack(linuxContext(dir))).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('fails the build when the binary is missing', async () => {
    await expect(afterPack(linuxContext(dir))).rejects.toThrow();
  });

  it('finds the binary electron-builder produced on each platform', () => {
    const { electronBinaryPath } = require('../../build/fuses.cjs') as {
      electronBinaryPath: (context: unknown) => string;
    };
    const packager = { executableName: 'rampart', appInfo: { productFilename: 'Rampart' } };
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(
      '/o/rampart',
    );
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      '/o/Rampart.exe',
    );
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(
      '/o/Rampart.app',
    );
  });
});
