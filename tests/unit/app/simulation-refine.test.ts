// The background refinement as the app drives it: a quiet period after edits, replications in
// (fake, in-process) workers, figures that grow more certain, and edits that cancel the run and
// drop whatever it still sends.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import { Simulation } from '../../../src/app/simulation.svelte';
import { REFINE_AFTER_MS, REFINE_REPLICATIONS } from '../../../src/app/refinement-plan';
import { FakeWorker } from '../simulation/fake-des-worker';

const sims: Simulation[] = [];

function setup(rps = 1000) {
  const editor = new Editor();
  const client = editor.addComponent('client', { x: 0, y: 0 });
  const server = editor.addComponent('model-server-cpu', { x: 300, y: 0 }, client); // 2 × 8 at 6 ms
  editor.setParam(client, 'rps', rps);
  const workers: FakeWorker[] = [];
  const sim = new Simulation(editor, {
    refine: {
      cores: 2,
      spawn: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
    },
  });
  sims.push(sim);
  return { editor, sim, client, server, workers, live: () => workers.filter((w) => !w.terminated) };
}

/** Tells the simulation of the edit (the app's effect does), lets the quiet period pass and the engine load. */
async function settle(sim: Simulation) {
  sim.designChanged();
  vi.advanceTimersByTime(REFINE_AFTER_MS);
  await vi.dynamicImportSettled();
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Each live worker finishes the replication it holds. */
const workRound = (live: () => FakeWorker[]) => live().forEach((w) => w.work());

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => {
  sims.splice(0).forEach((s) => s.destroy());
  vi.useRealTimers();
});

describe('background refinement', () => {
  it('waits for edits to pause, then shows refined figures with intervals as replications finish', async () => {
    const { sim, server, workers, live } = setup();
    sim.designChanged();
    expect(sim.refinement!.status).toEqual({ phase: 'waiting' });
    expect(workers).toHaveLength(0);
    expect(sim.report?.mode).toBe('analytic');
    await settle(sim);
    expect(workers).toHaveLength(2);
    expect(sim.refinement!.status).toEqual({ phase: 'running', done: 0, total: REFINE_REPLICATIONS });

    workRound(live);
    // Two replications: the first refined figures, with a (wide) interval.
    expect(sim.report?.mode).toBe('des');
    expect(sim.report?.confidence?.replications).toBe(2);
    const early = sim.report!.confidence!.latencyMs.p99!;
    expect(early).toBeGreaterThan(0);
    expect(sim.metrics?.get(server)?.p99HalfMs).toBe(sim.report!.confidence!.nodes[server].p99Ms);
    while (live().length) workRound(live);
    await Promise.resolve();
    expect(sim.refinement!.status).toEqual({ phase: 'done' });
    expect(sim.report?.confidence?.replications).toBe(REFINE_REPLICATIONS);
    // Eight runs pin the p99 down better than two.
    expect(sim.report!.confidence!.latencyMs.p99!).toBeLessThan(early);
    // The utilization is measured, close to the exact 1000 / 2,667.
    expect(sim.report!.nodes[server].utilization).toBeCloseTo(0.375, 1);
  });

  it('an edit shows the analytic figures at once, ends the run and drops its late answers', async () => {
    const { editor, sim, client, workers, live } = setup();
    await settle(sim);
    workRound(live);
    expect(sim.report?.confidence).toBeDefined();
    const old = [...workers];

    editor.setParam(client, 'rps', 1200);
    // Before any effect has run, the refined figures of the old design are no longer shown.
    expect(sim.report?.mode).toBe('analytic');
    expect(sim.report?.throughputRps).toBeCloseTo(1200, 6);
    sim.designChanged();
    expect(old.every((w) => w.terminated)).toBe(true);
    expect(sim.refinement!.status).toEqual({ phase: 'waiting' });
    // A replication that was already on its way arrives after the edit: dropped.
    old[0].work();
    old[0].deliver({ type: 'done', result: { ok: true, report: { ...sim.analytic.ok && sim.analytic.report!, mode: 'des' } as never } });
    expect(sim.report?.mode).toBe('analytic');
    expect(sim.refinement!.run).toBeNull();

    await settle(sim);
    expect(live()).toHaveLength(2);
    workRound(live);
    expect(sim.report?.confidence?.replications).toBe(2);
    expect(sim.report?.throughputRps).toBeCloseTo(1200, -2);
  });

  it('edits within the quiet period start one run, and a moved component none', async () => {
    const { editor, sim, client, server, workers, live } = setup();
    sim.designChanged();
    vi.advanceTimersByTime(REFINE_AFTER_MS / 2);
    editor.setParam(client, 'rps', 1100);
    sim.designChanged();
    vi.advanceTimersByTime(REFINE_AFTER_MS / 2);
    editor.setParam(client, 'rps', 1300);
    await settle(sim);
    expect(workers).toHaveLength(2);
    expect(workers[0].job!.design.nodes.find((n) => n.id === client)!.params.rps).toBe(1300);

    editor.dropNodes(new Map([[server, { x: 500, y: 80 }]]));
    await settle(sim);
    expect(workers).toHaveLength(2);
    expect(live()).toHaveLength(2);
    workRound(live);
    expect(sim.report?.confidence).toBeDefined();
  });

  it('the SLO verdict follows the refined p99 at the design load, not at another load', async () => {
    const { editor, sim, live } = setup();
    editor.setSlo({ p99Ms: 500, rps: 1000 });
    await settle(sim);
    expect(sim.sloVerdict?.refined).toBeUndefined();
    workRound(live);
    expect(sim.sloVerdict).toMatchObject({ met: true, p99Ms: sim.report!.latencyMs.p99 });
    expect(sim.sloVerdict?.refined?.p99HalfMs).toBe(sim.report!.confidence!.latencyMs.p99);

    editor.setSlo({ p99Ms: 500, rps: 2000 }); // the refined runs were made at 1,000 rps
    expect(sim.sloVerdict?.refined).toBeUndefined();
    expect(sim.sloVerdict?.met).toBe(true);
  });

  it('says a design near capacity is uncertain, and refines nothing without a steady state', async () => {
    const near = setup(2600); // ρ = 0.975
    expect(near.sim.nearCapacity).toEqual([near.server]);
    const calm = setup(1000);
    expect(calm.sim.nearCapacity).toEqual([]);

    const over = setup(3000); // past capacity, no queue limit
    await settle(over.sim);
    expect(over.workers).toHaveLength(0);
    expect(over.sim.refinement!.status).toEqual({ phase: 'off', reason: null });
    expect(over.sim.nearCapacity).toEqual([]);
  });

  it('a discrete-event run asked for takes over from the refinement', async () => {
    const { sim, live } = setup();
    await settle(sim);
    const running = live();
    const asked = sim.runDes(5000, 1);
    expect(running.every((w) => w.terminated)).toBe(true);
    expect(sim.refinement!.status.phase).toBe('off');
    sim.cancelDes();
    await asked;
  });
});
