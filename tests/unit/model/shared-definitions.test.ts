// One definition each of a node's drawn size, its name and whether it is a source, and every
// reader agreeing with it: the picture, the Excalidraw and Mermaid exports, the results, the
// inspector, the envelope calculator and the simulator.
import { describe, expect, it } from 'vitest';
import { emptyDesign, type Design, type DesignNode } from '../../../src/model/design';
import { displayName } from '../../../src/model/display-name';
import { COMPONENT_SIZE, DRAWING_SIZE, nodeSize } from '../../../src/model/geometry';
import { isSource, totalSourceRps } from '../../../src/model/source';
import { designToExcalidraw } from '../../../src/persistence/excalidraw';
import { designToMermaid } from '../../../src/persistence/mermaid';
import { boxesOf } from '../../../src/persistence/svg-boxes';
import { designToSvg } from '../../../src/persistence/svg-image';
import { compileGraph } from '../../../src/simulation/graph';
import { displayNames, nodeName, sourcesOf } from '../../../src/app/catalog-view';
import { GENERIC_PARAMS, SOURCE_PARAMS, paramSpecsOf } from '../../../src/app/param-specs';

const node = (n: Partial<DesignNode> & { id: string; kind: string }): DesignNode => ({ position: { x: 0, y: 0 }, params: {}, ...n });

function design(): Design {
  return {
    ...emptyDesign('Shared'),
    nodes: [
      node({ id: 'f', kind: 'group', position: { x: 0, y: 0 } }),
      node({ id: 'c', kind: 'client', label: 'Phones', position: { x: 400, y: 0 }, params: { rps: 300 } }),
      node({ id: 'r', kind: 'ranking-service', label: '   ', position: { x: 700, y: 0 }, size: { width: 500, height: 500 } }),
      node({ id: 'x', kind: 'from-a-newer-version', position: { x: 1000, y: 0 }, params: { rps: 50 } }),
      node({ id: 'n', kind: 'note', text: 'ask about peak load', position: { x: 0, y: 300 } }),
    ],
    edges: [
      { id: 'e1', source: 'c', target: 'r', params: { mode: 'sync' } },
      { id: 'e2', source: 'x', target: 'r', params: { mode: 'sync' } },
    ],
  };
}

describe('a node\'s name', () => {
  it('is its label, else a note\'s text, else its kind\'s name, never blank', () => {
    const d = design();
    expect(d.nodes.map((n) => displayName(n, n.kind === 'ranking-service' ? 'Ranking service' : undefined))).toEqual([
      'Frame', 'Phones', 'Ranking service', 'from-a-newer-version', 'ask about peak load',
    ]);
    expect(displayName(node({ id: 'q', kind: 'cache', label: '' }), 'Cache')).toBe('Cache');
    expect(displayName(node({ id: 'q', kind: 'cache', label: '' }), ' ')).toBe('cache');
  });

  it('reads the same in the results, the picture, Mermaid and Excalidraw', () => {
    const d = design();
    const names = displayNames(d);
    expect([...names.values()]).toEqual(['Frame', 'Phones', 'Ranking service', 'from-a-newer-version', 'ask about peak load']);
    expect(names.get('r')).toBe(nodeName(d.nodes[2]));

    // The exports as the app calls them: names from the app, frames named by the model.
    const mermaid = designToMermaid(d, { labelOf: nodeName });
    const excalidraw = designToExcalidraw(d, { labelOf: nodeName, now: 1 });
    const svg = designToSvg(d, { theme: 'light', labelOf: nodeName, kindOf: (n) => ({ name: n.kind, unknown: false }) }).svg;
    const texts = excalidraw.elements.filter((e) => e.type === 'text').map((e) => e.text);
    for (const id of ['f', 'c', 'r', 'x']) {
      expect(mermaid, id).toContain(`"${names.get(id)}"`);
      expect(texts, id).toContain(names.get(id));
      expect(svg, id).toContain(`>${names.get(id)}<`);
    }
    // Without the app's names, a file still names a frame as the canvas does, not by its kind id.
    expect(designToMermaid(d)).toContain('"Frame"');
    expect(designToExcalidraw(d, { now: 1 }).elements.map((e) => e.text)).toContain('Frame');
  });
});

describe('a node\'s drawn size', () => {
  it('is the component size for every component and a frame\'s or note\'s own size otherwise', () => {
    const d = design();
    expect(d.nodes.map(nodeSize)).toEqual([DRAWING_SIZE, COMPONENT_SIZE, COMPONENT_SIZE, COMPONENT_SIZE, DRAWING_SIZE]);
    expect(nodeSize(node({ id: 'g', kind: 'group', size: { width: 640, height: 320 } }))).toEqual({ width: 640, height: 320 });
  });

  it('is the same in the picture and in the Excalidraw export', () => {
    const d = design();
    const boxes = boxesOf(d);
    const rects = designToExcalidraw(d, { now: 1 }).elements.filter((e) => e.type === 'rectangle');
    const drawn = d.nodes.filter((n) => n.kind !== 'note');
    expect(rects.map((r) => [r.width, r.height])).toEqual(
      [drawn[0], ...drawn.slice(1)].map((n) => [boxes.get(n.id)!.width, boxes.get(n.id)!.height]),
    );
    expect(rects.map((r) => [r.width, r.height])).toEqual([[200, 90], [184, 64], [184, 64], [184, 64]]);
  });
});

describe('a source', () => {
  it('is a component with a numeric rps, for the simulator, the SLO, the calculator and the inspector alike', () => {
    const d = design();
    const silentClient = node({ id: 's', kind: 'client', label: 'Idle client', params: {} });
    d.nodes.push(silentClient);
    const compiled = compileGraph(d);
    if (!compiled.ok) throw new Error(compiled.error);
    const simulated = compiled.graph.sources.map((i) => compiled.graph.nodes[i].id);

    expect(sourcesOf(d).map((n) => n.id)).toEqual(simulated);
    expect(simulated).toEqual(['c', 'x']);
    expect(d.nodes.filter(isSource).map((n) => n.id)).toEqual(simulated);
    expect(totalSourceRps(d)).toBe(350);
    // An unknown kind is tuned as a source when it sends load, as a generic component otherwise.
    expect(paramSpecsOf(d.nodes[3])).toBe(SOURCE_PARAMS);
    expect(paramSpecsOf(node({ id: 'y', kind: 'from-a-newer-version' }))).toBe(GENERIC_PARAMS);
  });
});
