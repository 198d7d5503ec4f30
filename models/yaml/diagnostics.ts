import { defineDiagnostics } from '../source/diagnostic';

export const YAML_DIAGNOSTICS = defineDiagnostics({
  YAML_SYNTAX: { severity: 'error', title: 'The file is not valid YAML or JSON' },
  YAML_DUPLICATE_KEY: { severity: 'warning', title: 'A mapping key appears twice; the later value is used' },
  YAML_UNKNOWN_ALIAS: {
    severity: 'error',
    title: 'An alias refers to an anchor that is not defined before it',
  },
  YAML_ALIAS_BOMB: { severity: 'error', title: 'Aliases expand the document beyond the size limit' },
  YAML_TOO_DEEP: { severity: 'error', title: 'Collections are nested deeper than the limit' },
  YAML_TOO_MANY_DOCUMENTS: { severity: 'error', title: 'The file holds more documents than the limit' },
  YAML_BAD_MERGE: { severity: 'warning', title: 'A merge key (<<) does not refer to a mapping' },
});
