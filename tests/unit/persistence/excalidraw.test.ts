import { describe, expect, it } from 'vitest';
import { designToExcalidraw } from '../../../src/persistence/excalidraw';
import { emptyDesign, type Design } from '../../../src/model/design';

function design(): Design {
  return {
    ...emptyDesign('Feed'),
    nodes: [
      { id: 'g', kind: 'group', label: 'Online', position: { x: 100, y: 100 }, size: { width: 600, height: 200 }, params: {} },
      { id: 'u', kind: 'client', label: 'Mobile app', position: { x: 10, y: 40 }, params: {}, parentId: 'g' },
      { id: 'r', kind: 'ranker', label: 'Ranker', position: { x: 400, y: 100 }, params: {} },
      { id: 'k', kind: 'kafka', position: { x: 800, y: 100 }, params: {} },
      { id: 'n', kind: 'note', text: 'remember', position: { x: 0, y: 400 }, size: { width: 200, height: 80 }, params: {} },
    ],
    edges: [
      { id: 'e1', source: 'u', target: 'r', params: { mode: 'sync' } },
      { id: 'e2', source: 'r', target: 'k', params: { mode: 'async' } },
      { id: 'e3', source: 'k', target: 'u', params: { mode: 'offline' } },
      { id: 'e4', source: 'k', target: 'gone', params: { mode: 'sync' } },
    ],
  };
}

const COMMON = ['id', 'type', 'x', 'y', 'width', 'height', 'angle', 'strokeColor', 'backgroundColor', 'fillStyle', 'strokeWidth', 'strokeStyle', 'roughness', 'opacity', 'groupIds', 'frameId', 'roundness', 'seed', 'version', 'versionNonce', 'isDeleted', 'boundElements', 'updated', 'link', 'locked'];
const TEXT = ['text', 'fontSize', 'fontFamily', 'textAlign', 'verticalAlign', 'containerId', 'originalText', 'lineHeight', 'autoResize'];
const ARROW = ['points', 'startBinding', 'endBinding', 'startArrowhead', 'endArrowhead', 'lastCommittedPoint'];

describe('designToExcalidraw', () => {
  const clip = designToExcalidraw(design(), { now: 1 });
  const byId = new Map(clip.elements.map((e) => [e.id, e]));
  const of = (type: string) => clip.elements.filter((e) => e.type === type);

  it('is Excalidraw clipboard JSON', () => {
    expect(clip.type).toBe('excalidraw/clipboard');
    expect(JSON.parse(JSON.stringify(clip))).toEqual(clip);
  });

  it('gives every element the fields Excalidraw requires, with unique ids', () => {
    for (const e of clip.elements) {
      for (const k of COMMON) expect(e, `${e.id}.${k}`).toHaveProperty(k);
      if (e.type === 'text') for (const k of TEXT) expect(e, `${e.id}.${k}`).toHaveProperty(k);
      if (e.type === 'arrow') for (const k of ARROW) expect(e, `${e.id}.${k}`).toHaveProperty(k);
      for (const k of ['x', 'y', 'width', 'height', 'seed', 'versionNonce']) expect(Number.isFinite(e[k])).toBe(true);
    }
    expect(byId.size).toBe(clip.elements.length);
  });

  it('draws each component and frame as a rectangle with its label bound inside', () => {
    expect(of('rectangle')).toHaveLength(4);
    const labels = of('text').filter((t) => t.containerId).map((t) => t.text).sort();
    expect(labels).toEqual(['Mobile app', 'Online', 'Ranker', 'kafka']);
    for (const t of of('text').filter((x) => x.containerId)) {
      const box = byId.get(t.containerId as string)!;
      expect(box.type).toBe('rectangle');
      expect(box.boundElements).toContainEqual({ type: 'text', id: t.id });
    }
  });

  it('places a component in a frame at its absolute position', () => {
    const mobile = of('text').find((t) => t.text === 'Mobile app')!;
    const box = byId.get(mobile.containerId as string)!;
    expect([box.x, box.y]).toEqual([110, 140]);
  });

  it('binds every arrow to existing rectangles at both ends, and back', () => {
    const arrows = of('arrow');
    expect(arrows).toHaveLength(3);
    for (const a of arrows) {
      for (const end of ['startBinding', 'endBinding'] as const) {
        const target = byId.get((a[end] as { elementId: string }).elementId);
        expect(target?.type).toBe('rectangle');
        expect(target!.boundElements).toContainEqual({ type: 'arrow', id: a.id });
      }
      const pts = a.points as number[][];
      expect(pts[0]).toEqual([0, 0]);
      expect(pts).toHaveLength(2);
    }
  });

  it('starts and ends arrows at the box borders', () => {
    const a = of('arrow')[0];
    const start = byId.get((a.startBinding as { elementId: string }).elementId)!;
    const [, [dx]] = a.points as number[][];
    expect(a.x).toBeGreaterThanOrEqual(start.x + start.width);
    expect(dx).toBeGreaterThan(0);
  });

  it('dashes async and dots offline connections', () => {
    expect(of('arrow').map((a) => a.strokeStyle)).toEqual(['solid', 'dashed', 'dotted']);
    const frame = byId.get(of('text').find((t) => t.text === 'Online')!.containerId as string)!;
    expect(frame.strokeStyle).toBe('dashed');
  });

  it('keeps notes as free text', () => {
    const note = of('text').find((t) => t.text === 'remember')!;
    expect(note.containerId).toBeNull();
  });
});
