// Property: whatever sequence of scenario edits a person makes — events, profiles, resilience,
// autoscaling, with extreme and wrong values, deleting components on the way — the design saved
// as JSON reopens through restore() byte for byte, without a warning. Seeded: a failure names the
// seed and the edits that broke it.
import { describe, expect, it } from 'vitest';
import {
  addScenarioEvent, removeElements, removeScenarioEvent, setAutoscale, setConnectionResilience, setNodeParam,
  setScenario, setSourceProfile, updateScenarioEvent,
} from '../../../src/model/commands';
import type { Design } from '../../../src/model/design';
import type { Scenario } from '../../../src/model/scenario';
import { restore } from '../../../src/persistence/restore';
import { prng, type Rng } from '../persistence/fuzz-cases';
import { opts, scenarioDesign } from '../persistence/scenario-fixture';

const SEED = 10_4204;
const NUMBERS = [Number.NaN, Infinity, -Infinity, -1, 0, 0.5, 1, 2.5, 3, 7, 60, 1e3, 1e9, 1e308, -0];
const VALUES: unknown[] = [...NUMBERS, '5', null, [], {}, 'full', 'sometimes', true];
const IDS = ['users', 'api', 'cache', 'features', 'zone-a', 'ghost', '__proto__'];
const SHAPES = ['flat', 'step', 'ramp', 'spike', 'diurnal', 'points', 'sawtooth'];

/** The edits below pass wrong shapes on purpose. */
type Loose = never;

function edit(d: Design, rng: Rng): [Design, string] {
  const n = () => rng.pick(NUMBERS);
  const v = () => rng.pick(VALUES);
  const id = rng.pick(IDS);
  switch (rng.int(11)) {
    case 0: { const e = { type: rng.pick(['fail', 'slow', 'flush', 'frame-down', 'meteor']), atS: n(), node: id, frame: id, replicas: n(), factor: n(), warmupS: n(), durationS: v() }; return [addScenarioEvent(d, e as Loose), `add event ${JSON.stringify(e)}`]; }
    case 1: return [removeScenarioEvent(d, rng.int(6)), 'remove event'];
    case 2: { const p = { atS: v(), factor: n(), durationS: n() }; return [updateScenarioEvent(d, rng.int(6), p as Loose), `update event ${JSON.stringify(p)}`]; }
    case 3: { const p = { shape: rng.pick(SHAPES), atS: n(), fromS: n(), toS: n(), factor: n(), durationS: n(), periodS: n(), amplitude: n(), points: [[n(), n()], [n(), v()]] }; return [setSourceProfile(d, id, p as Loose), `profile ${id} ${JSON.stringify(p)}`]; }
    case 4: { const r = { timeoutMs: v(), retry: rng.next() < 0.8 ? { maxAttempts: v(), baseMs: n(), capMs: n(), jitter: v(), budget: n() } : v(), breaker: { errorRate: n(), window: v(), openMs: n() }, hedgeMs: n() }; const e = rng.pick(['e1', 'e2', 'e3']); return [setConnectionResilience(d, e, r as Loose), `resilience ${e} ${JSON.stringify(r)}`]; }
    case 5: { const a = { min: v(), max: n(), target: n(), periodS: n(), delayS: v() }; return [setAutoscale(d, id, a as Loose), `autoscale ${id} ${JSON.stringify(a)}`]; }
    case 6: { const k = rng.pick(['failureRate', 'users', 'thinkMs', 'service.slowShare', 'service.slowFactor', 'autoscale.min', 'autoscale.max', 'autoscale']); const x = v(); return [setNodeParam(d, id, k, x), `param ${id}.${k}=${String(x)}`]; }
    case 7: { const s = { ...(d.scenario as Scenario | undefined), name: rng.pick(['', 'x'.repeat(300), 'Peak']), durationS: n(), bucketS: v() }; return [setScenario(d, s as Loose), `scenario ${JSON.stringify({ ...s, events: undefined, profiles: undefined })}`]; }
    case 8: return [removeElements(d, [id]), `delete ${id}`];
    case 9: return [setScenario(d, null), 'clear scenario'];
    default: return [setScenario(d, scenarioDesign().scenario as Scenario), 'reset scenario'];
  }
}

describe('scenario edits → save → reopen is the identity', () => {
  it('120 random sequences of up to 25 edits, with extreme and wrong values', () => {
    const rng = prng(SEED);
    let changed = 0;
    let edits = 0;
    for (let run = 0; run < 120; run++) {
      let d = scenarioDesign();
      const done: string[] = [];
      for (let step = 1 + rng.int(25); step > 0; step--) {
        const [next, what] = edit(d, rng);
        edits++;
        if (next !== d) changed++;
        d = next;
        done.push(what);
        const saved = JSON.stringify(d);
        const r = restore(saved, opts);
        const where = `seed ${SEED}, run ${run}, after: ${done.slice(-3).join(' · ')}`;
        if (!r.ok) throw new Error(`${where}: refused to reopen: ${r.error}`);
        expect(r.warnings, where).toEqual([]);
        expect(JSON.stringify(r.design), where).toBe(saved);
      }
    }
    // The edits did change designs: the property was tested on real edits, not refusals only.
    expect(changed / edits).toBeGreaterThan(0.3);
  }, 60_000);
});
