/** An A4 page at 150 dpi is about 1240 × 1754 px: the PNG is drawn at least that wide (and at
 * most 4× the SVG's size), so 12 px labels stay legible when printed — within what a canvas can
 * hold (16,384 px a side) and encode in moments (40 megapixels), which a very wide goal reaches first. */
export function pngScale(svgWidth: number, svgHeight: number): number {
  const width = Math.max(1, svgWidth);
  const height = Math.max(1, svgHeight);
  const wanted = Math.min(4, Math.max(2, 1754 / width));
  return Math.min(wanted, 16_384 / width, 16_384 / height, Math.sqrt(40_000_000 / (width * height)));
}
