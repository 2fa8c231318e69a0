// A large design's analytic figures come from a worker (here a fake that answers by hand with
// the worker's own code): an edit never waits for them, and an answer to a design edited since
// is dropped.
import { describe, expect, it } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import { Simulation } from '../../../src/app/simulation.svelte';
import { LARGE_DESIGN, type AnalyticWorkerLike } from '../../../src/app/analytic-off-thread.svelte';
import { answer, type AnalyticJob, type AnalyticReply } from '../../../src/app/analytic-job';
import { analyze } from '../../../src/simulation/analytic';
import { applyPlacements } from '../../../src/layout/placements';

class FakeAnalyticWorker implements AnalyticWorkerLike {
  onmessage: ((e: MessageEvent<AnalyticReply>) => void) | null = null;
  jobs: AnalyticJob[] = [];
  postMessage(job: AnalyticJob): void {
    this.jobs.push(job);
  }
  terminate(): void {}
  /** Answers job k (the latest by default) as analytic.worker.ts does. */
  work(k = this.jobs.length - 1): void {
    this.onmessage?.({ data: answer(this.jobs[k]) } as MessageEvent<AnalyticReply>);
  }
}

/** A client calling a chain of cache components, more than LARGE_DESIGN in all. */
function setup(size = LARGE_DESIGN + 1) {
  const editor = new Editor();
  const client = editor.addComponent('client', { x: 0, y: 0 });
  let last = client;
  for (let i = 1; i < size; i++) last = editor.addComponent('cache', { x: 200 * i, y: 0 }, last);
  editor.setParam(client, 'rps', 100);
  const worker = new FakeAnalyticWorker();
  const sim = new Simulation(editor, { refine: false, analyticWorker: () => worker });
  return { editor, sim, client, worker };
}

describe('large designs', () => {
  it('are analysed off the main thread: nothing until the answer, then the same figures as on it', () => {
    const { editor, sim, worker } = setup();
    expect(sim.analytic.ok).toBe(false);
    expect(sim.analyticPending).toBe(true);
    expect(worker.jobs).toHaveLength(1);
    worker.work();
    expect(sim.analyticPending).toBe(false);
    const direct = analyze(editor.design);
    expect(sim.analytic.ok && { ...sim.analytic.report, wallMs: 0 }).toEqual(direct.ok && { ...direct.report, wallMs: 0 });
    // Reading the figures again asks nothing more.
    void sim.analytic;
    expect(worker.jobs).toHaveLength(1);
  });

  it('an edit shows the last figures while it is worked out, and a late answer to the old design is dropped', () => {
    const { editor, sim, client, worker } = setup();
    worker.work();
    const before = sim.analytic;
    editor.setParam(client, 'rps', 200);
    expect(sim.analytic).toBe(before);
    expect(sim.analyticPending).toBe(true);
    editor.setParam(client, 'rps', 300);
    void sim.analytic;
    expect(worker.jobs.map((j) => j.design.nodes.find((n) => n.id === client)!.params.rps)).toEqual([100, 200, 300]);
    worker.work(1); // the answer for 200 rps arrives after the edit to 300
    expect(sim.analytic).toBe(before);
    worker.work(2);
    expect(sim.analytic.ok && sim.analytic.report.throughputRps).toBeCloseTo(300, 6);
    expect(sim.analyticPending).toBe(false);
  });

  it('a layout applied chunk by chunk (places, then routes) asks the worker nothing; a new connection does', () => {
    const { editor, sim, worker } = setup();
    void sim.analytic;
    worker.work();
    const before = sim.analytic;
    expect(before.ok).toBe(true);
    const [a, b] = editor.design.nodes;
    const edge = editor.design.edges[0];
    editor.dispatch((d) => applyPlacements(d, new Map([[a.id, { position: { x: 40, y: 400 } }]])), { record: false });
    void sim.analytic;
    editor.dispatch((d) => applyPlacements(d, new Map([[b.id, { position: { x: 300, y: 400 } }]]), new Map([[edge.id, [{ x: 120, y: 420 }, { x: 220, y: 420 }]]])), { record: false });
    expect(editor.design.edges[0]).not.toBe(edge);
    expect(sim.analytic).toBe(before);
    expect(sim.analyticPending).toBe(false);
    expect(worker.jobs).toHaveLength(1);
    editor.connect(b.id, a.id);
    void sim.analytic;
    expect(worker.jobs).toHaveLength(2);
  });

  it('posts after the frame is painted, and only the latest of the edits made before it, without the drawing', async () => {
    const frames: (() => void)[] = [];
    const g = globalThis as { requestAnimationFrame?: (f: () => void) => number };
    g.requestAnimationFrame = (f) => frames.push(f);
    try {
      const { editor, sim, client, worker } = setup();
      editor.setStepNote('requirements', 'x'.repeat(10_000));
      expect(JSON.stringify(editor.design.notes)).toContain('xxxx');
      void sim.analytic;
      editor.setParam(client, 'rps', 200);
      void sim.analytic;
      editor.setParam(client, 'rps', 300);
      void sim.analytic;
      expect(worker.jobs).toHaveLength(0);
      frames.splice(0).forEach((f) => f());
      await new Promise((r) => setTimeout(r, 0));
      expect(worker.jobs).toHaveLength(1);
      const job = worker.jobs[0].design;
      expect(job.nodes.find((n) => n.id === client)!.params.rps).toBe(300);
      expect(JSON.stringify(job)).not.toContain('xxxx');
      expect(job.nodes.every((n) => n.position.x === 0 && n.position.y === 0)).toBe(true);
      worker.work();
      const direct = analyze(editor.design);
      expect(sim.analytic.ok && { ...sim.analytic.report, wallMs: 0 }).toEqual(direct.ok && { ...direct.report, wallMs: 0 });
    } finally {
      delete g.requestAnimationFrame;
    }
  });

  it('checks the SLO in the worker too', () => {
    const { editor, sim, worker } = setup();
    editor.setSlo({ p99Ms: 1000, rps: 100 });
    void sim.analytic;
    expect(sim.sloVerdict).toBeNull();
    worker.work();
    expect(sim.sloVerdict).toMatchObject({ met: true });
  });

  it('a design of LARGE_DESIGN components stays on the main thread', () => {
    const { sim, worker } = setup(LARGE_DESIGN);
    expect(sim.analytic.ok).toBe(true);
    expect(worker.jobs).toHaveLength(0);
  });
});
