// Pasting a plain Mermaid flowchart: kinds guessed from the labels, links as connections, and the
// whole of it arriving through the session's one way in as a new design.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog';
import { looksLikeMermaid, mermaidToDesign } from '../../../src/persistence/mermaid-import';
import { designToMermaid } from '../../../src/persistence/mermaid';
import { restore } from '../../../src/persistence/restore';
import { parseDesign, printDesign } from '../../../src/persistence/design-text';
import { openSession } from '../app/session-fixture';

const defaultsFor = (k: string) => catalog.defaultsFor(k);

function imported(text: string) {
  const m = mermaidToDesign(text, catalog.kinds);
  if (!m.ok) throw new Error(m.error);
  const r = restore(m.design, { defaultsFor });
  if (!r.ok) throw new Error(r.error);
  return { design: r.design, warnings: r.warnings, skipped: m.skipped };
}

describe('Mermaid flowchart import', () => {
  it('reads the one-line form, guessing kinds from labels', () => {
    const { design, warnings } = imported('flowchart LR; A[Client] --> B[API gateway]');
    expect(design.nodes.map((n) => [n.id, n.kind, n.label])).toEqual([['A', 'client', 'Client'], ['B', 'api-gateway', 'API gateway']]);
    expect(design.edges).toEqual([expect.objectContaining({ source: 'A', target: 'B', params: { mode: 'sync' } })]);
    // Known kinds only: the parameters are the catalog's, and restore() has nothing to say.
    expect(warnings).toEqual([]);
    expect(design.nodes[1].params).toEqual(catalog.defaultsFor('api-gateway'));
  });

  it('reads shapes, chains, &, link texts, subgraphs and comments, and places nodes apart', () => {
    const { design, skipped } = imported(
      [
        'graph TD',
        '  %% a comment',
        '  subgraph online [Online serving]',
        '    U((Users)) --> LB{Load balancer} --> S(Recommendation service)',
        '    S --> R[(Redis)] & F[/"Feature store"/]',
        '  end',
        '  S -. clicks .-> K>Kafka]',
        '  K -->|offline: nightly| T[Two-tower training]',
        '  Z[Something odd] --- S',
        '  classDef hot fill:#f00',
        '  this is not mermaid',
      ].join('\n'),
    );
    const kind = Object.fromEntries(design.nodes.map((n) => [n.id, n.kind]));
    expect(kind).toEqual({ online: 'group', U: 'client', LB: 'load-balancer', S: 'app-service', R: 'cache', F: 'feature-store-online', K: 'kafka', T: 'training-cluster', Z: 'app-service' });
    expect(design.nodes.filter((n) => n.parentId === 'online').map((n) => n.id)).toEqual(['U', 'LB', 'S', 'R', 'F']);
    expect(design.edges.map((e) => `${e.source}>${e.target}:${e.params.mode}:${e.label ?? ''}`)).toEqual([
      'U>LB:sync:', 'LB>S:sync:', 'S>R:sync:', 'S>F:sync:', 'S>K:async:clicks', 'K>T:offline:nightly', 'Z>S:sync:',
    ]);
    expect(skipped).toEqual([11]);
    // No two components share a place.
    const spots = design.nodes.filter((n) => n.kind !== 'group').map((n) => `${n.parentId ?? ''}:${n.position.x},${n.position.y}`);
    expect(new Set(spots).size).toBe(spots.length);
  });

  it('reads back our own Mermaid export: labels, frames and modes', () => {
    const text = printDesign(imported('flowchart LR; A[Client] --> B[API gateway]').design, defaultsFor);
    const r = parseDesign(`${text}\nc: kafka "Event bus"\nd: training-cluster\nframe f "Online" { A B }\nB ~> c\nc ..> d`, { defaultsFor });
    if (!r.ok) throw new Error('refused');
    const back = imported(designToMermaid(r.design)).design;
    expect(back.nodes.map((n) => [n.kind, n.label]).sort()).toEqual([['api-gateway', 'API gateway'], ['client', 'Client'], ['group', 'Online'], ['kafka', 'Event bus'], ['training-cluster', 'training-cluster']]);
    expect(back.edges.map((e) => e.params.mode)).toEqual(['sync', 'async', 'offline']);
    expect(back.nodes.filter((n) => n.parentId).map((n) => n.label)).toEqual(['Client', 'API gateway']);
  });

  it('tells Mermaid from other text', () => {
    expect(looksLikeMermaid('flowchart LR; A --> B')).toBe(true);
    expect(looksLikeMermaid('%% title\ngraph TD\nA-->B')).toBe(true);
    expect(looksLikeMermaid('{"format":"mlsd-design"}')).toBe(false);
    expect(looksLikeMermaid('graphs are nice')).toBe(false);
    expect(mermaidToDesign('flowchart LR\n', catalog.kinds)).toEqual({ ok: false, error: expect.stringContaining('no nodes') });
  });

  it('pasted, it opens as a new design through the one way in', async () => {
    const { session } = await openSession();
    const before = session.library.designs.length;
    const r = await session.openExternal({ kind: 'text', text: 'flowchart LR; A[Client] --> B[API gateway] --> C[Ranking model]' });
    expect(r.status).toBe('opened');
    expect(session.library.designs.length).toBe(before + 1);
    expect(session.editor.design.nodes.map((n) => n.kind)).toEqual(['client', 'api-gateway', 'ranking-service']);
    expect(session.editor.design.edges).toHaveLength(2);
  });
});
