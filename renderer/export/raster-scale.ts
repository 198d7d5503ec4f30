/** Longest side of the diagram's raster copy: about 250 dpi across an A4 page, so labels stay
 * sharp in print, and the PNG stays around a megabyte. */
export const RASTER_TARGET_SIDE = 2400;
/** Upper bound of either side of the canvas (browsers refuse larger ones). */
const MAX_SIDE = 8000;

/** The scale at which a diagram of this size is rasterized: never below its own size (smaller
 * text would be unreadable), up to three times for small diagrams. */
export function rasterScale(width: number, height: number): number {
  const longest = Math.max(width, height, 1);
  return Math.min(3, Math.max(1, RASTER_TARGET_SIDE / longest), MAX_SIDE / longest);
}
