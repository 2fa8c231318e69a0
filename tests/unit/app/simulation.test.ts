import { describe, expect, it } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import { Simulation } from '../../../src/app/simulation.svelte';
import { setReplicas } from '../../../src/model/commands';
import { planCapacity } from '../../../src/simulation/planning';

/** A client calling a CPU model server (2 replicas × 8, 6 ms mean: about 2,667 rps at most). */
function setup() {
  const editor = new Editor();
  const client = editor.addComponent('client', { x: 0, y: 0 });
  const server = editor.addComponent('model-server-cpu', { x: 300, y: 0 }, client);
  editor.setParam(client, 'rps', 1000);
  return { editor, sim: new Simulation(editor), client, server };
}

describe('Simulation', () => {
  it('shows the analytic numbers of the design and follows its edits', () => {
    const { editor, sim, client, server } = setup();
    expect(sim.report?.stable).toBe(true);
    expect(sim.report?.throughputRps).toBeCloseTo(1000, 6);
    expect(sim.metrics?.get(server)?.utilization).toBeCloseTo(1000 / (16 / 0.006), 6);
    expect(sim.traffic?.get(editor.design.edges[0].id)).toBeCloseTo(1000, 6);

    editor.setParam(client, 'rps', 3000);
    expect(sim.report?.stable).toBe(false);
    expect(sim.report?.overloaded).toEqual([server]);
    expect(sim.metrics?.get(server)).toMatchObject({ overloaded: true, p99Ms: null, bottleneck: true });
  });

  it('a gateway past its queue limit is overloaded with its rejections, and misses any SLO at that load', () => {
    const editor = new Editor();
    const client = editor.addComponent('client', { x: 0, y: 0 });
    const gateway = editor.addComponent('api-gateway', { x: 300, y: 0 }, client); // about 9,804 rps, queue limit 5,000
    editor.setParam(client, 'rps', 20_000);
    const sim = new Simulation(editor);
    expect(sim.report?.saturated).toEqual([gateway]);
    expect(sim.metrics?.get(gateway)).toMatchObject({ saturated: true, bottleneck: true });
    expect(sim.metrics?.get(gateway)?.rejected).toBeCloseTo(1 - 9803.92 / 20_000, 3);
    // A p99 of the admitted requests alone (about 0.5 s) would "meet" a generous target.
    editor.dispatch((d) => ({ ...d, slo: { p99Ms: 5000, rps: 20_000 } }));
    expect(sim.sloVerdict).toMatchObject({ met: false, overloaded: [gateway] });
  });

  it('does not recompute when only positions or labels change', () => {
    const { editor, sim, server } = setup();
    const before = sim.analytic;
    const metrics = sim.metrics;
    editor.nudgeSelection(10, 0); // the server is selected after adding it
    editor.setLabel(server, 'Ranker');
    expect(sim.analytic).toBe(before);
    expect(sim.metrics).toBe(metrics);
  });

  it('judges the SLO, and a capacity plan turns it green in one undo step', () => {
    const { editor, sim, server } = setup();
    expect(sim.sloVerdict).toBeNull();
    editor.dispatch((d) => ({ ...d, slo: { p99Ms: 40, rps: 5000 } }));
    expect(sim.sloVerdict).toMatchObject({ met: false, p99Ms: null, overloaded: [server] });

    const plan = planCapacity(editor.design, sim.slo!);
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.replicas[server]).toBeGreaterThan(2);
    editor.dispatch((d) => setReplicas(d, plan.replicas));
    expect(sim.sloVerdict?.met).toBe(true);
    expect(sim.sloVerdict!.p99Ms!).toBeLessThanOrEqual(40);
    // One fewer replica misses it: the plan is the fewest.
    editor.dispatch((d) => setReplicas(d, { [server]: plan.replicas[server] - 1 }));
    expect(sim.sloVerdict?.met).toBe(false);
    editor.undo();
    expect(sim.sloVerdict?.met).toBe(true);
    editor.undo();
    expect(sim.sloVerdict?.met).toBe(false);
    expect(editor.design.nodes.find((n) => n.id === server)!.params.replicas).toBe(2);
  });

  it('shows a discrete-event result only while the design is the one it ran on', () => {
    const { editor, sim, client } = setup();
    const desResult = { ok: true as const, report: { ...(sim.analytic.ok ? sim.analytic.report : ({} as never)), mode: 'des' as const } };
    sim.des = { design: editor.design, result: desResult, requests: 1000, seed: 1 };
    expect(sim.report?.mode).toBe('des');
    editor.nudgeSelection(5, 5);
    expect(sim.report?.mode).toBe('des');
    editor.setParam(client, 'rps', 1200);
    expect(sim.currentDes).toBeNull();
    expect(sim.report?.mode).toBe('analytic');
  });
});
