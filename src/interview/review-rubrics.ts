// The rubrics an interviewer applies to a design, one function per step of the framework. Each
// returns findings that cite what they come from: a component (id and name) or a step's note.
import type { Design, DesignNode } from '../model/design';
import { displayName } from '../model/display-name';
import type { StepId } from './framework';
import type { ReviewGraph } from './review-graph';

export type FindingId =
  | 'note-empty'
  | 'slo-missing'
  | 'load-missing'
  | 'load-not-noted'
  | 'training-unfed'
  | 'offline-store-unfed'
  | 'retrain-missing'
  | 'registry-missing'
  | 'training-not-deployed'
  | 'online-test-not-noted'
  | 'overloaded'
  | 'headroom-utilization'
  | 'headroom-max'
  | 'single-replica'
  | 'cache-missing'
  | 'monitoring-missing';

export type Citation = { nodeId: string; name: string } | { note: StepId };

export interface Finding {
  id: FindingId;
  step: StepId;
  /** Points the step loses for it (a step has three). */
  cost: number;
  text: string;
  cites: Citation;
}

/** The analytic engine's figures at the design's own load, as the review needs them. */
export interface CapacityFigures {
  loadRps: number;
  stable: boolean;
  maxRps: number;
  overloaded: string[];
  busiest: { id: string; utilization: number } | null;
}

export interface ReviewInput {
  design: Design;
  capacity: CapacityFigures | null;
  /** The kind's name from the catalog, for components without a label. */
  kindName?: (kind: string) => string | undefined;
}

/** Utilization past which a burst has no room: the canvas turns amber there too. */
export const MAX_UTILIZATION = 0.7;
/** Growth the design should absorb without a change: maxRps at least this many times the load. */
export const HEADROOM = 1.5;

const OFFLINE_STORES = ['data-lake', 'data-warehouse', 'feature-store-offline'];
const LOG_KINDS = ['event-collector', 'kafka', 'stream-processor', 'task-queue'];
const CACHES = ['cache', 'cdn'];
const WATCHERS = ['monitoring', 'drift-detector'];
// A CDN's or an object store's replicas count capacity units of a service the provider already
// replicates across zones, so one of them is not a single point of failure.
const MANAGED = ['cdn', 'object-storage'];

const noteOf = (d: Design, step: StepId) => (d.notes[step] ?? '').trim();

function cite(input: ReviewInput, n: DesignNode): Citation {
  return { nodeId: n.id, name: displayName(n, input.kindName?.(n.kind)) };
}

function requirements({ design }: ReviewInput, g: ReviewGraph): Finding[] {
  const out: Finding[] = [];
  const note = { note: 'requirements' as const };
  if (!design.slo) out.push({ id: 'slo-missing', step: 'requirements', cost: 2, cites: note, text: 'No SLO: state the p99 latency the design must meet and at what load.' });
  if (g.sources.length === 0) out.push({ id: 'load-missing', step: 'requirements', cost: 2, cites: note, text: 'No load: no client sends requests, so nothing can be sized.' });
  const text = noteOf(design, 'requirements');
  if (text && !/\bqps\b|\brps\b|per second|\/\s?s\b|requests? a (second|day)/i.test(text)) {
    out.push({ id: 'load-not-noted', step: 'requirements', cost: 1, cites: note, text: 'The requirements do not estimate the load (QPS at peak).' });
  }
  return out;
}

function data(input: ReviewInput, g: ReviewGraph): Finding[] {
  const out: Finding[] = [];
  for (const n of g.components.filter((c) => c.kind === 'training-cluster' && g.incoming(c.id).length === 0)) {
    out.push({ id: 'training-unfed', step: 'data', cost: 2, cites: cite(input, n), text: 'Training has no data coming in: connect the logs or stores it learns from.' });
  }
  const logs = g.components.filter((c) => LOG_KINDS.includes(c.kind)).map((c) => c.id);
  const fed = g.downstream([...g.sources.map((s) => s.id), ...logs]);
  for (const n of g.components.filter((c) => OFFLINE_STORES.includes(c.kind) && !fed.has(c.id))) {
    out.push({ id: 'offline-store-unfed', step: 'data', cost: 1, cites: cite(input, n), text: 'Nothing the users do reaches this store: feed it from the logs or the event stream.' });
  }
  return out;
}

