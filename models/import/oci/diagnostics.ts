import { defineDiagnostics } from '../../source/diagnostic';

/** Problems the OCI runtime config importer reports. Codes are stable; messages say what was expected. */
export const OCI_DIAGNOSTICS = defineDiagnostics({
  OCI_EMPTY: { severity: 'error', title: 'The file holds no OCI runtime configuration' },
  OCI_NOT_AN_OBJECT: { severity: 'error', title: 'The configuration is not a JSON object' },
  OCI_EXTRA_DOCUMENTS: { severity: 'warning', title: 'Only the first document of the file is read' },
  OCI_MISSING_VERSION: { severity: 'warning', title: 'The configuration has no ociVersion' },
  OCI_INVALID_TYPE: { severity: 'warning', title: 'A field has the wrong type' },
  OCI_UNKNOWN_NAMESPACE: { severity: 'warning', title: 'A linux.namespaces entry has an unknown type' },
  OCI_USER_NAMESPACE_WITHOUT_MAPPINGS: {
    severity: 'warning',
    title: 'A user namespace is requested without linux.uidMappings',
  },
});
