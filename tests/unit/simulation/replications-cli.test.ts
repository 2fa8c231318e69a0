// `npm run sim -- --mode des --replications N`: replications on worker threads, the report with
// its confidence intervals, the same whichever thread ran which replication.
import { describe, expect, it } from 'vitest';
import { loadOracles } from './oracle-helpers';
import { file, isOneLineRefusal, sim } from '../cli/cli-run';

const O1 = loadOracles().get('O1')!; // M/M/1 at ρ 0.8
const o1 = file('o1-replications.json', JSON.stringify(O1.design));

describe('npm run sim --replications', () => {
  it('runs the replications on threads and prints the averages with their intervals, the same every time', async () => {
    const args = [o1, '--mode', 'des', '--replications', '4', '--requests', '20000', '--seed', '5'];
    const [a, b] = await Promise.all([sim(...args), sim(...args)]);
    for (const r of [a, b]) expect(r.code, r.stderr).toBe(0);
    const strip = (s: string) => ({ ...JSON.parse(s), wallMs: 0 });
    const report = strip(a.stdout);
    expect(strip(b.stdout)).toEqual(report);
    expect(report.confidence).toMatchObject({ replications: 4, requestsPerReplication: 20_000, seed: 5 });
    const half = report.confidence.latencyMs.mean;
    expect(half).toBeGreaterThan(0);
    // The exact mean response (50 ms) lies within a few half-widths of the average.
    expect(Math.abs(report.latencyMs.mean - O1.expected.latencyMs.mean)).toBeLessThan(3 * half);
    expect(report.confidence.nodes.A.utilization).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a count that gives no interval, or replications of the analytic engine', async () => {
    for (const args of [
      [o1, '--mode', 'des', '--replications', '1'],
      [o1, '--mode', 'des', '--replications', '65'],
      [o1, '--mode', 'des', '--replications', 'many'],
      [o1, '--replications', '4'],
    ]) {
      const r = await sim(...args);
      expect(isOneLineRefusal(r), r.stderr).toBe(true);
      expect(r.stderr).toMatch(/--replications/);
    }
  }, 60_000);
});
