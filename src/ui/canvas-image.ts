// The canvas as a picture: html-to-image renders xyflow's viewport element (nodes, edges and
// their arrow markers, without the minimap, controls or background dots, which live outside
// it), moved so the whole design fits whatever part of it is on screen. The library is loaded
// on first use so it stays out of the start bundle.

const PADDING = 32;
/** Browsers refuse canvases much larger than this (per side and in area). */
const MAX_SIDE = 16_000;
const MAX_AREA = 100_000_000;

interface Bounds { x: number; y: number; width: number; height: number }

/** The drawn content's extent in flow coordinates, read from the rendered nodes and edges. */
function contentBounds(viewportEl: HTMLElement, zoom: number): Bounds | null {
  const origin = viewportEl.getBoundingClientRect();
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const el of viewportEl.querySelectorAll('.svelte-flow__node, .svelte-flow__edge path, .svelte-flow__edge-label')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    x0 = Math.min(x0, (r.left - origin.left) / zoom);
    y0 = Math.min(y0, (r.top - origin.top) / zoom);
    x1 = Math.max(x1, (r.right - origin.left) / zoom);
    y1 = Math.max(y1, (r.bottom - origin.top) / zoom);
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** The scale for a raster export: 2× unless that would make a canvas the browser refuses. */
export function rasterScale(width: number, height: number, wanted = 2): number {
  return Math.min(wanted, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
}

/** Editing chrome (handles, resize grips, the selection box) has no place in a picture. */
const CHROME = ['svelte-flow__handle', 'svelte-flow__resize-control', 'svelte-flow__nodesselection', 'svelte-flow__edgeupdater'];
function keep(node: HTMLElement): boolean {
  const cls = node.classList;
  return !cls || !CHROME.some((c) => cls.contains(c));
}

function options(root: HTMLElement, zoom: number) {
  const viewportEl = root.querySelector<HTMLElement>('.svelte-flow__viewport');
  if (!viewportEl) throw new Error('The canvas is not shown.');
  const b = contentBounds(viewportEl, zoom) ?? { x: 0, y: 0, width: 200, height: 100 };
  const width = Math.ceil(b.width + 2 * PADDING);
  const height = Math.ceil(b.height + 2 * PADDING);
  const flowEl = root.querySelector<HTMLElement>('.svelte-flow') ?? root;
  const bg = getComputedStyle(flowEl).backgroundColor;
  return {
    viewportEl,
    width,
    height,
    opts: {
      width,
      height,
      backgroundColor: !bg || bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent' ? '#ffffff' : bg,
      style: { width: `${width}px`, height: `${height}px`, transform: `translate(${PADDING - b.x}px, ${PADDING - b.y}px) scale(1)` },
      filter: keep,
      // The app uses system fonts only; nothing to embed, and no style sheet to fetch.
      skipFonts: true,
    },
  };
}

/** The canvas as a PNG at 2× (less for a huge design). */
export async function canvasToPng(root: HTMLElement, zoom: number): Promise<Uint8Array> {
  const { toBlob } = await import('html-to-image');
  const { viewportEl, width, height, opts } = options(root, zoom);
  const blob = await toBlob(viewportEl, { ...opts, pixelRatio: rasterScale(width, height) });
  if (!blob) throw new Error('The browser could not draw the image.');
  return new Uint8Array(await blob.arrayBuffer());
}

/** The canvas as SVG text (HTML inside a foreignObject, as html-to-image draws it). */
export async function canvasToSvg(root: HTMLElement, zoom: number): Promise<string> {
  const { toSvg } = await import('html-to-image');
  const { viewportEl, opts } = options(root, zoom);
  const url = await toSvg(viewportEl, opts);
  return decodeURIComponent(url.slice(url.indexOf(',') + 1));
}
