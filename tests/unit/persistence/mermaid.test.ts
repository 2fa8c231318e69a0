import { describe, expect, it } from 'vitest';
import { designToMermaid, mermaidLabel } from '../../../src/persistence/mermaid';
import { emptyDesign, type Design } from '../../../src/model/design';

function design(): Design {
  return {
    ...emptyDesign('Feed'),
    nodes: [
      { id: 'g', kind: 'group', label: 'Online', position: { x: 0, y: 0 }, size: { width: 500, height: 200 }, params: {} },
      { id: 'u', kind: 'client', label: 'Mobile "app"', position: { x: 10, y: 10 }, params: {}, parentId: 'g' },
      { id: 'db', kind: 'feature-store', label: 'Features <v2> #1', position: { x: 300, y: 10 }, params: {} },
      { id: 'k', kind: 'kafka', position: { x: 600, y: 10 }, params: {} },
      { id: 'note1', kind: 'note', text: 'hello', position: { x: 0, y: 300 }, params: {} },
    ],
    edges: [
      { id: 'e1', source: 'u', target: 'db', params: { mode: 'sync' } },
      { id: 'e2', source: 'db', target: 'k', params: { mode: 'async' } },
      { id: 'e3', source: 'k', target: 'db', params: { mode: 'offline' }, label: 'nightly' },
      { id: 'e4', source: 'k', target: 'missing', params: { mode: 'sync' } },
    ],
  };
}

describe('designToMermaid', () => {
  it('writes a left-to-right flowchart with frames as subgraphs', () => {
    const lines = designToMermaid(design(), { isStore: (n) => n.kind === 'feature-store' }).trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines).toEqual([
      'flowchart LR',
      '  %% Feed',
      '  subgraph f1["Online"]',
      '    n2["Mobile #quot;app#quot;"]',
      '  end',
      '  n3[("Features #lt;v2#gt; #35;1")]',
      '  n4["kafka"]',
      '  n2 --> n3',
      '  n3 -.-> n4',
      '  n4 -.->|"offline: nightly"| n3',
    ]);
  });

  it('leaves out notes and connections to missing components', () => {
    const text = designToMermaid(design());
    expect(text).not.toContain('hello');
    expect(text.match(/-->|-\.->/g)).toHaveLength(3);
  });

  it('uses the given label function (e.g. catalog names)', () => {
    const text = designToMermaid(design(), { labelOf: (n) => n.label ?? `Kind ${n.kind}` });
    expect(text).toContain('n4["Kind kafka"]');
  });

  it('escapes every character that could end a label or start markup', () => {
    const l = mermaidLabel('a"b<c>d#e`f\nline2');
    expect(l).toBe('"a#quot;b#lt;c#gt;d#35;e#96;f line2"');
    expect(l.slice(1, -1)).not.toMatch(/["<>`\n]/);
    expect(mermaidLabel('')).toBe('" "');
  });

  it('never loops on frames that contain each other', () => {
    const d = design();
    d.nodes.push({ id: 'h', kind: 'group', label: 'H', position: { x: 0, y: 0 }, params: {}, parentId: 'h2' });
    d.nodes.push({ id: 'h2', kind: 'group', label: 'H2', position: { x: 0, y: 0 }, params: {}, parentId: 'h' });
    expect(() => designToMermaid(d)).not.toThrow();
  });
});
