import { defineDiagnostics } from '../source/diagnostic';

export const IMPORT_DIAGNOSTICS = defineDiagnostics({
  IMPORT_UNRECOGNIZED: { severity: 'warning', title: 'The file is none of the formats Rampart reads' },
  IMPORT_INTERNAL_ERROR: { severity: 'error', title: 'The file could not be imported; the others were' },
  IMPORT_FILE_TOO_LARGE: { severity: 'error', title: 'The file is larger than the import limit' },
  IMPORT_NOT_TEXT: { severity: 'warning', title: 'The file is binary, not text' },
  IMPORT_UNREADABLE: { severity: 'error', title: 'The file or folder could not be read' },
  IMPORT_SYMLINK_LOOP: {
    severity: 'warning',
    title: 'A symbolic link leads back into a folder already searched',
  },
});
