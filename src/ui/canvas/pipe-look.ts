// How a connection is drawn, apart from the drawing itself: its width from its traffic, its
// arrowhead, its rate label.
import { Position } from '@xyflow/svelte';
import { ARROW_HALF_WIDTH, ARROW_LENGTH } from '../../app/pipe-view';

export { ARROW_HALF_WIDTH, ARROW_LENGTH };

/** Where the line must stop (the arrow's base) and the arrow's outline, tip at (x, y). */
export function arrowHead(x: number, y: number, side: Position): { baseX: number; baseY: number; d: string } {
  // The direction the pipe travels as it enters the node on `side`.
  const [dx, dy] =
    side === Position.Left ? [1, 0] : side === Position.Right ? [-1, 0] : side === Position.Top ? [0, 1] : [0, -1];
  const baseX = x - dx * ARROW_LENGTH;
  const baseY = y - dy * ARROW_LENGTH;
  const [nx, ny] = [-dy * ARROW_HALF_WIDTH, dx * ARROW_HALF_WIDTH];
  const r = (v: number) => Math.round(v * 10) / 10;
  return { baseX, baseY, d: `M${r(baseX + nx)},${r(baseY + ny)}L${r(x)},${r(y)}L${r(baseX - nx)},${r(baseY - ny)}Z` };
}

/**
 * Width grows with the square root of the rate, so a 100× busier pipe reads busier without
 * swamping the drawing; an offline pipe carries no requests and has no rate.
 */
export function pipeWidth(trafficRps: number | undefined, maxTrafficRps: number): number {
  // A rate that is not a finite number (never expected) draws as the thinnest pipe, not as NaN px.
  if (trafficRps === undefined || !(maxTrafficRps > 0) || !Number.isFinite(trafficRps) || !Number.isFinite(maxTrafficRps)) return 1.5;
  return 1.5 + 4.5 * Math.sqrt(Math.max(0, trafficRps) / maxTrafficRps);
}

/** A pipe label's width at 11 px: about 6.2 px a character (tabular figures) and its padding. */
export function labelWidth(text: string): number {
  return [...text].length * 6.2 + 12;
}

export function formatRps(v: number): string {
  if (!Number.isFinite(v)) return 'rate unknown';
  if (v >= 1000) return `${(v / 1000).toFixed(v >= 10000 ? 0 : 1)}k rps`;
  return `${v > 0 && v < 10 ? v.toFixed(1) : Math.round(v)} rps`;
}
