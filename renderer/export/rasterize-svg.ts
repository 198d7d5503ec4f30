import { rasterScale } from './raster-scale';

/**
 * The SVG as PNG bytes, drawn by the browser: an `Image` of a blob URL (the CSP allows
 * `img-src blob:`) painted on a canvas on a white background.
 */
export async function rasterizeSvg(
  svg: string,
  width: number,
  height: number,
  doc: Document = document,
): Promise<Uint8Array> {
  const scale = rasterScale(width, height);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the diagram could not be drawn'));
    });
    image.src = url;
    await loaded;
    const canvas = doc.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas to draw the diagram on');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the diagram could not be encoded as PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
