// A scenario's events on the timeline's charts: a short tag along each marker line, numbered as
// the sentences of "What happened" are, so a long label is never cut off in a small chart.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import { findings } from '../../../src/app/scenario-view';
import { markerTag } from '../../../src/ui/timeline/timeline-charts';
import { design, node, sync } from '../simulation/scenario-helpers';

describe('event markers', () => {
  const d = design(
    [node('src', { rps: 200 }), node('cache', { replicas: 2, hitRatio: 0.8, service: { dist: 'exponential', meanMs: 1 } }), node('db', { replicas: 4, service: { dist: 'exponential', meanMs: 5 } })],
    [sync('e1', 'src', 'cache'), sync('e2', 'cache', 'db')],
    {
      name: 'two events',
      durationS: 60,
      bucketS: 2,
      events: [
        { type: 'flush', atS: 20, node: 'cache', warmupS: 10 },
        { type: 'fail', atS: 30, node: 'db', replicas: 1, durationS: 10 },
      ],
    },
  );
  const r = simulateScenario(d, { seed: 2 });
  if (!r.ok) throw new Error(r.error);
  const { timeline } = r.result;

  it('are numbered in the order of the events, the end of a lasting one under its number', () => {
    expect(timeline.markers.map((m) => [m.atS, markerTag(m)])).toEqual([
      [20, '1 flush'],
      [30, '2 fail'],
      [40, '2 ends'],
    ]);
    for (const m of timeline.markers) expect(markerTag(m).length).toBeLessThanOrEqual(12);
  });

  it('and "What happened" names each event under the same number', () => {
    const lines = findings(r.result, d, (id) => id).map((f) => f.text);
    expect(lines.find((l) => l.startsWith('1. At 20 s, cache flushed'))).toBeDefined();
    expect(lines.find((l) => l.startsWith('2. At 30 s, db loses 1 replica for 10 s'))).toBeDefined();
  });
});
