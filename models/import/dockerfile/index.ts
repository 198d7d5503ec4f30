export { importDockerfile } from './import-dockerfile';
export { looksLikeDockerfile } from './looks-like-dockerfile';
export { DOCKERFILE_DIAGNOSTICS } from './diagnostics';
