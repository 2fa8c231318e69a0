// Whether a layout should wrap its long chains into rows: only when the chain is long and the
// unwrapped drawing would be wider than the view. ELK's wrapping cuts a graph into chunks placed
// below each other, so a graph already taller than the view only grows taller by it.
import type { Design } from '../model/design';

/**
 * A chain of more components than this may wrap: twelve columns take about 3,300 px, three
 * laptop canvases at 100 %. A shorter one (every case-study template, up to eleven) reads best
 * in one row, wider than the view: ELK's wrapping cuts the flow into rows joined by connections
 * that run back across the whole drawing, which crossed the connections between bands (the
 * templates laid out with two to eight more crossings wrapped than unwrapped).
 */
const WRAP_FROM_LAYERS = 12;
/** ELK's spacing between layers and between nodes in a layer (to-elk-graph.ts). */
const BETWEEN_LAYERS = 90;
const IN_LAYER = 40;

/**
 * The layers of a longest-path layering among `ids` (a cycle is cut where it closes): how many,
 * and the most nodes in one — the shape ELK's layered layout will about have.
 */
export function layering(design: Design, ids: ReadonlySet<string>): { layers: number; widest: number } {
  const next = new Map<string, string[]>();
  for (const e of design.edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) continue;
    if (!next.has(e.source)) next.set(e.source, []);
    next.get(e.source)!.push(e.target);
  }
  const depth = new Map<string, number>();
  const onPath = new Set<string>();
  // Iterative depth-first search: a 1,000-node chain is deeper than the call stack allows.
  for (const root of ids) {
    if (depth.has(root)) continue;
    const stack: [string, number][] = [[root, 0]];
    onPath.add(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const outs = next.get(top[0]) ?? [];
      if (top[1] < outs.length) {
        const child = outs[top[1]++];
        if (!depth.has(child) && !onPath.has(child)) {
          onPath.add(child);
          stack.push([child, 0]);
        }
        continue;
      }
      stack.pop();
      onPath.delete(top[0]);
      depth.set(top[0], 1 + outs.reduce((m, c) => Math.max(m, depth.get(c) ?? 0), 0));
    }
  }
  const perLayer = new Map<number, number>();
  for (const d of depth.values()) perLayer.set(d, (perLayer.get(d) ?? 0) + 1);
  return { layers: perLayer.size === 0 ? 0 : Math.max(...perLayer.keys()), widest: Math.max(0, ...perLayer.values()) };
}

/** Whether the nodes among `ids`, laid out left to right unwrapped, would be a long chain wider than `aspect`. */
export function wrapsAt(design: Design, ids: ReadonlySet<string>, node: { width: number; height: number }, aspect: number): boolean {
  const { layers, widest } = layering(design, ids);
  if (layers <= WRAP_FROM_LAYERS) return false;
  const width = layers * (node.width + BETWEEN_LAYERS);
  const height = widest * (node.height + IN_LAYER);
  return width / height > aspect;
}
