// The design's service-level objective: a p99 target at a total load. Stored in the document
// as `slo` (typed in the model, checked by restore() against the rules table).
import type { Design, Slo } from '../model/design';
import { totalSourceRps } from '../model/source';
import { analyze } from '../simulation/analytic';
import type { Report } from '../simulation/report';

export type { Slo } from '../model/design';
export { totalSourceRps } from '../model/source';

export function readSlo(design: Design): Slo | null {
  const s = design.slo as Partial<Slo> | undefined;
  if (!s || typeof s.p99Ms !== 'number' || typeof s.rps !== 'number' || !(s.p99Ms > 0) || !(s.rps > 0)) return null;
  return { p99Ms: s.p99Ms, rps: s.rps };
}

export interface SloVerdict {
  met: boolean;
  p99Ms: number | null;
  /** Why there is no p99: no load, a refused design. */
  reason?: string;
  /** Components that cannot keep up at the SLO's load (their ids). */
  overloaded?: string[];
}

/** Simulates the design with its sources scaled to the SLO's load and compares the p99. */
export function evaluateSlo(design: Design, slo: Slo): SloVerdict {
  const base = totalSourceRps(design);
  if (base <= 0) return { met: false, p99Ms: null, reason: 'the design has no load (no client with rps)' };
  const r = analyze(design, { loadScale: slo.rps / base });
  if (!r.ok) return { met: false, p99Ms: null, reason: r.error };
  return verdictOf(r.report, slo);
}

/** The verdict of a report made at the SLO's load (analytic or discrete-event). */
export function verdictOf(report: Report, slo: Slo): SloVerdict {
  if (!report.stable) return { met: false, p99Ms: null, overloaded: report.overloaded };
  // Past capacity behind a queue limit the admitted requests have a p99, but the rest are turned away.
  if (report.saturated.length > 0) return { met: false, p99Ms: null, overloaded: report.saturated };
  const p99 = report.latencyMs.p99;
  return { met: p99 !== null && p99 <= slo.p99Ms, p99Ms: p99 };
}
