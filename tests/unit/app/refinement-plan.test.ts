// How big a background refinement is, as docs/simulation.md states it: a fixed number of
// replications, their length from an event budget and the design's size, and the designs it
// leaves alone with the reason a person is given.
import { describe, expect, it } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import { eventsPerRequest, planRefinement, MIN_REFINE_REQUESTS, REFINE_EVENTS, REFINE_REPLICATIONS } from '../../../src/app/refinement-plan';
import { analyze } from '../../../src/simulation/analytic';
import type { Report } from '../../../src/simulation/report';

function chain(kinds: string[], rps: number): Report {
  const editor = new Editor();
  const ids = [editor.addComponent('client', { x: 0, y: 0 })];
  kinds.forEach((k, i) => ids.push(editor.addComponent(k, { x: 300 * (i + 1), y: 0 }, ids[i])));
  editor.setParam(ids[0], 'rps', rps);
  const r = analyze(editor.design);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

describe('the refinement plan', () => {
  it('runs a fixed number of replications, as long as the event budget allows, on up to one worker a core', () => {
    const small = chain(['model-server-cpu'], 1000);
    expect(eventsPerRequest(small)).toBeCloseTo(3, 9); // the source request, one arrival, one call
    const plan = planRefinement(small, 2);
    // 4·10⁶ events / 8 / 3 per request is 166,667 requests: capped at 100,000.
    expect(plan).toEqual({ ok: true, replications: REFINE_REPLICATIONS, requests: 100_000, workers: 2 });
    expect(planRefinement(small, 64)).toMatchObject({ workers: REFINE_REPLICATIONS });
    expect(planRefinement(small, 0)).toMatchObject({ workers: 1 });

    const longer = chain(Array(20).fill('model-server-cpu'), 100);
    const per = REFINE_EVENTS / REFINE_REPLICATIONS / eventsPerRequest(longer);
    expect(planRefinement(longer, 2)).toMatchObject({ ok: true, requests: Math.round(per / 1000) * 1000 });
  });

  it('leaves alone what a short run cannot refine, saying why where a person needs to know', () => {
    expect(planRefinement(chain(['model-server-cpu'], 0), 2)).toEqual({ ok: false, reason: null }); // no load
    expect(planRefinement(chain(['model-server-cpu'], 3000), 2)).toEqual({ ok: false, reason: null }); // no steady state
    expect(planRefinement(chain(['api-gateway'], 20_000), 2)).toEqual({ ok: false, reason: 'past capacity, a short run would end before its queues fill' });
    const huge = chain(Array(400).fill('model-server-cpu'), 50);
    expect(REFINE_EVENTS / REFINE_REPLICATIONS / eventsPerRequest(huge)).toBeLessThan(MIN_REFINE_REQUESTS);
    expect(planRefinement(huge, 2)).toMatchObject({ ok: false, reason: expect.stringMatching(/^too large to refine in the background/) });
  });
});
