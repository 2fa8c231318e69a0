// What the canvas and the timeline pane read from a scenario run: the components' colours at one
// moment of the timeline, and the run told in sentences (what broke, when, for how long). Pure
// functions of the result, so they are tested without a browser.
import type { Design } from '../model/design';
import type { Estimate, NodeTimeline, ScenarioResult, Series, Timeline } from '../simulation/scenario/timeline';
import { levelOf, type MetricsMap, type NodeMetrics } from './sim-view';

/** The bucket holding the moment `t` (seconds), clamped to the run; -1 for an empty timeline. */
export function bucketAt(timeline: Timeline, t: number): number {
  const n = timeline.t.length;
  if (n === 0) return -1;
  const i = Math.floor(t / timeline.bucketS);
  return Math.max(0, Math.min(n - 1, Number.isFinite(i) ? i : 0));
}

/**
 * How far a run has got, in buckets: a partial result carries the whole time axis with the
 * buckets not reached yet left null.
 */
export function bucketsReached(timeline: Timeline): number {
  const offered = timeline.offeredRps.mean;
  let n = Math.min(offered.length, timeline.t.length);
  while (n > 0 && offered[n - 1] == null) n--;
  return n;
}

const at = (s: Series, i: number): number | null => s.mean[i] ?? null;

/**
 * The canvas colours at moment `t`: each component's utilization in that bucket. A component
 * with requests reaching it and no replica serving (failed, its zone down) is drawn overloaded:
 * nothing it receives can be served. A component nothing reached has no figures, as on the
 * steady-state canvas.
 */
export function colorsAt(result: ScenarioResult, t: number, prev?: MetricsMap): MetricsMap {
  const out = new Map<string, NodeMetrics>();
  const i = bucketAt(result.timeline, t);
  if (i < 0) return out;
  for (const [id, n] of Object.entries(result.timeline.nodes)) {
    const m = metricsOf(n, i);
    if (!m) continue;
    // A component whose figures did not change keeps its record: scrubbing redraws only those that did.
    const old = prev?.get(id);
    out.set(id, old && old.utilization === m.utilization && old.overloaded === m.overloaded ? old : m);
  }
  return out;
}

function metricsOf(n: NodeTimeline, i: number): NodeMetrics | null {
  const arrivals = at(n.arrivalRps, i) ?? 0;
  if (!(arrivals > 0)) return null;
  const replicas = at(n.replicas, i);
  return {
    utilization: Math.max(0, at(n.utilization, i) ?? 0),
    // The timeline keeps end-to-end percentiles, not each component's: no per-component p99 here.
    p99Ms: null,
    overloaded: replicas !== null && replicas <= 0,
    saturated: false,
    rejected: 0,
    bottleneck: false,
  };
}

/** Seconds as a person reads them: "45 s", "2 min 5 s". */
export function seconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  // A tenth of a second below two minutes: the scrubber steps by half seconds on a minute's run.
  if (s < 120) return `${Number(s.toFixed(1))} s`;
  const m = Math.floor(s / 60);
  const r = Math.round(s - m * 60);
  return r ? `${m} min ${r} s` : `${m} min`;
}

/** An estimate with its 95 % interval when several replications ran: "12 s (9–15 s)". */
export function estimateText(e: Estimate, unit: (x: number) => string): string {
  if (e.mean === null) return '—';
  const ci = e.lo != null && e.hi != null && e.hi > e.lo ? ` (95 %: ${unit(e.lo)}–${unit(e.hi)})` : '';
  return unit(e.mean) + ci;
}

export interface Finding {
  /** `bad`: something broke or did not recover; `ok`: it held or recovered. */
  tone: 'ok' | 'bad';
  text: string;
}

/** A component that went red during the run: from when, for how long in all. */
export interface Hotspot {
  id: string;
  name: string;
  firstS: number;
  seconds: number;
}

/** Components that were red (overloaded, failed, or ≥ 90 % busy) at some moment, first to break first. */
export function hotspots(result: ScenarioResult, nameOf: (id: string) => string): Hotspot[] {
  const { timeline } = result;
  const out: Hotspot[] = [];
  for (const id of Object.keys(timeline.nodes)) {
    let first = -1;
    let count = 0;
    const n = timeline.nodes[id];
    for (let i = 0; i < timeline.t.length; i++) {
      const m = metricsOf(n, i);
      if (m && levelOf(m) === 'red') {
        if (first < 0) first = i;
        count++;
      }
    }
    if (first >= 0) out.push({ id, name: nameOf(id), firstS: timeline.t[first], seconds: count * timeline.bucketS });
  }
  return out.sort((a, b) => a.firstS - b.firstS || b.seconds - a.seconds);
}

const pctText = (x: number) => `${x < 0.1 ? x.toFixed(2) : x < 10 ? x.toFixed(1) : Math.round(x)} %`;

/** The run in sentences: what broke first, what was lost, and how long each event took to recover from. */
export function findings(result: ScenarioResult, design: Design, nameOf: (id: string) => string): Finding[] {
  const out: Finding[] = [];
  const { summary } = result;
  const hot = hotspots(result, nameOf);
  if (hot.length === 0) out.push({ tone: 'ok', text: 'No component was overloaded or down at any moment of the run.' });
  for (const h of hot.slice(0, 3)) {
    out.push({ tone: 'bad', text: `${h.name} was overloaded or down from ${seconds(h.firstS)}, for ${seconds(h.seconds)} in all.` });
  }
  if (hot.length === 4) out.push({ tone: 'bad', text: '1 more component was overloaded or down at some moment.' });
  else if (hot.length > 4) out.push({ tone: 'bad', text: `${hot.length - 3} more components were overloaded or down at some moment.` });
  const sent = summary.requests.mean ?? 0;
  const lost = summary.lost.mean ?? 0;
  if (sent > 0) {
    const share = (x: number) => pctText((100 * x) / sent);
    out.push({ tone: lost > 0 ? 'bad' : 'ok', text: `Requests lost: ${estimateText(summary.lost, (x) => Math.round(x).toLocaleString('en-US'))} of ${Math.round(sent).toLocaleString('en-US')} (${share(lost)}).` });
  }
  if (summary.secondsOverSlo && design.slo) {
    const over = summary.secondsOverSlo.mean ?? 0;
    out.push({ tone: over > 0 ? 'bad' : 'ok', text: `p99 over the SLO (${design.slo.p99Ms} ms) for ${estimateText(summary.secondsOverSlo, seconds)}.` });
  }
  // Numbered as the charts' markers are ("2 flush", "2 ends").
  summary.recoveries.forEach((r, i) => {
    const recovered = r.recoverS.mean !== null;
    out.push({
      tone: recovered ? 'ok' : 'bad',
      text: recovered
        ? `${i + 1}. At ${seconds(r.atS)}, ${r.label}: recovered in ${estimateText(r.recoverS, seconds)}.`
        : `${i + 1}. At ${seconds(r.atS)}, ${r.label}: not recovered before the run ended.`,
    });
  });
  return out;
}
