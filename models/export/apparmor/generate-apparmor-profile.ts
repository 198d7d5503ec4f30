import type { Diagnostic } from '../../source/diagnostic';
import { readBanePolicy, type BanePolicy } from './bane-policy';
import { PROFILE_PREFIX, renderAppArmorProfile } from './render-profile';

export interface AppArmorResult {
  /** `docker-<Name>`: what `--security-opt apparmor=` and `apparmor_parser` know it by. */
  profileName?: string;
  /** The profile text; undefined when the policy has errors. */
  text?: string;
  policy?: BanePolicy;
  diagnostics: Diagnostic[];
}

/** bane TOML policy → AppArmor profile (reference/container-checks.md §4.2). Never throws. */
export function generateAppArmorProfile(file: string, text: string): AppArmorResult {
  const { policy, diagnostics } = readBanePolicy(file, text);
  if (!policy) return { diagnostics };
  return {
    profileName: `${PROFILE_PREFIX}${policy.name}`,
    text: renderAppArmorProfile(policy),
    policy,
    diagnostics,
  };
}
