/**
 * A 64-bit hash of a string's UTF-16 code units, as 16 lower-case hex digits: two 32-bit
 * multiply-xorshift lanes mixed at the end (the construction of bryc's public-domain `cyrb53`).
 * Not cryptographic: it names things stably (fingerprints, ids), the same on every machine and in
 * every run, without Node's `crypto`, so models/ stays host-free.
 */
export function stableHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

/** A UUID-shaped id derived from a string (RFC 9562 version 8, "custom"): the same string always
 * gives the same id, for formats whose readers expect UUIDs. */
export function stableUuid(text: string): string {
  const hex = `${stableHash(text)}${stableHash(`\u0001${text}`)}`;
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
