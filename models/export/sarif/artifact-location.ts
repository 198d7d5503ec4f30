import type { SourceRef } from '../../source/source-ref';

/** The `%SRCROOT%` base: paths in findings are relative to where `rampart` ran, which in CI is the
 * repository root that code scanning resolves `%SRCROOT%` to. */
export const SRCROOT = '%SRCROOT%';

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifRegion {
  startLine: number;
  startColumn?: number;
}

export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region?: SarifRegion;
}

/** Percent-encodes one path segment. A lone surrogate (which `encodeURIComponent` refuses) becomes
 * U+FFFD, so no file name can make the export throw. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(
    segment.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

/**
 * The SARIF artifact location of a file as a finding names it: a relative URI under `%SRCROOT%`,
 * every segment percent-encoded; an absolute path (POSIX or Windows drive) becomes a `file:` URI
 * with no base, since it cannot be relative to the source root.
 */
export function artifactLocation(file: string): SarifArtifactLocation {
  // Paths arrive with forward slashes (the CLI makes them POSIX); a backslash is part of a name.
  const drive = /^([A-Za-z]):\//.exec(file);
  if (drive) {
    const rest = file.slice(3).split('/').map(encodeSegment).join('/');
    return { uri: `file:///${drive[1]}:/${rest}` };
  }
  if (file.startsWith('/')) {
    return { uri: `file://${file.split('/').map(encodeSegment).join('/')}` };
  }
  // Colons are encoded, so a first segment can never read as a URI scheme.
  const relative = file.replace(/^(\.\/)+/, '');
  return { uri: relative.split('/').map(encodeSegment).join('/'), uriBaseId: SRCROOT };
}

/** Where a finding or diagnostic points: the file and, when known, its 1-based line and column. */
export function physicalLocation(ref: Pick<SourceRef, 'file' | 'line' | 'column'>): SarifPhysicalLocation {
  const location: SarifPhysicalLocation = { artifactLocation: artifactLocation(ref.file) };
  if (Number.isInteger(ref.line) && ref.line >= 1) {
    location.region = { startLine: ref.line };
    if (Number.isInteger(ref.column) && ref.column >= 1) location.region.startColumn = ref.column;
  }
  return location;
}
