// A scenario fitted to its limits (SCENARIO_RULES in rules.ts) and to the design it belongs to.
// A wrong number is clamped; one that cannot be (not a number) takes its field out, or its item
// when the item cannot do without it; an event or profile naming a component that does not exist
// goes. Each repair is one sentence naming the item. Commands fit silently, restore() reports.
import { GROUP_KIND, isDrawingOnly, type DesignNode } from './design';
import type { Scenario } from './scenario';
import { numberProblem } from './checks';
import { clampNumber } from './fit';
import { SCENARIO_LIMITS, SCENARIO_RULES, TEXT_LIMITS, type NumberRule } from './rules';
import { fitText } from './text';

type Obj = Record<string, unknown>;
export type Report = (message: string) => void;
/** A field's name, its rule, and whether its item can do without it. */
type Spec = [key: string, rule: NumberRule, required: boolean];

const isPlainObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const without = (o: Obj, key: string): Obj => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : Array.isArray(v) ? 'a list' : v !== null && typeof v === 'object' ? 'an object' : String(v));
const n = (x: number) => x.toLocaleString('en-US');

const { timeS: TIME, factor: FACTOR } = SCENARIO_RULES;
/** An event's fields; its `atS` is checked apart, against the run's length. */
const EVENT_FIELDS: Record<string, Spec[]> = {
  fail: [['replicas', SCENARIO_RULES.replicas, true], ['durationS', TIME, false]],
  slow: [['factor', SCENARIO_RULES.slowFactor, true], ['durationS', TIME, false]],
  flush: [['warmupS', TIME, true]],
  'frame-down': [['durationS', TIME, false]],
};
const PROFILE_FIELDS: Record<string, Spec[]> = {
  flat: [],
  step: [['atS', TIME, true], ['factor', FACTOR, true]],
  ramp: [['fromS', TIME, true], ['toS', TIME, true], ['factor', FACTOR, true]],
  spike: [['atS', TIME, true], ['durationS', TIME, true], ['factor', FACTOR, true]],
  diurnal: [['periodS', SCENARIO_RULES.periodS, true], ['amplitude', SCENARIO_RULES.amplitude, true], ['phaseS', TIME, false]],
  points: [],
};

/** The item with its numbers within their rules, or null when a field it needs is missing or no number. */
function fitFields(item: Obj, specs: Spec[], where: string, note: Report): Obj | null {
  let out = item;
  for (const [key, rule, required] of specs) {
    const v = out[key];
    if (v === undefined) {
      if (!required) continue;
      note(`${where} has no ${key}; it was left out.`);
      return null;
    }
    const problem = numberProblem(v, key, rule);
    if (!problem) continue;
    const fitted = clampNumber(v, rule);
    if (fitted === undefined && required) {
      note(`${where}: ${problem} It was left out.`);
      return null;
    }
    note(`${where}: ${problem} ${fitted === undefined ? `${key} was left out.` : `It was set to ${fitted}.`}`);
    out = fitted === undefined ? without(out, key) : { ...out, [key]: fitted };
  }
  return out;
}

/** The scenario within its limits, the same object when nothing had to change; undefined when it is no scenario at all. */
export function fitScenario(raw: unknown, nodes: readonly DesignNode[], report: Report = () => {}): Scenario | undefined {
  let told = 0;
  const note: Report = (m) => {
    told++;
    report(m);
  };
  if (!isPlainObject(raw)) {
    note(`The scenario must be an object { name, durationS, profiles, events } (got ${shown(raw)}); it was removed.`);
    return undefined;
  }
  let s: Obj = raw;
  const name = typeof s.name === 'string' ? fitText(s.name, TEXT_LIMITS.name) : '';
  if (name !== s.name || name === '') {
    note(`The scenario's name must be a text of 1 to ${TEXT_LIMITS.name} characters (got ${shown(s.name)}); it was ${name ? 'cut' : 'set to "Scenario"'}.`);
    s = { ...s, name: name || 'Scenario' };
  }
  if (s.durationS === undefined || clampNumber(s.durationS, SCENARIO_RULES.durationS) === undefined) {
    note(`The scenario's durationS must be a number of seconds (got ${shown(s.durationS)}); it was set to ${SCENARIO_LIMITS.defaultDurationS}.`);
    s = { ...s, durationS: SCENARIO_LIMITS.defaultDurationS };
  }
  s = fitFields(s, [['durationS', SCENARIO_RULES.durationS, true]], "The scenario's length", note) ?? s;
  const duration = s.durationS as number;
  // A bucket is at most the whole run, and a run has at most SCENARIO_LIMITS.buckets of them.
  const bucketRule = { min: Math.max(SCENARIO_RULES.bucketS.min, duration / SCENARIO_LIMITS.buckets), max: duration };
  s = fitFields(s, [['bucketS', bucketRule, false]], "The scenario's bucketS", note) ?? s;
  const components = new Set(nodes.filter((x) => !isDrawingOnly(x)).map((x) => x.id));
  const frames = new Set(nodes.filter((x) => x.kind === GROUP_KIND).map((x) => x.id));
  if (s.profiles !== undefined) {
    const profiles = isPlainObject(s.profiles) ? fitProfiles(s.profiles, components, note) : undefined;
    if (profiles === undefined) note(`The scenario's profiles must be an object keyed by source id (got ${shown(s.profiles)}); they were left out.`);
    if (profiles !== s.profiles) s = profiles === undefined ? without(s, 'profiles') : { ...s, profiles };
  }
  if (s.events !== undefined) {
    // An event after the end would never happen: it happens at the end at the latest.
    const at: Spec = ['atS', { min: TIME.min, max: duration }, true];
    const events = Array.isArray(s.events) ? fitEvents(s.events, at, components, frames, note) : undefined;
    if (events === undefined) note(`The scenario's events must be a list (got ${shown(s.events)}); they were left out.`);
    if (events !== s.events) s = events === undefined ? without(s, 'events') : { ...s, events };
  }
  return (told === 0 ? raw : s) as unknown as Scenario;
}

