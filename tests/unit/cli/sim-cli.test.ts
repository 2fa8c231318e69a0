// The command-line simulator as a user runs it: a child process, the JSON report on stdout and
// nothing else, one line on stderr and exit code 2 for bad input.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOracles } from '../simulation/oracle-helpers';
import { DIR, file, isOneLineRefusal, sim, spawn } from './cli-run';

const O1 = loadOracles().get('O1')!;

const o1 = file('o1.json', JSON.stringify(O1.design));

describe('npm run sim', () => {
  it('prints the analytic report of an oracle design as the only output', async () => {
    const r = await sim(o1);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.mode).toBe('analytic');
    expect(report.stable).toBe(true);
    expect(report.latencyMs.mean).toBeCloseTo(O1.expected.latencyMs.mean, 6);
    expect(report.latencyMs.p99).toBeCloseTo(O1.expected.latencyMs.p99, 5);
    expect(report.maxRps).toBeCloseTo(O1.expected.maxRps, 9);
    expect(report.bottleneck).toBe('A');
    expect(report.nodes.A.utilization).toBeCloseTo(0.8, 12);
  }, 60_000);

  it('through npm (silent), stdout is still exactly the JSON report', async () => {
    const r = await spawn('npm', ['run', '--silent', 'sim', '--', o1]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimStart().startsWith('{')).toBe(true);
    expect(JSON.parse(r.stdout).mode).toBe('analytic');
  }, 60_000);

  it('--mode des is seeded: the same seed gives the same report', async () => {
    const [a, b, c] = await Promise.all([
      sim(o1, '--mode', 'des', '--requests', '20000', '--seed', '7'),
      sim(o1, '--mode=des', '--requests=20000', '--seed=7'),
      sim(o1, '--mode', 'des', '--requests', '20000', '--seed', '8'),
    ]);
    for (const r of [a, b, c]) expect(r.code, r.stderr).toBe(0);
    const strip = (s: string) => ({ ...JSON.parse(s), wallMs: 0 });
    const ra = strip(a.stdout);
    expect(ra.mode).toBe('des');
    expect(ra.events).toBeGreaterThan(0);
    expect(strip(b.stdout)).toEqual(ra);
    expect(strip(c.stdout).latencyMs.mean).not.toBe(ra.latencyMs.mean);
  }, 60_000);

  it('rejects bad input with one line on stderr and exit code 2', async () => {
    const cycle = file(
      'cycle.json',
      JSON.stringify({
        nodes: [
          { id: 'src', kind: 'client', params: { rps: 10 } },
          { id: 'ranker', kind: 'generic', params: {} },
          { id: 'features', kind: 'generic', params: {} },
        ],
        edges: [
          { id: 'a', source: 'src', target: 'ranker', params: { mode: 'sync' } },
          { id: 'b', source: 'ranker', target: 'features', params: { mode: 'sync' } },
          { id: 'c', source: 'features', target: 'ranker', params: { mode: 'async' } },
        ],
      }),
    );
    const cases: [string[], RegExp][] = [
      [[join(DIR, 'missing.json')], /cannot read/],
      [[file('bad.json', '{"nodes": [')], /not valid JSON/],
      [[file('other.json', JSON.stringify({ format: 'excalidraw', nodes: [] }))], /not a design/],
      [[file('neg.json', JSON.stringify({ nodes: [{ id: 'a', kind: 'generic', params: { replicas: -2 } }], edges: [] }))], /"a"/],
      [[cycle], /ranker → features → ranker/],
      [[], /no design file/],
      [[o1, o1], /one design file/],
      [[o1, '--mode', 'fast'], /--mode/],
      [[o1, '--mode'], /needs a value/],
      [[o1, '--requests', '0'], /--requests/],
      [[o1, '--requests', '1e3'], /--requests/],
      [[o1, '--seed', '-1'], /--seed/],
      [[o1, '--verbose'], /unknown option/],
    ];
    const runs = await Promise.all(cases.map(([args]) => sim(...args)));
    runs.forEach((r, i) => {
      const what = cases[i][0].join(' ');
      expect(isOneLineRefusal(r), `${what}: ${r.code} ${r.stderr}`).toBe(true);
      expect(r.stderr, what).toMatch(cases[i][1]);
    });
  }, 120_000);
});
