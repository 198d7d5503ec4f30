import type { LaidOutGoal } from '../../models/attack/explore';
import { renderAttackTreeSvg } from '../../models/export/attack-tree-svg';
import { fileSlug } from '../state/workspace';
import { pngScale } from './png-scale';

/** The tree on screen as a standalone SVG with its legend; `highlight` holds view keys. */
export function treeSvg(laid: LaidOutGoal, title: string, highlight: ReadonlySet<string>): string {
  return renderAttackTreeSvg(laid, { title, highlight, legend: true });
}

export function exportName(title: string, extension: 'svg' | 'png'): string {
  return `${fileSlug(title).slice(0, 80)}.${extension}`;
}

/** Rasterises an SVG text in the browser: an `Image` of a blob URL drawn on a canvas. */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const size = /width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  const width = Number(size?.[1] ?? 800);
  const height = Number(size?.[2] ?? 600);
  const scale = pngScale(width, height);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the tree image could not be drawn'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d')!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the tree image could not be encoded');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
