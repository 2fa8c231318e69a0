// `npm run sim -- design.json --scenario`: the timeline and summary as JSON (CSV with --csv),
// seeded, replications on worker threads; a design without a scenario is one line and exit 2.
import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../src/model/design';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import { file, isOneLineRefusal, sim } from './cli-run';

const nodes = [
  { id: 'src', kind: 'client', position: { x: 0, y: 0 }, params: { rps: 200 } },
  { id: 'svc', kind: 'generic', position: { x: 0, y: 0 }, params: { replicas: 2, service: { dist: 'exponential', meanMs: 5 } } },
];
const edges = [{ id: 'a', source: 'src', target: 'svc', params: { mode: 'sync' } }];
const scenario = { name: 'spike', durationS: 10, bucketS: 1, profiles: { src: { shape: 'spike', atS: 4, durationS: 2, factor: 3 } }, events: [{ type: 'slow', atS: 7, node: 'svc', factor: 2, durationS: 1 }] };
const design = { ...emptyDesign('cli scenario'), nodes, edges, scenario };
const withScenario = file('scenario.json', JSON.stringify(design));
const without = file('no-scenario.json', JSON.stringify({ ...design, scenario: undefined }));

describe('npm run sim -- --scenario', () => {
  it('prints the timeline and summary the engine computes for that seed', async () => {
    const r = await sim(withScenario, '--scenario', '--seed', '5');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const direct = simulateScenario(design as never, { seed: 5 });
    if (!direct.ok) throw new Error(direct.error);
    expect({ ...out, wallMs: 0 }).toEqual(JSON.parse(JSON.stringify({ ...direct.result, wallMs: 0 })));
    expect(out.timeline.t).toHaveLength(10);
    expect(out.timeline.markers.map((m: { label: string }) => m.label)).toEqual(['svc 2× slower for 1 s', 'svc 2× slower for 1 s: over']);
  }, 60_000);

  it('prints one CSV row per bucket, with intervals from replications on worker threads', async () => {
    const r = await sim(withScenario, '--scenario', '--csv', '--replications', '3');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    const head = lines[0].split(',');
    expect(head.slice(0, 4)).toEqual(['t', 'offeredRps', 'offeredRps_lo', 'offeredRps_hi']);
    expect(head).toContain('svc.utilization');
    const row = (b: number) => Object.fromEntries(lines[b + 1].split(',').map((v, i) => [head[i], Number(v)]));
    // The spike triples the load for two seconds.
    expect(row(4).offeredRps / row(1).offeredRps).toBeGreaterThan(2.2);
    expect(row(4).offeredRps_lo).toBeLessThanOrEqual(row(4).offeredRps);
  }, 60_000);

  it('refuses a design without a scenario, and options that do not go together, in one line with exit code 2', async () => {
    const runs = await Promise.all([
      sim(without, '--scenario'),
      sim(without, '--scenario', '--replications', '2'),
      sim(withScenario, '--csv'),
      sim(withScenario, '--scenario', '--requests', '100'),
    ]);
    for (const r of runs) expect(isOneLineRefusal(r), r.stderr).toBe(true);
    expect(runs[0].stderr).toMatch(/has no scenario/);
    expect(runs[1].stderr).toMatch(/has no scenario/);
  }, 60_000);
});
