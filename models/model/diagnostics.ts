import { defineDiagnostics } from '../source/diagnostic';

/** Diagnostics of reading, migrating and deriving a threat model (`*.rampart.json`). */
export const MODEL_DIAGNOSTICS = defineDiagnostics({
  MODEL_NOT_JSON: { severity: 'error', title: 'The file is not a JSON object' },
  MODEL_NOT_RAMPART: {
    severity: 'error',
    title: 'The file is not a Rampart model (`format` is not "rampart")',
  },
  MODEL_VERSION_INVALID: { severity: 'error', title: 'The schema version is missing or not a whole number' },
  MODEL_VERSION_NEWER: {
    severity: 'error',
    title: 'The file was saved by a newer Rampart; this version cannot open it without losing data',
  },
  MODEL_MIGRATED: { severity: 'info', title: 'The file was written by an older Rampart and was upgraded' },
  MODEL_UNKNOWN_FIELD: { severity: 'warning', title: 'A field Rampart does not know was dropped' },
  MODEL_MISSING_FIELD: { severity: 'warning', title: 'A field was missing; its default was used' },
  MODEL_WRONG_TYPE: {
    severity: 'error',
    title: 'A value has the wrong type or is not one of the allowed values',
  },
  MODEL_ITEM_DROPPED: { severity: 'error', title: 'An entry could not be read and was left out' },
  MODEL_DUPLICATE_ID: { severity: 'warning', title: 'Two entries have the same id; the first is kept' },
  MODEL_DANGLING_REFERENCE: { severity: 'warning', title: 'An entry refers to an id that does not exist' },
  MODEL_TOO_MANY_ITEMS: {
    severity: 'error',
    title: 'A list holds more entries than the limit; the rest were left out',
  },
  MODEL_RESERVED_KEY: {
    severity: 'warning',
    title: 'A reserved key (`__proto__`, `constructor`, `prototype`) was ignored',
  },
  MODEL_TREE_NODE_DETACHED: {
    severity: 'warning',
    title: 'A node added to an attack tree hangs under a node the regenerated tree no longer has',
  },
});
