export { hardenComposeService, NON_ROOT_UID } from './compose-override';
export {
  generateHardenedConfigs,
  HARDEN_PATHS,
  type HardenedConfigs,
  type HardenedFile,
  type HardenOptions,
} from './generate-hardened-configs';
export type { HardeningChange, UnfixedFinding, WorkloadHardening } from './hardening-plan';
export { hardenKubernetesWorkload } from './kubernetes-patch';
