// The note in the results bar while the figures shown are analytic ones outside the accuracy
// goal (report.approximate, docs/accuracy.md): which kind of design makes them approximate, in
// words, and how far off they were measured to be on designs of that kind.
import type { Report } from '../../app/planning';
import type { RefineStatus } from '../../app/refinement.svelte';

/** The classes of src/simulation/accuracy.ts, as a person would name them. */
const CLASS_WORDS: Record<string, string> = {
  batching: 'dynamic batching',
  'smoothed-arrivals': 'evenly spaced arrivals at a queue',
  'heavy-tail-multi-server': 'heavy-tailed service on many servers',
  'queue-limits-sequential': 'queue limits before sequential calls',
  resilience: 'retries, timeouts or hedging at work',
};

export function classWords(id: string): string {
  return Object.hasOwn(CLASS_WORDS, id) ? CLASS_WORDS[id] : id.replaceAll('-', ' ');
}

export interface ApproximateNote {
  text: string;
  /** The longer explanation, for the tooltip. */
  title: string;
}

const FIGURES = ['mean', 'p50', 'p95', 'p99'] as const;

/** The note for an analytic report marked approximate, else null (exact enough, or refined). */
export function approximateNote(report: Report, status: RefineStatus | null): ApproximateNote | null {
  const a = report.approximate;
  if (!a || report.confidence || report.mode === 'des') return null;
  const kinds = a.classes.map(classWords).join(', ');
  const worst = Math.max(...FIGURES.map((f) => a.expectedErrorPct[f]));
  const refining = status?.phase === 'waiting' || status?.phase === 'running';
  const notRefined = status?.phase === 'failed' || (status?.phase === 'off' && status.reason !== null);
  const suffix = refining ? ' — refining…' : notRefined ? ' — not refined' : '';
  const each = FIGURES.map((f) => `${f} ±${a.expectedErrorPct[f]} %`).join(', ');
  const then = refining
    ? 'The refined figures replace them once the discrete-event runs in the background are done.'
    : 'A discrete-event run (below) gives figures without this error.';
  // Retries and timeouts at work: the latencies are a single attempt's, with no bound to state.
  if (a.unbounded?.length) {
    const bounded = a.classes.filter((c) => !a.unbounded!.includes(c));
    const also = bounded.length ? ` For ${bounded.map(classWords).join(', ')} they were also measured off by up to ${each}.` : '';
    return {
      text: `approximate (${kinds}): latencies of a single attempt${suffix}`,
      title: `The queueing formulas count what retries, timeouts and hedges add to the load and the failures, but give the latency of one attempt: backoffs, waits cut off by a timeout and hedged answers are left out, by an amount they cannot bound.${also} ${then}`,
    };
  }
  return {
    text: `approximate (${kinds}): expected error up to ±${worst} %${suffix}`,
    title: `The queueing formulas are outside their accuracy goal for ${kinds}: on designs of this kind they were measured off the discrete-event engine by up to ${each}. ${then}`,
  };
}
