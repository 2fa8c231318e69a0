// How big a background refinement is: a fixed number of independent replications whose length
// is chosen from the design's size, so a template's whole run takes about a second on two
// cores and its first combined figures arrive in a fraction of that.
import type { Report } from '../simulation/report';

/** Quiet time after an edit before the discrete-event engine starts. */
export const REFINE_AFTER_MS = 400;
/** Replications per refinement: fixed, so the figures do not depend on the number of cores. */
export const REFINE_REPLICATIONS = 8;
/** Engine events for all replications together (about 1 s on two cores of a 2020s laptop). */
export const REFINE_EVENTS = 4_000_000;
/** Same design, same refined figures. */
export const REFINE_SEED = 1;
/** Each replication starts empty: leave out its first requests, while queues fill. */
export const REFINE_WARMUP = 0.05;
/** Below this many requests per replication a p99 rests on too few slow requests to mean much. */
export const MIN_REFINE_REQUESTS = 2_000;
const MAX_REFINE_REQUESTS = 100_000;
/** More workers than replications would sit idle; more than this crowd a large machine's memory. */
const MAX_WORKERS = 8;

export type RefinePlan =
  | { ok: true; replications: number; requests: number; workers: number }
  /** reason: a sentence for the person, or null when there is nothing worth saying (no load). */
  | { ok: false; reason: string | null };

/**
 * Events the engine handles per user request, from the analytic flow: about one per source
 * request, one per arrival at a component and one per call over a connection.
 */
export function eventsPerRequest(report: Report): number {
  const offered = Object.values(report.sources).reduce((s, x) => s + x.rps, 0);
  if (!(offered > 0)) return 1;
  const arrivals = Object.values(report.nodes).reduce((s, n) => s + n.arrivalRps, 0);
  const calls = Object.values(report.edges).reduce((s, e) => s + (Number.isFinite(e.rps) ? e.rps : 0), 0);
  return 1 + (arrivals + calls) / offered;
}

export function planRefinement(report: Report, cores: number): RefinePlan {
  if (!Object.values(report.sources).some((s) => s.rps > 0)) return { ok: false, reason: null };
  // No steady state: a longer run only shows longer queues. The bar already says why.
  if (!report.stable) return { ok: false, reason: null };
  // Past capacity behind a queue limit, a short run that starts empty spends much of itself
  // filling the queue and would show waits well below the steady state's.
  if (report.saturated.length > 0) return { ok: false, reason: 'past capacity, a short run would end before its queues fill' };
  const perReplication = REFINE_EVENTS / REFINE_REPLICATIONS / eventsPerRequest(report);
  if (perReplication < MIN_REFINE_REQUESTS) {
    return { ok: false, reason: 'too large to refine in the background: use “Run” under Discrete-event run' };
  }
  return {
    ok: true,
    replications: REFINE_REPLICATIONS,
    requests: Math.min(MAX_REFINE_REQUESTS, Math.round(perReplication / 1000) * 1000),
    workers: Math.max(1, Math.min(MAX_WORKERS, REFINE_REPLICATIONS, Math.floor(cores) || 1)),
  };
}
