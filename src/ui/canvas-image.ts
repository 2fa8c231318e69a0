// A picture of the design as PNG: the exported SVG (persistence/svg-image.ts), drawn by the
// browser onto a canvas at 2×. The PNG is then the same picture as the SVG, pixel for pixel.

/** Browsers refuse canvases much larger than this (per side and in area). */
const MAX_SIDE = 16_000;
const MAX_AREA = 100_000_000;

/** The scale for a raster export: 2× unless that would make a canvas the browser refuses. */
export function rasterScale(width: number, height: number, wanted = 2): number {
  return Math.min(wanted, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
}

/** `svg` (of `width` × `height` CSS pixels) as PNG bytes; throws with a sentence for a person. */
export async function svgToPng(svg: string, width: number, height: number): Promise<Uint8Array> {
  const scale = rasterScale(width, height);
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image(w, h);
    img.src = url;
    try {
      await img.decode();
    } catch {
      throw new Error('The browser could not draw the picture of this design.');
    }
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser has no room for a picture this large; try the SVG image instead.');
    ctx.drawImage(img, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The browser could not turn the picture into a PNG file; try the SVG image instead.');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
