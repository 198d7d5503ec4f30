export { importDockerInspect } from './import-docker-inspect';
export { looksLikeDockerInspect } from './looks-like-docker-inspect';
export { INSPECT_DIAGNOSTICS } from './diagnostics';
