// The objects of resilience settings (a connection's `retry` and `breaker`, a component's
// `autoscale`) are stored whole: a part left out takes its default (rules.ts), and autoscaling
// never has a minimum above its maximum. Commands (fit.ts) and restore() both go through here,
// so what an edit writes, restore() reads back unchanged.
import { RESILIENCE_DEFAULTS, RESILIENCE_REQUIRED } from './rules';

export type ResilienceGroup = keyof typeof RESILIENCE_REQUIRED;
type Obj = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The object with its missing required fields filled (after the given ones, so their order stays); the names filled. */
export function completeGroup(group: ResilienceGroup, value: Obj): { value: Obj; filled: string[] } {
  const defaults: Obj = RESILIENCE_DEFAULTS[group];
  const filled = RESILIENCE_REQUIRED[group].filter((k) => value[k] === undefined);
  if (filled.length === 0) return { value, filled };
  const out: Obj = { ...value };
  for (const k of filled) out[k] = defaults[k];
  return { value: out, filled };
}

/**
 * Autoscaling with min above max: the bound that was just changed wins and the other follows it;
 * without a previous value to tell (a file), max rises to min. The same object when in order.
 */
export function orderAutoscale(a: Obj, prev?: unknown): Obj {
  if (typeof a.min !== 'number' || typeof a.max !== 'number' || a.min <= a.max) return a;
  const maxMoved = isPlainObject(prev) && prev.max !== a.max && prev.min === a.min;
  return maxMoved ? { ...a, min: a.max } : { ...a, max: a.min };
}

/**
 * Params whose resilience objects are whole and in order. An object left empty (every value
 * given for it was refused) that was not there before is taken out: a refused edit adds nothing.
 */
export function fitGroups<T extends Obj>(prev: Obj, next: T, groups: readonly ResilienceGroup[]): T {
  let out = next;
  for (const group of groups) {
    const v = out[group];
    if (!isPlainObject(v)) continue;
    if (Object.keys(v).length === 0 && prev[group] === undefined) {
      const { [group]: _drop, ...rest } = out;
      out = rest as T;
      continue;
    }
    let value = completeGroup(group, v).value;
    if (group === 'autoscale') value = orderAutoscale(value, prev[group]);
    if (value !== v) out = { ...out, [group]: value };
  }
  return out;
}
