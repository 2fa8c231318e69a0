// The scenario and resilience parameters as restore() reads them. Unlike the steady-state
// parameters, a wrong one does not refuse the design: it only matters to a scenario run, so it
// is clamped into its range or left out, with a sentence naming the element and the field.
import type { EdgeParams, NodeParams } from '../model/design';
import { numberProblem } from '../model/checks';
import { clampNumber } from '../model/fit';
import { getParam, setParam } from '../model/param-path';
import { completeGroup, orderAutoscale, type ResilienceGroup } from '../model/resilience-fit';
import { EDGE_CHOICES, EDGE_RESILIENCE_RULES, NODE_RESILIENCE_RULES, type NumberRule } from '../model/rules';

type Obj = Record<string, unknown>;
export type Report = (message: string) => void;

const isPlainObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 30)) : Array.isArray(v) ? 'a list' : String(v));

interface Table {
  groups: readonly ResilienceGroup[];
  rules: Record<string, NumberRule>;
  choices: Record<string, readonly string[]>;
}

const NODE_TABLE: Table = { groups: ['autoscale'], rules: NODE_RESILIENCE_RULES, choices: {} };
const EDGE_TABLE: Table = { groups: ['retry', 'breaker'], rules: EDGE_RESILIENCE_RULES, choices: { 'retry.jitter': EDGE_CHOICES['retry.jitter'] } };

/** `what` names the element in the sentence, e.g. `Component "api"`. */
export function repairNodeParams(params: NodeParams, what: string, report: Report): NodeParams {
  return repair(params, NODE_TABLE, what, report);
}

export function repairEdgeParams(params: EdgeParams, what: string, report: Report): EdgeParams {
  return repair(params, EDGE_TABLE, what, report) as EdgeParams;
}

/** The same object when nothing was wrong, so a good design reopens byte for byte. */
function repair(params: Obj, table: Table, what: string, report: Report): Obj {
  let out = params;
  for (const group of table.groups) {
    if (out[group] === undefined || isPlainObject(out[group])) continue;
    report(`${what}: ${group} must be an object (got ${shown(out[group])}); it was left out.`);
    out = setParam(out, group, undefined);
  }
  for (const [key, rule] of Object.entries(table.rules)) {
    const v = getParam(out, key);
    const problem = numberProblem(v, key, rule);
    if (!problem) continue;
    const fitted = clampNumber(v, rule);
    report(`${what}: ${problem} ${fitted === undefined ? 'It was left out.' : `It was set to ${fitted}.`}`);
    out = setParam(out, key, fitted);
  }
  for (const [key, options] of Object.entries(table.choices)) {
    const v = getParam(out, key);
    if (v === undefined || options.includes(v as string)) continue;
    report(`${what}: ${key} must be one of ${options.join(', ')} (got ${shown(v)}); it was left out, so ${options[0]} applies.`);
    out = setParam(out, key, undefined);
  }
  for (const group of table.groups) {
    const v = out[group];
    if (!isPlainObject(v)) continue;
    const { value, filled } = completeGroup(group, v);
    if (filled.length > 0) report(`${what}: ${group} had no ${filled.join(', ')}; ${filled.map((k) => `${k} = ${String(value[k])}`).join(', ')} was assumed.`);
    const ordered = group === 'autoscale' ? orderAutoscale(value) : value;
    if (ordered !== value) report(`${what}: autoscale.min (${String(value.min)}) was above autoscale.max; max was raised to it.`);
    if (ordered !== v) out = { ...out, [group]: ordered };
  }
  return out;
}