function model(input: ReviewInput, g: ReviewGraph): Finding[] {
  const training = g.components.filter((c) => c.kind === 'training-cluster');
  if (training.length === 0) {
    return [{ id: 'retrain-missing', step: 'model', cost: 2, cites: { note: 'model' }, text: 'No training path: the model is never retrained as the data shifts.' }];
  }
  const out: Finding[] = [];
  if (!g.components.some((c) => c.kind === 'model-registry')) {
    out.push({ id: 'registry-missing', step: 'model', cost: 1, cites: cite(input, training[0]), text: 'No model registry: which model version is live, and how is it rolled back?' });
  }
  // Without a source nothing is served; the missing load is the requirements' finding.
  const online = g.downstream(g.sources.map((s) => s.id), ['sync', 'async']);
  for (const t of g.sources.length > 0 ? training : []) {
    const reaches = [...g.downstream([t.id])].some((id) => id !== t.id && online.has(id));
    if (!reaches) out.push({ id: 'training-not-deployed', step: 'model', cost: 1, cites: cite(input, t), text: 'What this training produces never reaches the serving path.' });
  }
  return out;
}

function evaluation({ design }: ReviewInput): Finding[] {
  const text = noteOf(design, 'evaluation');
  if (!text || /a\/b|online|canary|interleav|shadow/i.test(text)) return [];
  return [{ id: 'online-test-not-noted', step: 'evaluation', cost: 1, cites: { note: 'evaluation' }, text: 'Only offline metrics: say how the model is tested online (A/B test, online metrics).' }];
}

function serving(input: ReviewInput, g: ReviewGraph): Finding[] {
  const out: Finding[] = [];
  const c = input.capacity;
  const node = (id: string) => g.nodes.get(id);
  if (c && !c.stable) {
    const first = c.overloaded.map(node).find((n) => n !== undefined);
    const cites = first ? cite(input, first) : ({ note: 'serving' } as const);
    out.push({ id: 'overloaded', step: 'serving', cost: 3, cites, text: `Overloaded at the design's own load: ${c.overloaded.length} component(s) cannot keep up.` });
  } else if (c) {
    const busiest = c.busiest && node(c.busiest.id);
    if (c.busiest && busiest && c.busiest.utilization >= MAX_UTILIZATION) {
      out.push({ id: 'headroom-utilization', step: 'serving', cost: 1, cites: cite(input, busiest), text: `Busy at ${Math.round(c.busiest.utilization * 100)} %: no room for a burst (keep it under ${MAX_UTILIZATION * 100} %).` });
    }
    if (c.loadRps > 0 && c.maxRps < HEADROOM * c.loadRps) {
      out.push({ id: 'headroom-max', step: 'serving', cost: 1, cites: { note: 'serving' }, text: `The design takes at most ${Math.round(c.maxRps)} rps, under ${HEADROOM}× its load of ${Math.round(c.loadRps)} rps.` });
    }
  }
  for (const id of g.syncPath) {
    const n = node(id)!;
    if (n.params.replicas === 1 && !MANAGED.includes(n.kind)) {
      out.push({ id: 'single-replica', step: 'serving', cost: 1, cites: cite(input, n), text: 'One replica on the path users wait on: a single point of failure.' });
    }
  }
  const cached = [...g.syncPath].some((id) => CACHES.includes(node(id)!.kind));
  if (!cached && !/cach|fallback|fall back|precomput/i.test(noteOf(input.design, 'serving'))) {
    out.push({ id: 'cache-missing', step: 'serving', cost: 1, cites: { note: 'serving' }, text: 'No cache or fallback on the online path: what is served when a model is slow or down?' });
  }
  return out;
}

function monitoring(input: ReviewInput, g: ReviewGraph): Finding[] {
  if (g.components.some((c) => WATCHERS.includes(c.kind))) return [];
  return [{ id: 'monitoring-missing', step: 'monitoring', cost: 1, cites: { note: 'monitoring' }, text: 'No monitoring or drift detector on the canvas: where do the checks in the note run?' }];
}

export const RUBRICS: Record<StepId, (input: ReviewInput, g: ReviewGraph) => Finding[]> = {
  requirements,
  framing: () => [],
  data,
  model,
  evaluation,
  serving,
  monitoring,
};
