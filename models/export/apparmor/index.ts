export { checkPath } from './apparmor-path';
export { readBanePolicy, type BanePolicy, type BanePolicyResult } from './bane-policy';
export { APPARMOR_DIAGNOSTICS } from './diagnostics';
export { generateAppArmorProfile, type AppArmorResult } from './generate-apparmor-profile';
export { parseToml, type TomlDocument, type TomlResult, type TomlValue } from './parse-toml';
export { PROFILE_PREFIX, renderAppArmorProfile } from './render-profile';
