import type { SpecImageData } from './spec-document';

/**
 * Reads a PNG or JPEG file's type and pixel size from its header (the PNG IHDR chunk, the JPEG
 * start-of-frame marker), so that a logo can be placed at its proportions. Returns an error
 * message for anything else or for a truncated file.
 */
export function rasterImage(data: Uint8Array): SpecImageData | { error: string } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length >= 24 && png.every((b, i) => data[i] === b)) {
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    if (width === 0 || height === 0) return { error: 'the PNG header gives no size' };
    return { type: 'png', data, width, height };
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < data.length) {
      if (data[offset] !== 0xff) return { error: 'the JPEG file is damaged' };
      const marker = data[offset + 1]!;
      const length = view.getUint16(offset + 2);
      // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = view.getUint16(offset + 5);
        const width = view.getUint16(offset + 7);
        if (width === 0 || height === 0) return { error: 'the JPEG header gives no size' };
        return { type: 'jpg', data, width, height };
      }
      offset += 2 + length;
    }
    return { error: 'the JPEG file has no frame header' };
  }
  return { error: 'not a PNG or JPEG file' };
}
