// The canvas colours at a scrubbed moment and the run told in sentences, read from a timeline
// whose figures follow a closed form: a component with c replicas of rate μ each, offered λ(t),
// is busy λ/(cμ) of the time while λ < cμ (the utilization law), and serves nothing with no
// replica up.
import { describe, expect, it } from 'vitest';
import { bucketAt, colorsAt, findings, hotspots, seconds } from '../../../src/app/scenario-view';
import { levelOf } from '../../../src/app/sim-view';
import { emptyDesign } from '../../../src/model/design';
import { run } from './scenario-fixture';

describe('the canvas at a scrubbed moment', () => {
  it('finds the bucket of a moment, clamped to the run', () => {
    const tl = run().timeline;
    expect(bucketAt(tl, 0)).toBe(0);
    expect(bucketAt(tl, 29.99)).toBe(29);
    expect(bucketAt(tl, 30)).toBe(30);
    expect(bucketAt(tl, 1e9)).toBe(59);
    expect(bucketAt(tl, -5)).toBe(0);
  });

  it('colours each component by its utilization at that moment: λ/(cμ)', () => {
    const r = run();
    const before = colorsAt(r, 10).get('api')!;
    expect(before.utilization).toBeCloseTo(100 / 200, 12);
    expect(levelOf(before)).toBe('green');
    const step = colorsAt(r, 35).get('api')!;
    expect(step.utilization).toBeCloseTo(190 / 200, 12);
    expect(levelOf(step)).toBe('red');
    // One replica left: past capacity, busy all the time.
    expect(colorsAt(r, 46).get('api')!.utilization).toBe(1);
    // No replica up while requests arrive: overloaded, whatever the busy share.
    expect(colorsAt(r, 51).get('api')).toMatchObject({ overloaded: true });
    expect(colorsAt(r, 51).get('api')!.p99Ms).toBeNull();
  });

  it('keeps the record of a component whose figures did not change from one moment to the next', () => {
    const r = run();
    const a = colorsAt(r, 10);
    const b = colorsAt(r, 11, a);
    expect(b.get('api')).toBe(a.get('api'));
    expect(colorsAt(r, 35, b).get('api')).not.toBe(a.get('api'));
  });

  it('leaves out a component nothing reaches, as the steady-state canvas does', () => {
    expect(colorsAt(run(), 10).has('batch')).toBe(false);
  });
});

describe('what the run came to', () => {
  it('names the component that went red, from when and for how long', () => {
    const hot = hotspots(run(), (id) => (id === 'api' ? 'API' : id));
    // Red from the step (ρ = 0.95 ≥ 0.9) to the end: 30 one-second buckets.
    expect(hot).toEqual([{ id: 'api', name: 'API', firstS: 30, seconds: 30 }]);
  });

  it('says what was lost, the time over the SLO and an event never recovered from, with the intervals', () => {
    const design = { ...emptyDesign(), slo: { p99Ms: 40, rps: 100 } };
    const texts = findings(run(), design, (id) => (id === 'api' ? 'API' : id)).map((f) => `${f.tone}: ${f.text}`);
    expect(texts).toEqual([
      'bad: API was overloaded or down from 30 s, for 30 s in all.',
      'bad: Requests lost: 380 (95 %: 350–410) of 8,000 (4.8 %).',
      'bad: p99 over the SLO (40 ms) for 7 s (95 %: 6 s–8 s).',
      'bad: 1. At 45 s, API: 1 replica fails: not recovered before the run ended.',
    ]);
  });

  it('writes durations as a person reads them', () => {
    expect(seconds(4.25)).toBe('4.3 s');
    expect(seconds(45)).toBe('45 s');
    expect(seconds(17.5)).toBe('17.5 s');
    expect(seconds(125)).toBe('2 min 5 s');
    expect(seconds(600)).toBe('10 min');
  });
});
