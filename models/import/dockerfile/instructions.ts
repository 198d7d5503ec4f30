/** The Dockerfile instructions BuildKit knows (docs.docker.com/reference/dockerfile). */
export const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Instructions that are meaningless without arguments; CMD and ENTRYPOINT may be empty (`CMD []`). */
export const NEEDS_ARGUMENTS = new Set(
  [...KNOWN_INSTRUCTIONS].filter((k) => k !== 'CMD' && k !== 'ENTRYPOINT'),
);
