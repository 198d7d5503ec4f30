import { defineDiagnostics } from '../../source/diagnostic';

/**
 * The compose importer's diagnostics catalogue. Errors mark a value that could not be read (it is
 * left out of the model, as `docker compose` would refuse it); warnings mark a value read with an
 * assumption the user should know about.
 */
export const COMPOSE_DIAGNOSTICS = defineDiagnostics({
  COMPOSE_NOT_A_MAPPING: {
    severity: 'error',
    title: 'A compose file, service or resource must be a mapping of settings',
  },
  COMPOSE_NO_SERVICES: { severity: 'warning', title: 'The compose project defines no services' },
  COMPOSE_WRONG_TYPE: { severity: 'error', title: 'A compose setting has the wrong type' },
  COMPOSE_INVALID_VALUE: {
    severity: 'error',
    title: 'A compose setting has a value compose does not accept',
  },
  COMPOSE_PROJECT_NAME: {
    severity: 'warning',
    title: 'The project name has characters compose does not allow; the normalized name is used',
  },
  COMPOSE_UNKNOWN_KEY: {
    severity: 'warning',
    title: 'A key that compose does not know (a typo leaves the intended setting unset)',
  },
  COMPOSE_INVALID_PORT: { severity: 'error', title: 'A port specification cannot be read' },
  COMPOSE_PORT_LIMIT: {
    severity: 'warning',
    title: 'Port ranges expand to more bindings than the importer keeps',
  },
  COMPOSE_INVALID_VOLUME: { severity: 'error', title: 'A volume specification cannot be read' },
  COMPOSE_INVALID_SECURITY_OPT: {
    severity: 'error',
    title: 'A security_opt entry is not an option Docker accepts',
  },
  COMPOSE_UNSET_VARIABLE: {
    severity: 'warning',
    title: 'An interpolated variable is not set; it is replaced by an empty string',
  },
  COMPOSE_REQUIRED_VARIABLE: {
    severity: 'error',
    title: 'A variable marked required (${VAR:?message}) is not set',
  },
  COMPOSE_INVALID_INTERPOLATION: { severity: 'error', title: 'A ${...} expression cannot be read' },
  COMPOSE_EXTENDS_NOT_FOUND: {
    severity: 'error',
    title: 'The file or service named by extends is not available',
  },
  COMPOSE_EXTENDS_CYCLE: { severity: 'error', title: 'Services extend each other in a cycle' },
  COMPOSE_INCLUDE_NOT_FOUND: { severity: 'error', title: 'A file named by include is not available' },
  COMPOSE_ENV_FILE_NOT_FOUND: { severity: 'error', title: 'A required env_file is not available' },
  COMPOSE_BUILD_PRIVILEGED: {
    severity: 'warning',
    title: 'build.privileged runs the image build privileged, not the container',
  },
  COMPOSE_UNDEFINED_NETWORK: {
    severity: 'warning',
    title: 'A service joins a network that no top-level networks entry declares',
  },
  COMPOSE_UNDEFINED_VOLUME: {
    severity: 'warning',
    title: 'A service mounts a named volume that no top-level volumes entry declares',
  },
  COMPOSE_UNDEFINED_SECRET: {
    severity: 'warning',
    title: 'A service uses a secret or config that no top-level entry declares',
  },
  COMPOSE_INTERNAL_ERROR: {
    severity: 'error',
    title: 'The compose importer failed on this input; the project was not imported',
  },
});

export type ComposeDiagnosticCode = keyof typeof COMPOSE_DIAGNOSTICS;
