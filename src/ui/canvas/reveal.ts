// Bringing one element into view with the keyboard focus on it: a component just added (the view
// follows it when it lands outside), or one gone to by name (centred). The element is drawn a
// frame or two after the design changes, so this waits for it.
import type { useSvelteFlow } from '@xyflow/svelte';
import { flowId } from './flow-adapter';

type Flow = ReturnType<typeof useSvelteFlow>;

const FRAMES = 30;

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export async function reveal(flow: Flow, wrapper: HTMLElement, id: string, centre: boolean): Promise<void> {
  const fid = flowId(id);
  const selector = `.svelte-flow__node[data-id="${CSS.escape(fid)}"], .svelte-flow__edge[data-id="${CSS.escape(fid)}"]`;
  // A component counts as drawn once measured: before that its box has no size.
  let el: HTMLElement | null = null;
  const drawn = () => !!el && (!flow.getInternalNode(fid) || !!flow.getInternalNode(fid)?.measured.width);
  for (let i = 0; i < FRAMES && !drawn(); i++) {
    await nextFrame();
    el = wrapper.querySelector<HTMLElement>(selector);
  }
  // Someone typing in a field (the palette's filter) keeps typing there; otherwise the focus
  // follows, without the browser scrolling the page to it (the canvas pans itself).
  if (el && !document.activeElement?.closest('input, textarea, select, [contenteditable="true"]')) {
    if (!el.hasAttribute('tabindex')) el.tabIndex = -1;
    el.focus({ preventScroll: true });
  }
  const box = boxOf(flow, fid, el);
  if (!box) return;
  const { x, y, zoom } = flow.getViewport();
  const r = wrapper.getBoundingClientRect();
  // The box on screen, against the pane: a component already in full view leaves the view still.
  const left = box.x * zoom + x;
  const top = box.y * zoom + y;
  const inside = left >= 0 && top >= 0 && left + box.width * zoom <= r.width && top + box.height * zoom <= r.height;
  if (centre || !inside) await flow.setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom, duration: 200 });
}

/** The element's box in canvas coordinates: a component's from xyflow, a connection's from its drawn path. */
function boxOf(flow: Flow, fid: string, el: HTMLElement | null) {
  const node = flow.getInternalNode(fid);
  if (node) {
    const p = node.internals.positionAbsolute;
    return { x: p.x, y: p.y, width: node.measured.width ?? 0, height: node.measured.height ?? 0 };
  }
  if (!el) return null;
  const r = el.getBoundingClientRect();
  const a = flow.screenToFlowPosition({ x: r.left, y: r.top });
  const b = flow.screenToFlowPosition({ x: r.right, y: r.bottom });
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

/** In the canvas, the keyboard starts on the selected component (or connection), else the first component. */
const FOCUS_ORDER = ['.svelte-flow__node.selected', '.svelte-flow__edge.selected', '.svelte-flow__node'];

export function focusInside(wrapper: HTMLElement): boolean {
  const el = FOCUS_ORDER.map((s) => wrapper.querySelector<HTMLElement>(s)).find((x) => x !== null);
  el?.focus({ preventScroll: true });
  return !!el;
}
