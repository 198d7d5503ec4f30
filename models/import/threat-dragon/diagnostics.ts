import { defineDiagnostics } from '../../source/diagnostic';

/** Diagnostics of reading a Threat Dragon v2 model. */
export const THREAT_DRAGON_DIAGNOSTICS = defineDiagnostics({
  TD_NOT_JSON: { severity: 'error', title: 'The file is not a JSON object' },
  TD_NOT_THREAT_DRAGON: { severity: 'error', title: 'The file is not a Threat Dragon model' },
  TD_VERSION_1: {
    severity: 'info',
    title: 'A Threat Dragon v1 model: read with the v2 mapping where the shapes agree',
  },
  TD_MISSING_FIELD: { severity: 'warning', title: 'A field the Threat Dragon schema requires is missing' },
  TD_UNKNOWN_FIELD: {
    severity: 'warning',
    title: 'A field the Threat Dragon v2 schema does not define was ignored',
  },
  TD_WRONG_TYPE: { severity: 'warning', title: 'A value has the wrong type and was ignored' },
  TD_UNKNOWN_SHAPE: { severity: 'warning', title: 'A diagram cell of an unknown shape was left out' },
  TD_TEXT_BLOCK: { severity: 'info', title: 'A free text block was added to the model description' },
  TD_UNCONNECTED_FLOW: {
    severity: 'warning',
    title: 'A data flow not attached to two elements was left out',
  },
  TD_CURVED_BOUNDARY: {
    severity: 'info',
    title: 'A curved trust boundary has no inside: it was kept without members or position',
  },
  TD_DUPLICATE_ID: { severity: 'warning', title: 'Two cells have the same id; the first is kept' },
  TD_RESERVED_ID: {
    severity: 'warning',
    title: 'A cell id that cannot be kept was replaced by the cell’s place in the file',
  },
});
