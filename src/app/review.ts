// The design review as the app shows it: the analytic engine's figures at the design's own load
// handed to the rubrics of src/interview/, which read only the document.
import type { Design } from '../model/design';
import { totalSourceRps } from '../model/source';
import type { SimResult } from '../simulation/report';
import { catalog } from '../catalog';
import { reviewDesign, type CapacityFigures, type DesignReview } from '../interview/review';

export type { Citation, DesignReview, Finding, Grade, StepReview } from '../interview/review';

/** What the review needs of an analytic run; null when the design could not be simulated. */
export function capacityOf(design: Design, result: SimResult): CapacityFigures | null {
  if (!result.ok) return null;
  const { report } = result;
  let busiest: CapacityFigures['busiest'] = null;
  for (const [id, n] of Object.entries(report.nodes)) {
    // A batching or LLM server is busy nearly all the time at any load: its load says how full it is.
    const u = n.load ?? n.utilization;
    if (n.arrivalRps > 0 && (!busiest || u > busiest.utilization)) busiest = { id, utilization: u };
  }
  return { loadRps: totalSourceRps(design), stable: report.stable, maxRps: report.maxRps, overloaded: report.overloaded, busiest };
}

export function reviewOf(design: Design, analytic: SimResult): DesignReview {
  return reviewDesign(design, { capacity: capacityOf(design, analytic), kindName: (kind) => catalog.get(kind)?.name });
}
