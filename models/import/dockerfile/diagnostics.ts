import { defineDiagnostics } from '../../source/diagnostic';

/** Problems the Dockerfile importer reports. Codes are stable; messages say what was expected. */
export const DOCKERFILE_DIAGNOSTICS = defineDiagnostics({
  DOCKERFILE_EMPTY: { severity: 'warning', title: 'The Dockerfile holds no instructions' },
  DOCKERFILE_BINARY: { severity: 'error', title: 'The file is binary, not a Dockerfile' },
  DOCKERFILE_TOO_LARGE: { severity: 'error', title: 'The Dockerfile is larger than the input limit' },
  DOCKERFILE_NO_FROM: { severity: 'error', title: 'The Dockerfile has no FROM instruction' },
  DOCKERFILE_INSTRUCTION_BEFORE_FROM: {
    severity: 'error',
    title: 'Only ARG may come before the first FROM',
  },
  DOCKERFILE_UNKNOWN_INSTRUCTION: { severity: 'warning', title: 'Unknown Dockerfile instruction' },
  DOCKERFILE_MISSING_ARGUMENTS: { severity: 'error', title: 'An instruction lacks its arguments' },
  DOCKERFILE_INVALID_FROM: {
    severity: 'error',
    title: 'FROM expects an image, optionally followed by AS and a stage name',
  },
  DOCKERFILE_DUPLICATE_STAGE_NAME: { severity: 'error', title: 'Two build stages have the same name' },
  DOCKERFILE_UNTERMINATED_HEREDOC: { severity: 'error', title: 'A heredoc has no terminating line' },
  DOCKERFILE_INVALID_JSON_FORM: {
    severity: 'warning',
    title: 'An argument list looks like JSON (exec form) but is not a JSON array of strings',
  },
  DOCKERFILE_SHELL_NOT_JSON: { severity: 'error', title: 'SHELL requires the JSON (exec) form' },
  DOCKERFILE_INVALID_KEY_VALUE: {
    severity: 'warning',
    title: 'ENV, LABEL and ARG expect name=value pairs',
  },
  DOCKERFILE_UNTERMINATED_QUOTE: { severity: 'warning', title: 'A quoted string is not closed' },
  DOCKERFILE_INVALID_PORT: { severity: 'warning', title: 'EXPOSE expects port[/protocol] or a port range' },
  DOCKERFILE_PORT_RANGE_TRUNCATED: {
    severity: 'info',
    title: 'A very large EXPOSE range is kept as its two ends only',
  },
  DOCKERFILE_INVALID_HEALTHCHECK: { severity: 'warning', title: 'HEALTHCHECK expects NONE or CMD …' },
  DOCKERFILE_INVALID_ONBUILD: {
    severity: 'warning',
    title: 'ONBUILD expects another instruction (not ONBUILD, FROM or MAINTAINER)',
  },
  DOCKERFILE_INVALID_DIRECTIVE: { severity: 'error', title: 'A parser directive is invalid or repeated' },
  DOCKERFILE_UNRESOLVED_VARIABLE: {
    severity: 'info',
    title: 'A variable has no value known without build arguments; the text is kept as written',
  },
});

export type DockerfileDiagnosticCode = keyof typeof DOCKERFILE_DIAGNOSTICS;
