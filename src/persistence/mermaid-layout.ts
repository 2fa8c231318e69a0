// First places for an imported flowchart (and frames fitted around new members, for the text pane): a column per step from a source (the longest path,
// loops cut), one row per node in its column; frames drawn around their members. Good enough to
// read at once; auto-layout tidies it on request.
import { GROUP_KIND, type DesignEdge, type DesignNode, type Position } from '../model/design';
import { COMPONENT_SIZE } from '../model/geometry';

const COLUMN = 260;
const ROW = 120;
const PAD = 40;

export function placeInColumns(nodes: DesignNode[], edges: DesignEdge[]): void {
  const boxes = nodes.filter((n) => n.kind !== GROUP_KIND);
  const column = new Map(boxes.map((n) => [n.id, 0]));
  // Longest path from a source; at most as many rounds as nodes, so a loop cannot run forever.
  for (let round = 0; round < boxes.length; round++) {
    let moved = false;
    for (const e of edges) {
      const a = column.get(e.source);
      const b = column.get(e.target);
      if (a === undefined || b === undefined || e.source === e.target || b > a) continue;
      if (a + 1 < boxes.length) {
        column.set(e.target, a + 1);
        moved = true;
      }
    }
    if (!moved) break;
  }
  const rows = new Map<number, number>();
  const abs = new Map<string, Position>();
  for (const n of boxes) {
    const c = column.get(n.id)!;
    const r = rows.get(c) ?? 0;
    rows.set(c, r + 1);
    abs.set(n.id, { x: c * COLUMN, y: r * ROW });
  }
  settleFrames(nodes, abs, () => true);
}

/**
 * Turns absolute places (`abs`, by id) into stored positions, relative to each node's frame. The
 * frames `fit` picks are first drawn around their members, nested ones a little inside; one
 * without members keeps its place in `abs` (or goes below everything) at its own size.
 */
export function settleFrames(nodes: DesignNode[], abs: Map<string, Position>, fit: (frame: DesignNode) => boolean): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const framesOf = (n: DesignNode) => {
    const out: string[] = [];
    for (let p = n.parentId; p && !out.includes(p); p = byId.get(p)?.parentId) out.push(p);
    return out;
  };
  const boxes = nodes.filter((n) => n.kind !== GROUP_KIND);
  const bottom = Math.max(0, ...boxes.map((n) => abs.get(n.id)?.y ?? 0)) + ROW + PAD;
  for (const f of nodes.filter((n) => n.kind === GROUP_KIND && fit(n))) {
    const inside = boxes.filter((n) => framesOf(n).includes(f.id)).map((n) => abs.get(n.id)!);
    if (inside.length === 0) {
      if (!abs.has(f.id)) abs.set(f.id, { x: 0, y: bottom });
      f.size ??= { width: 320, height: 200 };
      continue;
    }
    const pad = Math.max(12, PAD - framesOf(f).length * 14);
    const x0 = Math.min(...inside.map((p) => p.x)) - pad;
    const y0 = Math.min(...inside.map((p) => p.y)) - pad - 20;
    const x1 = Math.max(...inside.map((p) => p.x)) + COMPONENT_SIZE.width + pad;
    const y1 = Math.max(...inside.map((p) => p.y)) + COMPONENT_SIZE.height + pad;
    abs.set(f.id, { x: x0, y: y0 });
    f.size = { width: x1 - x0, height: y1 - y0 };
  }
  for (const n of nodes) {
    const p = abs.get(n.id) ?? n.position;
    const parent = n.parentId ? abs.get(n.parentId) : undefined;
    n.position = parent ? { x: Math.round(p.x - parent.x), y: Math.round(p.y - parent.y) } : { x: Math.round(p.x), y: Math.round(p.y) };
  }
}
