import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_NODES, restore } from '../../../src/persistence/restore';
import { decodeShareLink, encodeShareLink } from '../../../src/persistence/share-link';
import type { Design } from '../../../src/model/design';

function grid(n: number): Design {
  return {
    format: 'mlsd-design', version: 1, name: `Grid ${n}`, notes: {},
    nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, kind: 'cache', position: { x: (i % 100) * 240, y: Math.floor(i / 100) * 110 }, params: {} })),
    edges: [],
  };
}

describe('the size limit', () => {
  it('is the one docs/format.md states', () => {
    const doc = readFileSync(new URL('../../../docs/format.md', import.meta.url), 'utf8');
    const stated = /\| `nodes` \| array \| components, frames and notes \(≤ ([\d,]+)/.exec(doc)?.[1];
    expect(Number(stated?.replaceAll(',', ''))).toBe(MAX_NODES);
  });

  it('opens a design at the limit', () => {
    const r = restore(JSON.stringify(grid(MAX_NODES)));
    expect(r.ok && r.design.nodes.length).toBe(MAX_NODES);
  });

  it('refuses a 20,000-component link with a sentence naming the limit', async () => {
    const r = await decodeShareLink(await encodeShareLink(grid(20_000)));
    expect(r).toEqual({
      ok: false,
      error: `This link holds a design that cannot be opened: This design has too many components (20,000; the limit is ${MAX_NODES.toLocaleString('en-US')}).`,
    });
  });
});
