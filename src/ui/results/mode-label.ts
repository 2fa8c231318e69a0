// The small status in the results bar that says where the figures come from: the instant
// analytic engine, the background refinement (discrete-event replications, with the p99's
// 95 % interval) or a discrete-event run asked for.
import type { Report } from '../../app/planning';
import type { RefineStatus } from '../../app/refinement.svelte';
import { ms } from './format';

export interface ModeLabel {
  text: string;
  /** The longer explanation, for the tooltip. */
  title: string;
}

export function modeLabel(report: Report, status: RefineStatus | null, run: { requests: number; seed: number } | null): ModeLabel {
  const c = report.confidence;
  if (c) {
    const half = c.latencyMs.p99;
    const partial = status?.phase === 'running' && status.done < status.total ? ` · ${status.done}/${status.total} runs` : '';
    return {
      text: `refined${half !== null ? ` · ±${ms(half)}` : ''}${partial}`,
      title: `Discrete-event figures: the average of ${c.replications} independent runs of ${c.requestsPerReplication.toLocaleString('en-US')} requests; ± is the 95 % confidence interval of the p99.`,
    };
  }
  if (report.mode === 'des') {
    const text = `discrete-event, ${run?.requests.toLocaleString('en-US')} requests, seed ${run?.seed}`;
    return { text, title: 'One discrete-event run, as asked for below.' };
  }
  const title = 'Queueing formulas, recomputed on every edit.';
  switch (status?.phase) {
    case 'waiting':
    case 'running':
      return { text: 'analytic (instant) · refining…', title: `${title} The discrete-event engine is refining them in the background.` };
    case 'failed':
      return { text: 'analytic (instant) · not refined', title: `${title} ${status.error}` };
    case 'off':
      return status.reason ? { text: 'analytic (instant) · not refined', title: `${title} Not refined: ${status.reason}.` } : { text: 'analytic (instant)', title };
    default:
      return { text: 'analytic (instant)', title };
  }
}
