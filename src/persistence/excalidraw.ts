// Design → Excalidraw clipboard JSON ("excalidraw/clipboard"), which pastes into excalidraw.com
// as labelled boxes and arrows: each component a rectangle with a bound text label, each
// connection an arrow bound to both rectangles (so they stay joined when moved), async and
// offline connections dashed/dotted, frames as dashed boxes with their name at the top, notes as
// free text. Pure and deterministic: seeds come from positions in the list, not Math.random.
import { GROUP_KIND, NOTE_KIND, type Design, type DesignNode } from '../model/design';
import { absolutePosition } from '../model/commands';
import { displayName } from '../model/display-name';
import { nodeSize } from '../model/geometry';

export interface ExcalidrawOptions {
  labelOf?: (node: DesignNode) => string;
  /** Time stamp for `updated`; fixed in tests. */
  now?: number;
}

type El = Record<string, unknown> & { id: string; type: string; x: number; y: number; width: number; height: number };
interface Box { x: number; y: number; width: number; height: number }

const FONT_SIZE = 16;
const LINE_HEIGHT = 1.25;
const GAP = 6;

export function designToExcalidraw(design: Design, options: ExcalidrawOptions = {}): { type: 'excalidraw/clipboard'; elements: El[]; files: Record<string, never> } {
  const labelOf = options.labelOf ?? ((n: DesignNode) => displayName(n));
  const now = options.now ?? Date.now();
  let count = 0;
  const base = (type: string, id: string, box: Box, extra: Record<string, unknown>): El => {
    count++;
    return {
      id, type, ...box, angle: 0,
      strokeColor: '#1e1e1e', backgroundColor: 'transparent', fillStyle: 'solid', strokeWidth: 2,
      strokeStyle: 'solid', roughness: 1, opacity: 100, groupIds: [], frameId: null, roundness: null,
      seed: 1000 + count * 7919, version: 1, versionNonce: 2000 + count * 104729, isDeleted: false,
      boundElements: null, updated: now, link: null, locked: false,
      ...extra,
    };
  };
  const text = (id: string, value: string, box: Box, containerId: string | null, verticalAlign: string): El =>
    base('text', id, box, {
      text: value, originalText: value, fontSize: FONT_SIZE, fontFamily: 5, textAlign: containerId ? 'center' : 'left',
      verticalAlign, containerId, lineHeight: LINE_HEIGHT, autoResize: true,
    });

  const boxes = new Map<string, { rect: El; box: Box }>();
  const elements: El[] = [];
  // Frames first so they sit underneath the components drawn inside them.
  const ordered = [...design.nodes.filter((n) => n.kind === GROUP_KIND), ...design.nodes.filter((n) => n.kind !== GROUP_KIND)];
  ordered.forEach((n, i) => {
    const p = absolutePosition(design, n);
    const box = { x: p.x, y: p.y, ...nodeSize(n) };
    if (n.kind === NOTE_KIND) {
      const value = String(n.text ?? n.label ?? '');
      if (value) elements.push(text(`mlsd-note-${i}`, value, { ...box, ...textSize(value) }, null, 'top'));
      return;
    }
    const frame = n.kind === GROUP_KIND;
    const rect = base('rectangle', `mlsd-box-${i}`, box, {
      strokeStyle: frame ? 'dashed' : 'solid',
      strokeColor: frame ? '#868e96' : '#1e1e1e',
      backgroundColor: frame ? 'transparent' : '#e7f5ff',
      roundness: { type: 3 },
    });
    const label = labelOf(n);
    const size = textSize(label);
    const t = text(`mlsd-label-${i}`, label, {
      x: box.x + (box.width - size.width) / 2,
      y: frame ? box.y + GAP : box.y + (box.height - size.height) / 2,
      ...size,
    }, rect.id, frame ? 'top' : 'middle');
    rect.boundElements = [{ type: 'text', id: t.id }];
    elements.push(rect, t);
    boxes.set(n.id, { rect, box });
  });

  design.edges.forEach((e, i) => {
    const from = boxes.get(e.source);
    const to = boxes.get(e.target);
    if (!from || !to || from === to) return;
    const a = edgePoint(from.box, centre(to.box));
    const b = edgePoint(to.box, centre(from.box));
    const id = `mlsd-arrow-${i}`;
    const arrow = base('arrow', id, { x: a.x, y: a.y, width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) }, {
      strokeStyle: e.params.mode === 'async' ? 'dashed' : e.params.mode === 'offline' ? 'dotted' : 'solid',
      roundness: { type: 2 },
      points: [[0, 0], [b.x - a.x, b.y - a.y]],
      lastCommittedPoint: null,
      startBinding: { elementId: from.rect.id, focus: 0, gap: GAP },
      endBinding: { elementId: to.rect.id, focus: 0, gap: GAP },
      startArrowhead: null,
      endArrowhead: 'arrow',
      elbowed: false,
    });
    for (const end of [from.rect, to.rect]) {
      const bound = (end.boundElements as { type: string; id: string }[]) ?? [];
      if (!bound.some((x) => x.id === id)) end.boundElements = [...bound, { type: 'arrow', id }];
    }
    elements.push(arrow);
  });
  return { type: 'excalidraw/clipboard', elements, files: {} };
}

/** Rough text extent (Excalidraw measures again when it renders). */
function textSize(value: string): { width: number; height: number } {
  const lines = value.split('\n');
  const longest = Math.max(1, ...lines.map((l) => l.length));
  return { width: Math.round(longest * FONT_SIZE * 0.6), height: Math.round(lines.length * FONT_SIZE * LINE_HEIGHT) };
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** Where the line from the box's centre towards `towards` leaves the box, plus a small gap. */
function edgePoint(b: Box, towards: { x: number; y: number }): { x: number; y: number } {
  const c = centre(b);
  const dx = towards.x - c.x;
  const dy = towards.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : (b.width / 2 + GAP) / Math.abs(dx);
  const sy = dy === 0 ? Infinity : (b.height / 2 + GAP) / Math.abs(dy);
  const s = Math.min(sx, sy, 1);
  return { x: Math.round(c.x + dx * s), y: Math.round(c.y + dy * s) };
}
