import type { DocumentState, SaveExportRequest, SaveModelRequest } from '../../renderer/platform/host-bridge';

/**
 * Shape and size checks for every payload the renderer sends. The renderer is treated as
 * untrusted: a compromised page must not be able to pass paths, huge buffers or unexpected keys.
 */
export const PAYLOAD_LIMITS = {
  /** A model file's text, in characters. */
  maxModelChars: 64 * 1024 * 1024,
  /** An export's size (characters or bytes). */
  maxExportBytes: 256 * 1024 * 1024,
  maxNameChars: 255,
  maxTitleChars: 512,
  maxUrlChars: 2048,
  maxMimeTypeChars: 128,
} as const;

export class InvalidPayloadError extends Error {
  constructor(message: string) {
    super(`invalid request: ${message}`);
    this.name = 'InvalidPayloadError';
  }
}

/** File handles are opaque ids minted by the host; anything else is refused before lookup. */
const HANDLE = /^[A-Za-z0-9_-]{1,64}$/;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

export function parseSaveModelRequest(value: unknown): SaveModelRequest {
  const record = plainRecord(value, ['handle', 'suggestedName', 'text', 'saveAs', 'overwriteChanged']);
  const request: SaveModelRequest = {
    handle: nullable(record.handle, (v) => handle(v)),
    suggestedName: fileName(record.suggestedName),
    text: boundedString(record.text, PAYLOAD_LIMITS.maxModelChars, 'text'),
  };
  if (record.saveAs !== undefined) request.saveAs = bool(record.saveAs, 'saveAs');
  if (record.overwriteChanged !== undefined)
    request.overwriteChanged = bool(record.overwriteChanged, 'overwriteChanged');
  return request;
}

export function parsePickImportRequest(value: unknown): { folder: boolean } {
  const record = plainRecord(value, ['folder']);
  return { folder: bool(record.folder, 'folder') };
}

export function parseSaveExportRequest(value: unknown): SaveExportRequest {
  const record = plainRecord(value, ['suggestedName', 'mimeType', 'data']);
  const mimeType = boundedString(record.mimeType, PAYLOAD_LIMITS.maxMimeTypeChars, 'mimeType');
  if (!MIME_TYPE.test(mimeType)) throw new InvalidPayloadError('mimeType is not a media type');
  const data = record.data;
  if (typeof data === 'string') {
    boundedString(data, PAYLOAD_LIMITS.maxExportBytes, 'data');
  } else if (!(data instanceof Uint8Array) || data.byteLength > PAYLOAD_LIMITS.maxExportBytes) {
    throw new InvalidPayloadError('data must be a string or bytes within the size limit');
  }
  return { suggestedName: fileName(record.suggestedName), mimeType, data };
}

export function parseDocumentState(value: unknown): DocumentState {
  const record = plainRecord(value, ['title', 'dirty']);
  return {
    title: boundedString(record.title, PAYLOAD_LIMITS.maxTitleChars, 'title'),
    dirty: bool(record.dirty, 'dirty'),
  };
}

export function parseUrl(value: unknown): string {
  return boundedString(value, PAYLOAD_LIMITS.maxUrlChars, 'url');
}

export function parseNoArguments(args: readonly unknown[]): void {
  if (args.length !== 0) throw new InvalidPayloadError('this request takes no arguments');
}

/** Exactly one argument: extra arguments are a sign of a page calling the channel by hand. */
export function singleArgument(args: readonly unknown[]): unknown {
  if (args.length !== 1) throw new InvalidPayloadError(`expected one argument, got ${args.length}`);
  return args[0];
}

function plainRecord(value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidPayloadError('expected an object');
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new InvalidPayloadError('expected a plain object');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new InvalidPayloadError(`unexpected field "${key.slice(0, 40)}"`);
  }
  return value as Record<string, unknown>;
}

function boundedString(value: unknown, max: number, field: string): string {
  if (typeof value !== 'string') throw new InvalidPayloadError(`${field} must be a string`);
  if (value.length > max) throw new InvalidPayloadError(`${field} is longer than ${max} characters`);
  return value;
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidPayloadError(`${field} must be true or false`);
  return value;
}

function nullable<T>(value: unknown, parse: (v: unknown) => T): T | null {
  return value === null ? null : parse(value);
}

function handle(value: unknown): string {
  if (typeof value !== 'string' || !HANDLE.test(value)) throw new InvalidPayloadError('unknown file handle');
  return value;
}

/** A suggested file name: a bare name, never a path, so the renderer cannot steer where files go. */
function fileName(value: unknown): string {
  const name = boundedString(value, PAYLOAD_LIMITS.maxNameChars, 'suggestedName');
  // eslint-disable-next-line no-control-regex
  if (name === '' || /[/\\\x00-\x1f]/.test(name) || name === '.' || name === '..')
    throw new InvalidPayloadError('suggestedName must be a file name, not a path');
  return name;
}
