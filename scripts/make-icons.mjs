// Renders build/icon.svg to the PNG sizes the desktop packages need: build/icons/<n>x<n>.png for
// Linux, and build/icon.png (1024 px) from which electron-builder derives the Windows .ico and the
// macOS .icns. Run after changing the SVG: `node scripts/make-icons.mjs`.
/* global console */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');
const svg = readFileSync(join(buildDir, 'icon.svg'));
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

function render(size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' })
    .render()
    .asPng();
}

mkdirSync(join(buildDir, 'icons'), { recursive: true });
for (const size of SIZES) writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), render(size));
writeFileSync(join(buildDir, 'icon.png'), render(1024));
console.log(`wrote build/icon.png and ${SIZES.length} sizes in build/icons/`);
