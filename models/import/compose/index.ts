export { importCompose, type ComposeImportOptions } from './import-compose';
export { COMPOSE_DIAGNOSTICS, type ComposeDiagnosticCode } from './diagnostics';
