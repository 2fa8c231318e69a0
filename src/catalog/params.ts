// Reading, writing and checking one parameter by its dotted key (e.g. `service.meanMs`).
import type { NodeParams } from '../model/design';
import type { ParamSpec } from './types';

export function getParam(params: NodeParams, key: string): unknown {
  let v: unknown = params;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** A new params object with the value set; the original is not changed. */
export function setParam(params: NodeParams, key: string, value: unknown): NodeParams {
  const [head, ...rest] = key.split('.');
  if (rest.length === 0) return { ...params, [head]: value };
  const inner = params[head];
  const child = inner !== null && typeof inner === 'object' ? (inner as NodeParams) : {};
  return { ...params, [head]: setParam(child, rest.join('.'), value) };
}

/** A sentence saying what is wrong with the value, or null when it is fine. */
export function validateParam(spec: ParamSpec, value: unknown): string | null {
  if (spec.type === 'enum') {
    return spec.options?.includes(value as string) ? null : `${spec.label} must be one of: ${spec.options?.join(', ')}.`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${spec.label} must be a number.`;
  const min = spec.min ?? (spec.type === 'ratio' ? 0 : -Infinity);
  const max = spec.max ?? (spec.type === 'ratio' ? 1 : Infinity);
  const range = `between ${min} and ${max}`;
  if (spec.type === 'integer' && !Number.isInteger(value)) return `${spec.label} must be a whole number ${range}.`;
  if (value < min || value > max) return `${spec.label} must be ${range}.`;
  return null;
}
