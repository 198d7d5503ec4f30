import { defineDiagnostics } from '../../source/diagnostic';

/** Problems the `docker inspect` importer reports. Codes are stable; messages say what was expected. */
export const INSPECT_DIAGNOSTICS = defineDiagnostics({
  INSPECT_EMPTY: { severity: 'error', title: 'The file holds no docker inspect output' },
  INSPECT_NOT_A_CONTAINER: {
    severity: 'warning',
    title: 'An entry is not a container as docker inspect prints it (Id, Config, HostConfig)',
  },
  INSPECT_INVALID_TYPE: { severity: 'warning', title: 'A field has the wrong type' },
  INSPECT_MISSING_NAME: { severity: 'warning', title: 'A container has no Name; its Id names it instead' },
  INSPECT_DUPLICATE_NAME: { severity: 'warning', title: 'Two containers have the same name' },
  INSPECT_INVALID_BIND: {
    severity: 'warning',
    title: 'A HostConfig.Binds entry is not source:destination[:options]',
  },
  INSPECT_INVALID_PORT: { severity: 'warning', title: 'A port key or host port is not a valid port' },
  INSPECT_INVALID_SECURITY_OPT: { severity: 'warning', title: 'A HostConfig.SecurityOpt entry is not valid' },
});
