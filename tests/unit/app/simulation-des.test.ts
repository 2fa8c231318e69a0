import { describe, expect, it, vi } from 'vitest';
import type { SimResult } from '../../../src/simulation/report';

// The worker client, replaced by jobs the test finishes by hand.
const jobs: { resolve: (r: SimResult | null) => void; progress: (f: number) => void; cancelled: boolean; opts: unknown }[] = [];
vi.mock('../../../src/simulation/des-client', () => ({
  runDes: (_design: unknown, opts: unknown, onProgress: (f: number) => void) => {
    let resolve!: (r: SimResult | null) => void;
    const promise = new Promise<SimResult | null>((r) => (resolve = r));
    const job = { resolve, progress: onProgress, cancelled: false, opts };
    jobs.push(job);
    return { promise, cancel: () => ((job.cancelled = true), resolve(null)) };
  },
}));

const { Editor } = await import('../../../src/app/editor.svelte');
const { Simulation } = await import('../../../src/app/simulation.svelte');

function setup() {
  const editor = new Editor();
  const client = editor.addComponent('client', { x: 0, y: 0 });
  editor.addComponent('cache', { x: 300, y: 0 }, client);
  const sim = new Simulation(editor);
  const desReport = (): SimResult => (sim.analytic.ok ? { ok: true, report: { ...sim.analytic.report, mode: 'des', events: 9 } } : sim.analytic);
  return { editor, sim, client, desReport };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Simulation discrete-event runs', () => {
  it('reports progress, then shows the run until the design changes', async () => {
    const { editor, sim, client, desReport } = setup();
    const done = sim.runDes(5000, 3);
    await tick();
    const job = jobs.at(-1)!;
    expect(job.opts).toEqual({ requests: 5000, seed: 3 });
    job.progress(0.4);
    expect(sim.desRun).toEqual({ requests: 5000, seed: 3, progress: 0.4 });
    job.resolve(desReport());
    await done;
    expect(sim.desRun).toBeNull();
    expect(sim.report?.mode).toBe('des');
    expect(sim.des).toMatchObject({ requests: 5000, seed: 3 });
    editor.setParam(client, 'rps', 10);
    expect(sim.report?.mode).toBe('analytic');
  });

  it('cancels: the job stops and a late answer is ignored', async () => {
    const { sim, desReport } = setup();
    const done = sim.runDes(5000, 1);
    await tick();
    const job = jobs.at(-1)!;
    sim.cancelDes();
    expect(job.cancelled).toBe(true);
    expect(sim.desRun).toBeNull();
    job.resolve(desReport());
    await done;
    expect(sim.des).toBeNull();
    expect(sim.report?.mode).toBe('analytic');
  });

  it('a new run replaces one in flight, and a failed run says why', async () => {
    const { sim } = setup();
    const first = sim.runDes(5000, 1);
    await tick();
    const second = sim.runDes(6000, 2);
    await tick();
    expect(jobs.at(-2)!.cancelled).toBe(true);
    jobs.at(-1)!.resolve({ ok: false, error: 'boom' });
    await Promise.all([first, second]);
    expect(sim.desError).toBe('boom');
    expect(sim.des).toBeNull();
    expect(sim.desRun).toBeNull();
  });
});
