// A first pipeline of default components, at a new client's default load, is green before the
// user has changed anything: the catalog's defaults are sized for one another.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog';
import { Editor } from '../../../src/app/editor.svelte';
import { analyze } from '../../../src/simulation/analytic';
import { levelOf, toMetrics } from '../../../src/app/sim-view';

const sources = catalog.kinds.filter((k) => k.role === 'source');
const targets = catalog.kinds.filter((k) => k.role !== 'source');
const pairs = sources.flatMap((s) => targets.map((t) => [s.kind, t.kind] as const));

describe('a default source into any default component', () => {
  it('covers every source kind and every other kind', () => {
    expect(sources.length).toBeGreaterThan(0);
    expect(pairs.length).toBe(sources.length * targets.length);
  });

  // Green is what the canvas draws below 70 % busy (sim-view.ts levelOf): headroom left for the
  // bursts a Poisson load brings. A server that batches (GPU model servers) is busy nearly all
  // the time at any real load by design, growing its batches to absorb more; its headroom is
  // the load it takes against its capacity, held to the same 70 %.
  it.each(pairs)('%s → %s, as added from the palette, is stable with headroom', (s, t) => {
    const editor = new Editor();
    const source = editor.addComponent(s, { x: 0, y: 0 });
    const target = editor.addComponent(t, { x: 300, y: 0 }, source);
    const result = analyze(editor.design);
    if (!result.ok) throw new Error(`${s} → ${t} did not compile`);
    const { report } = result;
    expect(report.stable).toBe(true);
    expect(report.overloaded).toEqual([]);
    expect(report.saturated).toEqual([]);
    expect(report.errorRate).toBe(0);
    const load = Object.values(report.sources).reduce((sum, x) => sum + x.rps, 0);
    expect(load).toBeGreaterThan(0);
    // No bottleneck: nothing the load reaches has a limit (an offline component takes no requests).
    if (report.bottleneck !== null) expect(load / report.maxRps, `${t}: ${load} rps of ${report.maxRps.toFixed(0)}`).toBeLessThan(0.7);
    const batches = !!editor.design.nodes.find((n) => n.id === target)!.params.batch;
    for (const [id, m] of toMetrics(report) ?? new Map()) {
      if (id === target && batches) continue;
      expect(levelOf(m), `${id} at ${(m.utilization * 100).toFixed(0)} %`).toBe('green');
    }
  });
});
