export { importOciConfig } from './import-oci-config';
export { looksLikeOciConfig } from './looks-like-oci-config';
export { DOCKER_DEFAULT_CAPABILITIES } from '../../runtime/default-capabilities';
export { OCI_DIAGNOSTICS } from './diagnostics';
