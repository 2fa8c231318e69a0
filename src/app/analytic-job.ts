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

/**
 * What the simulator reads of a design, as a plain copy for a worker: each node's id, kind,
 * label, frame and parameters, each connection's ends, label and parameters — no places, sizes,
 * routes, notes or texts, which a large design is mostly made of. A plain copy: a Svelte state
 * proxy cannot be cloned into a worker.
 */
export function simulationInput(design: Design): Design {
  const { notes: _notes, ...rest } = design;
  const nodes = design.nodes.map(({ id, kind, label, parentId, params }) => ({ id, kind, label, parentId, params, position: { x: 0, y: 0 } }));
  const edges = design.edges.map(({ id, source, target, label, params }) => ({ id, source, target, label, params }));
  return JSON.parse(JSON.stringify({ ...rest, notes: {}, nodes, edges })) as Design;
}

export function answer(job: AnalyticJob): AnalyticReply {
  try {
    return { id: job.id, result: analyze(job.design), verdict: job.slo ? evaluateSlo(job.design, job.slo) : null };
  } catch (err) {
    return { id: job.id, result: { ok: false, error: `The analytic engine failed: ${err instanceof Error ? err.message : String(err)}` }, verdict: null };
  }
}
