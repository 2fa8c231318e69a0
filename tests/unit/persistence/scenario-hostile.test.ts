// Hostile values in a design's scenario and resilience settings: each opens the design with a
// sentence naming the item, sets the value within its limits or leaves it out, and changes
// nothing else — compared with the same design holding good values.
import { describe, expect, it } from 'vitest';
import { SCENARIO_LIMITS } from '../../../src/model/rules';
import { restore } from '../../../src/persistence/restore';
import { opts, SCENARIO_DESIGN, scenarioDesign } from './scenario-fixture';

type Raw = typeof SCENARIO_DESIGN & Record<string, unknown>;
// Spoiled documents are reached into freely: their shape is what is under test.
type Doc = Record<string, any>;

interface Case {
  name: string;
  /** Spoils a copy of the fixture. */
  spoil: (raw: Doc) => void;
  /** The warning, in words a person reads. */
  warning: RegExp;
  /** What restore() makes of it, applied to the good design. */
  expect: (d: Doc) => void;
  /** How many sentences (1 unless the repair has a consequence). */
  warnings?: number;
  /** Hand the object itself to restore() (NaN and Infinity cannot travel as JSON). */
  asObject?: boolean;
}

const CASES: Case[] = [
  { name: 'durationS NaN', asObject: true, spoil: (r) => (r.scenario.durationS = Number.NaN), warning: /scenario's durationS must be a number of seconds \(got NaN\); it was set to 60/, warnings: 3, expect: (d) => ((d.scenario.durationS = 60), d.scenario.events.forEach((e: Doc) => (e.atS = Math.min(e.atS, 60)))) },
  // A day in 1 s buckets is over the 10,000 buckets a run may have: the bucket widens too, and says so.
  { name: 'durationS 1e308', spoil: (r) => (r.scenario.durationS = 1e308), warning: /durationS must be between 1 and 86,400 \(got 1e\+308\)\. It was set to 86400/, warnings: 2, expect: (d) => ((d.scenario.durationS = 86_400), (d.scenario.bucketS = 8.64)) },
  // A run of 1 s: the events after it move to its end, and say so.
  { name: 'durationS negative', spoil: (r) => (r.scenario.durationS = -5), warning: /durationS must be between 1 and 86,400 \(got -5\)\. It was set to 1\./, warnings: 5, expect: (d) => ((d.scenario.durationS = 1), (d.scenario.bucketS = 1), d.scenario.events.forEach((e: Doc) => (e.atS = 1))) },
  { name: 'durationS as text', spoil: (r) => (r.scenario.durationS = '120'), warning: /durationS must be a number of seconds \(got "120"\)/, warnings: 3, expect: (d) => ((d.scenario.durationS = 60), d.scenario.events.forEach((e: Doc) => (e.atS = Math.min(e.atS, 60)))) },
  { name: 'scenario a string', spoil: (r) => (r.scenario = 'soon'), warning: /The scenario must be an object .* \(got "soon"\); it was removed/, expect: (d) => delete d.scenario },
  { name: 'factor as text', spoil: (r) => (r.scenario.events[1].factor = 'fast'), warning: /event #2 \(slow of "features"\): factor must be a number \(got "fast"\)\. It was left out/, expect: (d) => d.scenario.events.splice(1, 1) },
  { name: 'factor 1e308', spoil: (r) => (r.scenario.events[1].factor = 1e308), warning: /event #2 \(slow of "features"\): factor must be between 1 and 1,000/, expect: (d) => (d.scenario.events[1].factor = 1000) },
  { name: 'unknown event type', spoil: (r) => r.scenario.events.push({ type: 'meteor', atS: 3, node: 'api' }), warning: /event #5 is not an event of a known type .*got "meteor"/, expect: () => {} },
  { name: 'event on a missing component', spoil: (r) => (r.scenario.events[2].node = 'ghost'), warning: /event #3 \(fail\) names no component of the design \(got "ghost"\)/, expect: (d) => d.scenario.events.splice(2, 1) },
  { name: 'frame-down on a component', spoil: (r) => (r.scenario.events[3].frame = 'api'), warning: /event #4 \(frame-down\) names no frame of the design/, expect: (d) => d.scenario.events.splice(3, 1) },
  { name: 'replicas 2.5', spoil: (r) => (r.scenario.events[2].replicas = 2.5), warning: /replicas must be a whole number \(got 2\.5\)\. It was set to 3/, expect: (d) => (d.scenario.events[2].replicas = 3) },
  { name: 'optional durationS Infinity', asObject: true, spoil: (r) => (r.scenario.events[1].durationS = Infinity), warning: /durationS must be a finite number\. durationS was left out/, expect: (d) => delete d.scenario.events[1].durationS },
  { name: 'profile of a missing source', spoil: (r) => (r.scenario.profiles.toString = { shape: 'step', atS: 1, factor: 2 }), warning: /load profile of "toString" names no component/, expect: () => {} },
  { name: 'unknown profile shape', spoil: (r) => (r.scenario.profiles.users = { shape: 'sawtooth' }), warning: /load profile of "users" must have a shape among flat, step, ramp, spike, diurnal, points \(got "sawtooth"\)/, expect: (d) => (d.scenario.profiles = {}) },
  { name: 'ramp backwards', spoil: (r) => (r.scenario.profiles.users.toS = 5), warning: /the ramp ends \(toS 5\) before it starts \(fromS 10\); the two were swapped/, expect: (d) => ((d.scenario.profiles.users.fromS = 5), (d.scenario.profiles.users.toS = 10)) },
  { name: 'ramp of no length', spoil: (r) => (r.scenario.profiles.users.toS = 10), warning: /the ramp starts and ends at 10 s; it is a step at that time/, expect: (d) => (d.scenario.profiles.users = { shape: 'step', atS: 10, factor: 3 }) },
  { name: 'event after the end', spoil: (r) => (r.scenario.events[3].atS = 500), warning: /event #4 \(frame-down of "zone-a"\): atS must be between 0 and 120 \(got 500\)\. It was set to 120/, expect: (d) => (d.scenario.events[3].atS = 120) },
  { name: 'slowdown by less than 1', spoil: (r) => (r.scenario.events[1].factor = 0), warning: /factor must be between 1 and 1,000 \(got 0\)\. It was set to 1\./, expect: (d) => (d.scenario.events[1].factor = 1) },
  { name: 'events not a list', spoil: (r) => (r.scenario.events = { 0: 1 }), warning: /events must be a list \(got an object\); they were left out/, expect: (d) => delete d.scenario.events },
  { name: 'bucketS too fine', spoil: (r) => (r.scenario.bucketS = 0.001), warning: /bucketS must be between 0\.1 and 120/, expect: (d) => (d.scenario.bucketS = 0.1) },
  { name: 'retry.maxAttempts 50', spoil: (r) => (r.edges[0].params.retry.maxAttempts = 50), warning: /Connection "e1" \(users → api\): retry\.maxAttempts must be between 1 and 10 \(got 50\)\. It was set to 10/, expect: (d) => (d.edges[0].params.retry.maxAttempts = 10) },
  { name: 'retry.jitter unknown', spoil: (r) => (r.edges[0].params.retry.jitter = 'random'), warning: /retry\.jitter must be one of full, none, equal, decorrelated \(got "random"\); it was left out, so full applies/, expect: (d) => delete d.edges[0].params.retry.jitter },
  { name: 'retry a string', spoil: (r) => ((r.edges[0].params as Doc).retry = '3'), warning: /Connection "e1" \(users → api\): retry must be an object \(got "3"\); it was left out/, expect: (d) => delete d.edges[0].params.retry },
  { name: 'timeoutMs negative', spoil: (r) => (r.edges[2].params.timeoutMs = -1), warning: /Connection "e3" \(cache → features\): timeoutMs must be between 1 and 10,000,000 \(got -1\)\. It was set to 1/, expect: (d) => (d.edges[2].params.timeoutMs = 1) },
  { name: 'breaker without openMs', spoil: (r) => delete (r.edges[2].params.breaker as Doc).openMs, warning: /Connection "e3" \(cache → features\): breaker had no openMs; openMs = 60000 was assumed/, expect: (d) => (d.edges[2].params.breaker.openMs = 60_000) },
  { name: 'failureRate NaN', asObject: true, spoil: (r) => ((r.nodes[2].params as Doc).failureRate = Number.NaN), warning: /Component "api": failureRate must be a finite number\. It was left out/, expect: (d) => delete d.nodes[2].params.failureRate },
  { name: 'autoscale min above max', spoil: (r) => ((r.nodes[4].params as Doc).autoscale.min = 9), warning: /Component "features": autoscale\.min \(9\) was above autoscale\.max; max was raised to it/, expect: (d) => ((d.nodes[4].params.autoscale.min = 9), (d.nodes[4].params.autoscale.max = 9)) },
  { name: 'slowFactor below 1', spoil: (r) => ((r.nodes[4].params as Doc).service.slowFactor = 0.5), warning: /Component "features": service\.slowFactor must be between 1 and 10,000 \(got 0\.5\)\. It was set to 1/, expect: (d) => (d.nodes[4].params.service.slowFactor = 1) },
  { name: 'users 1.5', spoil: (r) => ((r.nodes[1].params as Doc).users = 1.5), warning: /Component "users": users must be a whole number \(got 1\.5\)\. It was set to 2/, expect: (d) => (d.nodes[1].params.users = 2) },
];

function open(raw: Doc, asObject: boolean | undefined) {
  const r = restore(asObject ? raw : JSON.stringify(raw), opts);
  if (!r.ok) throw new Error(`refused: ${r.error}`);
  return r;
}

describe('hostile scenario and resilience values', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: one clear warning, the value fitted, nothing else changed', (_name, c) => {
    const raw = structuredClone(SCENARIO_DESIGN) as Raw as Doc;
    c.spoil(raw);
    const r = open(raw, c.asObject);
    expect(r.warnings).toHaveLength(c.warnings ?? 1);
    expect(r.warnings[0]).toMatch(c.warning);
    const want = scenarioDesign() as Doc;
    c.expect(want);
    expect(JSON.stringify(r.design)).toBe(JSON.stringify(want));
    // What it opened as opens again unchanged, without a warning.
    const again = open(JSON.parse(JSON.stringify(r.design)), false);
    expect(again.warnings).toEqual([]);
  });

  it(`a million events: the first ${SCENARIO_LIMITS.events.toLocaleString('en-US')} are kept, with one warning`, () => {
    const raw = structuredClone(SCENARIO_DESIGN) as Doc;
    raw.scenario.events = Array.from({ length: 1_000_000 }, (_, i) => ({ type: 'slow', atS: i % 100, node: 'features', factor: 2 }));
    const r = open(raw, true);
    expect(r.warnings).toEqual([`The scenario has 1,000,000 events; the first 1,000 were kept.`]);
    const events = (r.design.scenario as Doc).events;
    expect(events).toHaveLength(SCENARIO_LIMITS.events);
    expect(events[999]).toEqual({ type: 'slow', atS: 99, node: 'features', factor: 2 });
  });

  it('points: over 1,000 are cut, pairs that are not numbers left out, out-of-order ones sorted', () => {
    const raw = structuredClone(SCENARIO_DESIGN) as Doc;
    raw.scenario.profiles.users = { shape: 'points', points: [['x', 1], [1e6, 2000], ...Array.from({ length: 1500 }, (_, i) => [1500 - i, 2])] };
    const r = open(raw, false);
    expect(r.warnings).toEqual([
      `The scenario's load profile of "users" has 1,502 points; the first 1,000 were kept.`,
      `The scenario's load profile of "users": 1 of its points was not a [seconds, multiplier] pair of numbers; it was left out.`,
      `The scenario's load profile of "users": points outside 0–86,400 s or multipliers outside 0–1,000 were set to the nearest limit.`,
      `The scenario's load profile of "users": its points were not in time order; they were sorted.`,
    ]);
    const pts = (r.design.scenario as Doc).profiles.users.points as [number, number][];
    expect(pts).toHaveLength(999);
    expect(pts[0]).toEqual([503, 2]);
    expect(pts[998]).toEqual([86_400, 1000]);
    expect(pts.every((p, i) => i === 0 || pts[i - 1][0] <= p[0])).toBe(true);
  });

  it('prototype keys never reach the design or Object.prototype', () => {
    const text = JSON.stringify(SCENARIO_DESIGN).replace('"profiles":{', '"profiles":{"__proto__":{"polluted":1},"constructor":{"shape":"flat"},');
    const r = restore(text.replace('"events":[', '"events":[{"__proto__":{"type":"slow"},"type":"flush","atS":1,"node":"cache","warmupS":1},'), opts);
    if (!r.ok) throw new Error(r.error);
    expect(({} as Doc).polluted).toBeUndefined();
    const s = r.design.scenario as Doc;
    expect(Object.keys(s.profiles)).toEqual(['users']);
    expect(s.events[0]).toEqual({ type: 'flush', atS: 1, node: 'cache', warmupS: 1 });
    expect(Object.getPrototypeOf(s.events[0])).toBe(Object.prototype);
  });

  it('many wrong values: the first five are told one by one, then how many more', () => {
    const raw = structuredClone(SCENARIO_DESIGN) as Doc;
    raw.scenario.events = Array.from({ length: 12 }, () => ({ type: 'fail', atS: -1, node: 'api', replicas: 1 }));
    const r = open(raw, false);
    expect(r.warnings).toHaveLength(6);
    expect(r.warnings[5]).toBe('…and 7 more values of the scenario and resilience settings were set within their limits or left out.');
    expect((r.design.scenario as Doc).events.every((e: Doc) => e.atS === 0)).toBe(true);
  });

  it('a design without a scenario or resilience settings opens as before: no warning, nothing added', () => {
    const { scenario: _s, ...plain } = structuredClone(SCENARIO_DESIGN) as Doc;
    const r = open(plain, false);
    expect(r.warnings).toEqual([]);
    expect('scenario' in r.design).toBe(false);
  });
});
