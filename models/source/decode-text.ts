/** Decodes file bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM. Returns
 * undefined for binary content (NUL bytes in what is not UTF-16), which no config contains. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const probe = bytes.subarray(start, Math.min(bytes.length, start + 8192));
  if (probe.includes(0)) return undefined;
  return new TextDecoder('utf-8').decode(bytes.subarray(start));
}
