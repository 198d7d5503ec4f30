// electron-builder afterPack hook: flips the Electron fuses of the packaged binary before it is
// signed. Every fuse is named explicitly and `strictlyRequireAllFuses` makes the build fail when a
// new Electron adds a fuse this file does not decide on.
/* global require, module */
'use strict';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require('node:path');

/** Fuse decisions by option name (see @electron/fuses FuseV1Options). */
const FUSE_DECISIONS = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter.
  RunAsNode: false,
  // No cookies are used; encrypting them at rest costs nothing (one-way once enabled).
  EnableCookieEncryption: true,
  // NODE_OPTIONS could inject code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and SIGUSR1 would let a local process attach a debugger.
  EnableNodeCliInspectArguments: false,
  // Verify app.asar against the hash embedded at build time (macOS, Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Load the app only from app.asar, never from a loose app/ folder next to it.
  OnlyLoadAppFromAsar: true,
  // No custom browser-process V8 snapshot.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://, so file:// needs no extra privileges.
  GrantFileProtocolExtraPrivileges: false,
  // Keep WebAssembly trap handlers (Electron's default).
  WasmTrapHandlers: true,
};

/** electron-builder's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3, universal 4. */
const ARCH_ARM64 = 3;
const ARCH_UNIVERSAL = 4;

/** The Electron binary electron-builder produced for this platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32')
    return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function fuseConfig(context) {
  const { FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const config = {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    resetAdHocDarwinSignature:
      context.electronPlatformName === 'darwin' &&
      (context.arch === ARCH_ARM64 || context.arch === ARCH_UNIVERSAL),
  };
  for (const [name, value] of Object.entries(FUSE_DECISIONS)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses has no fuse named ${name}`);
    config[index] = value;
  }
  return config;
}

async function afterPack(context) {
  const { flipFuses } = await import('@electron/fuses');
  await flipFuses(electronBinaryPath(context), await fuseConfig(context));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSE_DECISIONS = FUSE_DECISIONS;
module.exports.electronBinaryPath = electronBinaryPath;
