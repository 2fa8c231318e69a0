// The canvas colours the scrubber shows, from a real scenario run: a cache with hit ratio 0.9 is
// flushed, and the backend behind it is offered 1/(1 − h) = 10× its load at that moment —
// visible as its utilization (λ·miss·S/c by the utilization law) — and turns from green to
// amber (ρ ≈ 0.8) while the cache refills, then green again.
import { describe, expect, it } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import { ScenarioPane, type ScenarioRunner } from '../../../src/app/scenario.svelte';
import { levelOf } from '../../../src/app/sim-view';
import { simulateScenario } from '../../../src/simulation/scenario/run';

const RPS = 440;
const MEAN_MS = 20;
const REPLICAS = 10;
const HIT = 0.9;
const FLUSH_S = 20;
const WARMUP_S = 10;

/** The real engine in this thread, one replication. */
const inThread: ScenarioRunner = async (design, opts) => {
  const r = simulateScenario(design, { seed: 7, onProgress: opts.onProgress });
  if (!r.ok) throw new Error(r.error);
  return r.result;
};

function design() {
  const editor = new Editor();
  const client = editor.addComponent('client', { x: 0, y: 0 });
  const cache = editor.addComponent('cache', { x: 300, y: 0 }, client);
  const backend = editor.addComponent('app-service', { x: 600, y: 0 }, cache);
  editor.setParam(client, 'rps', RPS);
  editor.setParam(cache, 'hitRatio', HIT);
  editor.setParam(backend, 'replicas', REPLICAS);
  editor.setParam(backend, 'concurrency', 1);
  editor.setParam(backend, 'service', { dist: 'exponential', meanMs: MEAN_MS });
  return { editor, cache, backend };
}

describe('the canvas at a moment of a real scenario run', () => {
  it('shows the backend behind a flushed cache at 10× its load, amber, then back to green as the cache refills', async () => {
    const { editor, cache, backend } = design();
    const pane = new ScenarioPane(editor, inThread);
    pane.edit((s) => ({ ...s, name: 'Flush', durationS: 50, bucketS: 2 }));
    pane.addEvent('flush', cache);
    pane.edit((s) => ({ ...s, events: s.events!.map((e) => ({ ...e, atS: FLUSH_S, warmupS: WARMUP_S })) }));
    await pane.run();
    expect(pane.error).toBeNull();

    const shown = (t: number) => {
      pane.scrub(t);
      return pane.metrics!.get(backend)!;
    };
    /** The busy share the canvas shows, averaged over the buckets of [from, to): one bucket of ~90 requests is noisy. */
    const meanOver = (from: number, to: number) => {
      const xs: number[] = [];
      for (let t = from; t < to; t += 2) xs.push(shown(t).utilization);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    // Busy share = offered · miss · S / c, the miss ratio being 1 − h as the cache refills linearly.
    const expected = (miss: number) => (RPS * miss * MEAN_MS) / 1000 / REPLICAS;
    const before = meanOver(2, FLUSH_S);
    expect(before).toBeGreaterThan(expected(1 - HIT) * 0.85);
    expect(before).toBeLessThan(expected(1 - HIT) * 1.15);
    expect(levelOf(shown(5))).toBe('green');
    // The first bucket after the flush (20–22 s): h rises from 0 to 0.18, a mean miss of 0.91.
    const after = shown(FLUSH_S + 1);
    expect(after.utilization).toBeGreaterThan(expected(0.91) * 0.85);
    expect(after.utilization).toBeLessThan(expected(0.91) * 1.15);
    // 0.91 / (1 − 0.9) = 9.1 times the load before.
    expect(after.utilization / before).toBeGreaterThan(7);
    expect(after.utilization / before).toBeLessThan(11.5);
    // ρ ≈ 0.80: amber (0.7–0.9), where it was green at ρ ≈ 0.09.
    expect(levelOf(after)).toBe('amber');
    // Refilled (from 30 s on): back to its load before the flush, and green.
    const late = meanOver(FLUSH_S + WARMUP_S + 2, 50);
    expect(late).toBeGreaterThan(expected(1 - HIT) * 0.85);
    expect(late).toBeLessThan(expected(1 - HIT) * 1.15);
    expect(levelOf(shown(45))).toBe('green');
  });
});
