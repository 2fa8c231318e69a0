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
  return {
    text: `approximate (${kinds}): expected error up to ±${worst} %${suffix}`,
    title: `The queueing formulas are outside their accuracy goal for ${kinds}: on designs of this kind they were measured off the discrete-event engine by up to ${each}. ${then}`,
  };
}
