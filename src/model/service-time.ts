// The time one request takes at one server, as the simulator counts it: the base mean plus the
// per-item work (`itemsPerRequest × perItemMs`, e.g. rows a feature store fetches).
import type { NodeParams } from './design';

const finite = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export interface ServiceTime {
  baseMs: number;
  items: number;
  perItemMs: number;
  /** What a request takes in all. */
  effectiveMs: number;
}

export function serviceTime(params: NodeParams): ServiceTime {
  const baseMs = finite(params.service?.meanMs);
  const items = finite(params.itemsPerRequest);
  const perItemMs = finite(params.perItemMs);
  return { baseMs, items, perItemMs, effectiveMs: baseMs + items * perItemMs };
}
