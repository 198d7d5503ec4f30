import { defineDiagnostics } from '../../source/diagnostic';

/** Diagnostics of the AppArmor profile generator: every error stops the profile from being
 * written, since a half-understood policy would confine less than its author meant. */
export const APPARMOR_DIAGNOSTICS = defineDiagnostics({
  TOML_SYNTAX: { severity: 'error', title: 'The policy file is not valid TOML' },
  TOML_UNSUPPORTED: {
    severity: 'error',
    title: 'A TOML feature a bane policy never needs (numbers, dates, inline tables …)',
  },
  TOML_DUPLICATE: { severity: 'error', title: 'A key or table is defined twice' },
  APPARMOR_UNKNOWN_KEY: { severity: 'error', title: 'A key or table that bane policies do not have' },
  APPARMOR_WRONG_TYPE: { severity: 'error', title: 'A policy key has a value of the wrong type' },
  APPARMOR_MISSING_NAME: { severity: 'error', title: 'The policy has no Name' },
  APPARMOR_INVALID_NAME: {
    severity: 'error',
    title: 'The profile name has characters a profile name cannot safely hold',
  },
  APPARMOR_INVALID_PATH: {
    severity: 'error',
    title: 'A path cannot be written as an AppArmor path rule safely',
  },
  APPARMOR_UNKNOWN_CAPABILITY: { severity: 'error', title: 'Not a Linux capability name' },
  APPARMOR_UNKNOWN_PROTOCOL: { severity: 'error', title: 'Not a network protocol AppArmor names' },
  APPARMOR_IGNORED: { severity: 'warning', title: 'A setting that has no effect with the others given' },
});
