// Sentences for values that break the rules of rules.ts: restore() refuses a design with them,
// the inspector shows them beside the field. Each names the field and says what is allowed.
import type { EdgeParams, NodeParams } from './design';
import { getParam } from './param-path';
import { EDGE_CHOICES, EDGE_GROUPS, EDGE_RULES, PARAM_CHOICES, PARAM_GROUPS, PARAM_RULES, SLO_RULES, type NumberRule } from './rules';

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** How a wrong value looks in a message: short, and never `null` for a number JSON cannot carry. */
function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);
  if (Array.isArray(v)) return 'a list';
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}

const figure = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 6 });

export function rangeText(rule: NumberRule): string {
  return rule.aboveMin ? `above ${figure(rule.min)} and at most ${figure(rule.max)}` : `between ${figure(rule.min)} and ${figure(rule.max)}`;
}

/** What is wrong with a number for a rule, or null (also for `undefined`: the field is optional). */
export function numberProblem(value: unknown, name: string, rule: NumberRule): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'number') return `${name} must be a number (got ${shown(value)}).`;
  if (!Number.isFinite(value)) return `${name} must be a finite number.`;
  if (rule.integer && !Number.isInteger(value)) return `${name} must be a whole number (got ${value}).`;
  if (value < rule.min || value > rule.max || (rule.aboveMin && value === rule.min)) return `${name} must be ${rangeText(rule)} (got ${value}).`;
  return null;
}

export function choiceProblem(value: unknown, name: string, options: readonly string[]): string | null {
  if (value === undefined || options.includes(value as string)) return null;
  return `${name} must be one of ${options.join(', ')} (got ${shown(value)}).`;
}

export function nodeParamsProblem(p: NodeParams): string | null {
  for (const group of PARAM_GROUPS) {
    if (p[group] !== undefined && !isPlainObject(p[group])) return `${group} must be an object (got ${shown(p[group])}).`;
  }
  for (const [key, rule] of Object.entries(PARAM_RULES)) {
    const problem = numberProblem(getParam(p, key), key, rule);
    if (problem) return problem;
  }
  for (const [key, options] of Object.entries(PARAM_CHOICES)) {
    const problem = choiceProblem(getParam(p, key), key, options);
    if (problem) return problem;
  }
  return autoscaleProblem(p.autoscale);
}

/** Autoscaling between `min` and `max` replicas needs min ≤ max. */
export function autoscaleProblem(a: unknown): string | null {
  if (!isPlainObject(a) || typeof a.min !== 'number' || typeof a.max !== 'number' || a.min <= a.max) return null;
  return `autoscale.min must be at most autoscale.max (got ${a.min} and ${a.max}).`;
}

export function edgeParamsProblem(p: EdgeParams): string | null {
  for (const group of EDGE_GROUPS) {
    if (p[group] !== undefined && !isPlainObject(p[group])) return `${group} must be an object (got ${shown(p[group])}).`;
  }
  for (const [key, options] of Object.entries(EDGE_CHOICES)) {
    const problem = choiceProblem(getParam(p, key), key, options);
    if (problem) return problem;
  }
  for (const [key, rule] of Object.entries(EDGE_RULES)) {
    const problem = numberProblem(getParam(p, key), key, rule);
    if (problem) return problem;
  }
  return null;
}

/** The design's `slo`: absent, or `{ p99Ms, rps }` both above zero. */
export function sloProblem(slo: unknown): string | null {
  if (slo === undefined) return null;
  if (!isPlainObject(slo)) return `The SLO must be an object { p99Ms, rps } (got ${shown(slo)}).`;
  for (const [key, rule] of Object.entries(SLO_RULES)) {
    const problem = numberProblem(slo[key], `The SLO's ${key}`, rule) ?? (slo[key] === undefined ? `The SLO has no ${key}.` : null);
    if (problem) return problem;
  }
  return null;
}
