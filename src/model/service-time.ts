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

/**
 * A service of mean m and coefficient of variation cv of which a share s takes f times its
 * drawn time (a slow replica or a garbage-collection pause: Dean & Barroso, "The Tail at
 * Scale"): a mixture of S and f·S, so E = m(1 − s + s·f) and E[S²] = m²(1 + cv²)(1 − s + s·f²).
 */
export function slowMoments(meanMs: number, cv: number, share: number, factor: number): { meanMs: number; cv: number } {
  const mean = meanMs * (1 - share + share * factor);
  const second = meanMs * meanMs * (1 + cv * cv) * (1 - share + share * factor * factor);
  return { meanMs: mean, cv: mean > 0 ? Math.sqrt(Math.max(0, second / (mean * mean) - 1)) : 0 };
}
