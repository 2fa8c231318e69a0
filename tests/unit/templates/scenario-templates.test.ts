// Every template carries a scenario that tells its story: it opens through restore() unchanged
// and without a warning, names only components (and frames) the design has, stays inside its own
// run, and its notes say what the scenario does.
import { describe, expect, it } from 'vitest';
import { TEMPLATES, loadTemplate } from '../../../src/templates';
import { restore } from '../../../src/persistence/restore';
import { isDrawingOnly, type Design } from '../../../src/model/design';
import type { Scenario } from '../../../src/model/scenario';
import { isSource } from '../../../src/model/source';
import { opts } from '../persistence/scenario-fixture';
import { compileGraph } from '../../../src/simulation/graph';
import { planScenario } from '../../../src/simulation/scenario/plan';

async function opened(id: string): Promise<Design> {
  const r = restore(await loadTemplate(id), opts);
  if (!r.ok) throw new Error(r.error);
  expect(r.warnings).toEqual([]);
  return r.design;
}

const BOOK = TEMPLATES.slice(0, 10).map((t) => t.id);

describe.each(TEMPLATES.map((t) => [t.id]))('%s', (id) => {
  it('has a scenario that opens unchanged and names only what the design has', async () => {
    const raw = (await loadTemplate(id)) as { scenario?: Scenario };
    const d = await opened(id);
    expect(raw.scenario, `${id} has no scenario`).toBeDefined();
    expect(d.scenario).toEqual(raw.scenario);
    const s = d.scenario as Scenario;
    // Saved and reopened: byte for byte, without a warning.
    const saved = JSON.stringify(d);
    const again = restore(saved, opts);
    expect(again.ok && again.warnings).toEqual([]);
    expect(again.ok && JSON.stringify(again.design)).toBe(saved);
    const byId = new Map(d.nodes.map((n) => [n.id, n]));
    for (const sourceId of Object.keys(s.profiles ?? {})) expect(byId.get(sourceId) && isSource(byId.get(sourceId)!), `${id}: profile of ${sourceId}`).toBe(true);
    for (const e of s.events ?? []) {
      const named = e.type === 'frame-down' ? byId.get(e.frame) : byId.get(e.node);
      expect(named, `${id}: ${JSON.stringify(e)}`).toBeDefined();
      if (e.type === 'frame-down') expect(named!.kind).toBe('group');
      else expect(isDrawingOnly(named!)).toBe(false);
      if (e.type === 'flush') expect(named!.params.hitRatio).toBeGreaterThan(0);
      expect(e.atS).toBeLessThanOrEqual(s.durationS);
    }
    expect((s.events?.length ?? 0) + Object.keys(s.profiles ?? {}).length).toBeGreaterThan(0);
  });

  it("is accepted by the scenario run's planner (profiles on sources, flushes on caches, events inside the run)", async () => {
    const d = await opened(id);
    const g = compileGraph(d);
    if (!g.ok) throw new Error(g.error);
    const planned = planScenario(d, g.graph);
    expect(planned.ok ? 'ok' : planned.error).toBe('ok');
  });
});

describe.each(BOOK.map((id) => [id]))('%s (a case study of the book)', (id) => {
  it('runs 60 to 300 s and its notes tell the story', async () => {
    const d = await opened(id);
    const s = d.scenario as Scenario;
    expect(s.durationS).toBeGreaterThanOrEqual(60);
    expect(s.durationS).toBeLessThanOrEqual(300);
    expect(Object.values(d.notes).join('\n')).toContain('Scenario: ');
  });
});
