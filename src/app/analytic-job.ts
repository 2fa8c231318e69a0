// One analytic job for the worker that runs large designs off the main thread
// (analytic.worker.ts), tagged with its number so answers to designs that have changed since
// can be dropped.
import type { Design } from '../model/design';
import { analyze } from '../simulation/analytic';
import type { SimResult } from '../simulation/report';
import { evaluateSlo, type Slo, type SloVerdict } from './slo';

export interface AnalyticJob {
  id: number;
  design: Design;
  slo: Slo | null;
}

export interface AnalyticReply {
  id: number;
  result: SimResult;
  verdict: SloVerdict | null;
}

export function answer(job: AnalyticJob): AnalyticReply {
  try {
    return { id: job.id, result: analyze(job.design), verdict: job.slo ? evaluateSlo(job.design, job.slo) : null };
  } catch (err) {
    return { id: job.id, result: { ok: false, error: `The analytic engine failed: ${err instanceof Error ? err.message : String(err)}` }, verdict: null };
  }
}
