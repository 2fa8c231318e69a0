// The command-line simulator given what a careless or hostile caller gives it: endless devices,
// pipes nobody writes to, huge files, absurd run lengths, a byte order mark, a reader that
// hangs up early, ids that are JavaScript's own property names, and an SLO out of range.
import { execFileSync, spawn as spawnChild } from 'node:child_process';
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embedTextInPng } from '../../../src/persistence/png-chunk';
import { embedTextInSvg } from '../../../src/persistence/svg-metadata';
import { loadOracles } from '../simulation/oracle-helpers';
import { DIR, TSX, ROOT, file, isOneLineRefusal, sim, spawn } from './cli-run';

const O1 = loadOracles().get('O1')!;
const o1Text = JSON.stringify(O1.design);
const o1 = file('o1.json', o1Text);

const refusal = (r: { code: number; stderr: string; stdout: string }) => expect(isOneLineRefusal(r), `${r.code} ${r.stderr}`).toBe(true);

describe('npm run sim refuses what is not a design file, in one line and without reading it', () => {
  it('a device that never ends, a pipe with no writer, a folder', async () => {
    const fifo = join(DIR, 'no-writer.fifo');
    execFileSync('mkfifo', [fifo]);
    const folder = join(DIR, 'folder.json');
    mkdirSync(folder);
    const [zero, pipe, dir] = await Promise.all([sim('/dev/zero'), sim(fifo), sim(folder)]);
    for (const r of [zero, pipe]) {
      refusal(r);
      expect(r.stderr).toMatch(/not a regular file/);
    }
    refusal(dir);
    expect(dir.stderr).toMatch(/folder\.json is a folder/);
  }, 90_000);

  it('files past 5 MB by their size, standard input past 5 MB as it arrives', async () => {
    const six = file('six.json', Buffer.alloc(6_000_000, 0x20));
    const huge = file('huge.json', '');
    truncateSync(huge, 200_000_000); // sparse: 200 MB without writing them
    const [a, b, c] = await Promise.all([
      sim(six),
      sim(huge),
      spawn(TSX, ['scripts/sim.ts', '-'], Buffer.alloc(6_000_000, 0x20)),
    ]);
    for (const r of [a, b, c]) refusal(r);
    expect(a.stderr).toMatch(/six\.json is 6 MB, larger than 5 MB/);
    expect(b.stderr).toMatch(/huge\.json is 200 MB, larger than 5 MB/);
    expect(c.stderr).toMatch(/Standard input is larger than 5 MB.*stopped reading/);
  }, 90_000);

  it('standard input is read like a file', async () => {
    const r = await spawn(TSX, ['scripts/sim.ts', '-'], o1Text);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).latencyMs.mean).toBeCloseTo(O1.expected.latencyMs.mean, 6);
  }, 60_000);
});

describe('npm run sim input the app accepts, and runs that end', () => {
  it('a run longer than minutes is refused with the cap in the message', async () => {
    const runs = await Promise.all([sim(o1, '--mode', 'des', '--requests', '1000000000'), sim(o1, '--mode', 'des', '--requests', '1000000000000')]);
    for (const r of runs) {
      refusal(r);
      expect(r.stderr).toMatch(/--requests must be a whole number from 1 to 10,000,000/);
    }
  }, 90_000);

  it('a design saved with a UTF-8 byte order mark, as the app accepts it', async () => {
    const r = await sim(file('bom.json', '\uFEFF' + o1Text));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).nodes.A.utilization).toBeCloseTo(0.8, 12);
  }, 60_000);

  it('a PNG or SVG exported by the app, as the app imports them', async () => {
    const png = embedTextInPng(new Uint8Array(readFileSync(join(ROOT, 'docs/screenshot.png'))), o1Text);
    const svg = embedTextInSvg('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>', o1Text);
    const runs = await Promise.all([sim(file('export.png', png)), sim(file('export.svg', svg))]);
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).nodes.A.utilization).toBeCloseTo(0.8, 12);
    }
  }, 60_000);

  it('a component whose id is __proto__ is in the report like any other', async () => {
    const text = o1Text.replaceAll('"A"', '"__proto__"');
    expect(text).toContain('"target":"__proto__"');
    const r = await sim(file('proto.json', text));
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report.nodes)).toContain('__proto__');
    expect(report.nodes['__proto__'].utilization).toBeCloseTo(0.8, 12);
    expect(report.bottleneck).toBe('__proto__');
  }, 60_000);

  it('a design whose SLO is out of range is refused; a valid SLO is fine', async () => {
    const withSlo = (slo: unknown) => JSON.stringify({ ...(O1.design as object), slo });
    const [bad, notObject, good] = await Promise.all([
      sim(file('slo-bad.json', withSlo({ p99Ms: -5, rps: 80 }))),
      sim(file('slo-text.json', withSlo('fast'))),
      sim(file('slo-good.json', withSlo({ p99Ms: 300, rps: 80 }))),
    ]);
    for (const r of [bad, notObject]) {
      refusal(r);
      expect(r.stderr).toMatch(/SLO/);
    }
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
  }, 60_000);
});

describe('npm run sim piped into a reader that stops early', () => {
  it('ends quietly with exit code 0, no stack trace', async () => {
    // A report far larger than a pipe's buffer, so the writer is still writing when the reader goes.
    const nodes: unknown[] = [{ id: 'src', kind: 'client', params: { rps: 10 } }];
    const edges: unknown[] = [];
    for (let i = 0; i < 1500; i++) {
      nodes.push({ id: `n${i}`, kind: 'generic', params: {} });
      edges.push({ id: `e${i}`, source: 'src', target: `n${i}`, params: { mode: 'async' } });
    }
    const wide = join(DIR, 'wide.json');
    writeFileSync(wide, JSON.stringify({ nodes, edges }));
    const child = spawnChild(TSX, ['scripts/sim.ts', wide], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let chunks = 0;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => {
      chunks++;
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(chunks).toBe(1);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});
