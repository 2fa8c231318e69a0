// Reading and writing one parameter by its dotted key (e.g. `service.meanMs`).
import type { NodeParams } from './design';

export function getParam(params: NodeParams, key: string): unknown {
  let v: unknown = params;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** A new params object with the value set (or removed, for `undefined`); the original is not changed. */
export function setParam(params: NodeParams, key: string, value: unknown): NodeParams {
  const [head, ...rest] = key.split('.');
  if (rest.length === 0) {
    if (value !== undefined) return { ...params, [head]: value };
    const { [head]: _drop, ...others } = params;
    return others;
  }
  const inner = params[head];
  const child = inner !== null && typeof inner === 'object' ? (inner as NodeParams) : {};
  return { ...params, [head]: setParam(child, rest.join('.'), value) };
}
