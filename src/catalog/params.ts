// Reading, writing and checking one parameter by its dotted key (e.g. `service.meanMs`).
// A simulated parameter's range comes from the model's rules, never from the catalog file, so
// the inspector refuses exactly what restore() would refuse.
import { numberProblem } from '../model/checks';
import { paramChoices, paramRule, type NumberRule } from '../model/rules';
import type { ParamSpec } from './types';

export { getParam, setParam } from '../model/param-path';

/** The range a field allows: the rule of a simulated parameter, else the catalog's own bounds. */
export function specRule(spec: ParamSpec): NumberRule {
  const rule = paramRule(spec.key);
  if (rule) return rule;
  const ratio = spec.type === 'ratio';
  return { min: spec.min ?? (ratio ? 0 : -Infinity), max: spec.max ?? (ratio ? 1 : Infinity), integer: spec.type === 'integer' };
}

/** A sentence saying what is wrong with the value, or null when it is fine. */
export function validateParam(spec: ParamSpec, value: unknown): string | null {
  if (spec.type === 'enum') {
    const options = paramChoices(spec.key) ?? spec.options ?? [];
    return options.includes(value as string) ? null : `${spec.label} must be one of: ${options.join(', ')}.`;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) return `${spec.label} must be a number.`;
  return numberProblem(value, spec.label, specRule(spec));
}