function fitProfiles(profiles: Obj, components: Set<string>, note: Report): Obj {
  let changed = false;
  const out: Obj = {};
  for (const [id, p] of Object.entries(profiles)) {
    const where = `The scenario's load profile of "${id}"`;
    const fitted = components.has(id) ? fitProfile(p, where, note) : (note(`${where} names no component of the design; it was left out.`), null);
    if (fitted !== p) changed = true;
    if (fitted !== null) out[id] = fitted;
  }
  return changed ? out : profiles;
}

function fitProfile(p: unknown, where: string, note: Report): Obj | null {
  const shape = isPlainObject(p) ? p.shape : undefined;
  if (!isPlainObject(p) || typeof shape !== 'string' || !Object.hasOwn(PROFILE_FIELDS, shape)) {
    note(`${where} must have a shape among ${Object.keys(PROFILE_FIELDS).join(', ')} (got ${shown(shape ?? p)}); it was left out.`);
    return null;
  }
  const out = fitFields(p, PROFILE_FIELDS[shape], where, note);
  if (out === null) return null;
  if (shape === 'ramp' && (out.toS as number) < (out.fromS as number)) {
    note(`${where}: the ramp ends (toS ${String(out.toS)}) before it starts (fromS ${String(out.fromS)}); the two were swapped.`);
    return { ...out, fromS: out.toS, toS: out.fromS };
  }
  if (shape === 'ramp' && out.toS === out.fromS) {
    // A ramp of no length is a step: the run cannot rise over no time.
    note(`${where}: the ramp starts and ends at ${String(out.fromS)} s; it is a step at that time.`);
    return { shape: 'step', atS: out.fromS, factor: out.factor };
  }
  return shape === 'points' ? fitPoints(out, where, note) : out;
}

/** Points: at most SCENARIO_LIMITS.points pairs of numbers, in time order. */
function fitPoints(p: Obj, where: string, report: Report): Obj | null {
  let told = 0;
  const note: Report = (m) => {
    told++;
    report(m);
  };
  if (!Array.isArray(p.points)) {
    note(`${where} has no list of points; it was left out.`);
    return null;
  }
  let points: unknown[] = p.points;
  if (points.length > SCENARIO_LIMITS.points) {
    note(`${where} has ${n(points.length)} points; the first ${n(SCENARIO_LIMITS.points)} were kept.`);
    points = points.slice(0, SCENARIO_LIMITS.points);
  }
  const pairs = points.filter((q): q is [number, number] => Array.isArray(q) && q.length === 2 && q.every((x) => typeof x === 'number' && Number.isFinite(x)));
  const bad = points.length - pairs.length;
  if (bad > 0) note(`${where}: ${n(bad)} of its points ${bad === 1 ? 'was not a [seconds, multiplier] pair of numbers; it was' : 'were not [seconds, multiplier] pairs of numbers; they were'} left out.`);
  if (pairs.length === 0) {
    note(`${where} has no points left; it was left out.`);
    return null;
  }
  const fitted = pairs.map(([t, m]): [number, number] => [clampNumber(t, TIME)!, clampNumber(m, FACTOR)!]);
  if (fitted.some((q, i) => q[0] !== pairs[i][0] || q[1] !== pairs[i][1])) note(`${where}: points outside ${n(TIME.min)}–${n(TIME.max)} s or multipliers outside ${n(FACTOR.min)}–${n(FACTOR.max)} were set to the nearest limit.`);
  const sorted = fitted.every((q, i) => i === 0 || fitted[i - 1][0] <= q[0]) ? fitted : [...fitted].sort((a, b) => a[0] - b[0]);
  if (sorted !== fitted) note(`${where}: its points were not in time order; they were sorted.`);
  return told === 0 ? p : { ...p, points: sorted };
}

function fitEvents(events: unknown[], at: Spec, components: Set<string>, frames: Set<string>, note: Report): unknown[] {
  let list = events;
  if (list.length > SCENARIO_LIMITS.events) {
    note(`The scenario has ${n(list.length)} events; the first ${n(SCENARIO_LIMITS.events)} were kept.`);
    list = list.slice(0, SCENARIO_LIMITS.events);
  }
  let changed = list !== events;
  const out: unknown[] = [];
  list.forEach((e, i) => {
    const fitted = fitEvent(e, at, `The scenario's event #${i + 1}`, components, frames, note);
    if (fitted !== e) changed = true;
    if (fitted !== null) out.push(fitted);
  });
  return changed ? out : events;
}

function fitEvent(e: unknown, at: Spec, where: string, components: Set<string>, frames: Set<string>, note: Report): Obj | null {
  const type = isPlainObject(e) ? e.type : undefined;
  if (!isPlainObject(e) || typeof type !== 'string' || !Object.hasOwn(EVENT_FIELDS, type)) {
    note(`${where} is not an event of a known type (${Object.keys(EVENT_FIELDS).join(', ')}; got ${shown(type ?? e)}); it was left out.`);
    return null;
  }
  const [key, known, what] = type === 'frame-down' ? ['frame', frames, 'frame'] : ['node', components, 'component'];
  const named = e[key];
  if (typeof named !== 'string' || !known.has(named)) {
    note(`${where} (${type}) names no ${what} of the design (got ${shown(named)}); it was left out.`);
    return null;
  }
  return fitFields(e, [at, ...EVENT_FIELDS[type]], `${where} (${type} of "${named}")`, note);
}
