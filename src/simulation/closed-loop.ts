// Closed-loop load: a source with `users` is N users who each send a request, wait for the
// end-to-end answer, think for an exponential time of mean `thinkMs`, and send again — the way
// perf_analyzer or Locust drive a server, and the interactive system of Lazowska et al.,
// *Quantitative System Performance* (1984), ch. 3 (docs/simulation.md, "Closed-loop load").
//
// The discrete-event engine simulates the users themselves (startUsers, and the engine sends a
// user's next request when its answer comes back). The analytic engine solves the interactive
// response-time law X = N / (R(X) + Z) for the throughput X, with R(X) the open model's
// end-to-end mean at rate X; the rest of the report is the open model's at that rate.
import type { SimGraph, SimNode } from './graph';
import type { Random } from './random';
import type { Report } from './report';

/** Users of a closed-loop source; 0 for an open one. */
const usersOf = (n: SimNode): number => (n.isSource && (n.users ?? 0) > 0 ? n.users! : 0);

/** Users at a load scale: the scale multiplies the users (the discrete-event engine rounds, keeping at least one). */
export function simulatedUsers(n: SimNode, loadScale: number): number {
  const u = usersOf(n) * loadScale;
  return u > 0 ? Math.max(1, Math.round(u)) : 0;
}

/**
 * Think time of each closed-loop source by node (−1 for every other node), with each user's
 * first request scheduled after a first think: users start spread out, not all at once.
 */
export function startUsers(g: SimGraph, loadScale: number, schedule: (at: number, payload: number) => void, rng: Random, sourceKind: number): Float64Array {
  const think = new Float64Array(g.nodes.length).fill(-1);
  for (const s of g.sources) {
    const users = simulatedUsers(g.nodes[s], loadScale);
    if (users === 0) continue;
    think[s] = Math.max(0, g.nodes[s].thinkMs ?? 0);
    for (let k = 0; k < users; k++) schedule(0.5 + rng.exponential(think[s]), s * 8 + sourceKind);
  }
  return think;
}

export const hasClosedLoop = (g: SimGraph): boolean => g.sources.some((s) => usersOf(g.nodes[s]) > 0);

type OpenAnalysis = (g: SimGraph, loadScale: number) => Report;

/** The graph with closed-loop source i sending rates[i] × share[i] requests/s (after the load scale), its users dropped. */
function withRates(g: SimGraph, closed: number[], rates: Float64Array, loadScale: number, share?: Float64Array): SimGraph {
  const nodes = g.nodes.slice();
  closed.forEach((s, i) => {
    // A vanishing rate rather than none, so that one user's latency is still the path's demand.
    const rate = rates[i] > 0 ? Math.max(rates[i] * (share ? share[i] : 1), 1e-9) : 0;
    nodes[s] = { ...g.nodes[s], users: 0, rps: loadScale > 0 ? rate / loadScale : 0 };
  });
  return { ...g, nodes };
}

/** End-to-end mean of a source in ms, Infinity when the open model has no steady state there. */
function meanOf(r: Report, id: string): number {
  const m = r.stable ? r.sources[id]?.latencyMs.mean : null;
  return m ?? Infinity;
}

export interface ClosedLoopSolution {
  /** Each closed-loop source open at its throughput X: the flows, utilizations and capacity. */
  atThroughput: SimGraph;
  /** … at X·(N − 1)/N: the network as an arriving request finds it (the latencies). */
  asSeen: SimGraph;
  /** The open model's report on asSeen when the solver's last analysis was of it (one closed-loop source). */
  seenReport?: Report;
}

/**
 * The open graphs equivalent to g at this load, or null when g has no closed-loop source.
 * Several closed-loop sources are solved one at a time, the others held, until none moves
 * (Gauss–Seidel).
 */
export function solveClosedLoops(g: SimGraph, loadScale: number, analyzeOpen: OpenAnalysis): ClosedLoopSolution | null {
  const closed = g.sources.filter((s) => usersOf(g.nodes[s]) > 0);
  if (closed.length === 0) return null;
  const rates = new Float64Array(closed.length);
  const last: Memo = { x: NaN, report: null };
  // The arrival theorem: a request of one of N users meets the network as it is with the other
  // N − 1 in it, approximated by the open model at (N − 1)/N of the rate (exact for one user).
  const seen = Float64Array.from(closed, (s) => Math.max(0, 1 - 1 / (usersOf(g.nodes[s]) * loadScale)));
  if (loadScale > 0) {
    for (let round = 0; round < (closed.length > 1 ? 30 : 1); round++) {
      let moved = 0;
      closed.forEach((s, i) => {
        const before = rates[i];
        rates[i] = solveOne(g, closed, rates, seen, i, loadScale, analyzeOpen, last);
        moved = Math.max(moved, Math.abs(rates[i] - before) / Math.max(rates[i], 1e-300));
      });
      if (moved < 1e-9) break;
    }
  }
  const solved = { atThroughput: withRates(g, closed, rates, loadScale), asSeen: withRates(g, closed, rates, loadScale, seen) };
  return closed.length === 1 && last.x === rates[0] && last.report ? { ...solved, seenReport: last.report } : solved;
}

/** The report of a closed-loop design: flows at the throughput, latencies as an arriving request sees them. */
export function closedLoopReport(sol: ClosedLoopSolution, loadScale: number, analyzeOpen: OpenAnalysis): Report {
  const report = analyzeOpen(sol.atThroughput, loadScale);
  const seen = sol.seenReport ?? analyzeOpen(sol.asSeen, loadScale);
  if (!report.stable || !seen.stable) return report;
  report.latencyMs = seen.latencyMs;
  for (const id in report.sources) report.sources[id].latencyMs = seen.sources[id].latencyMs;
  let busiest = 0;
  for (const id in report.nodes) {
    const [n, m] = [report.nodes[id], seen.nodes[id]];
    [n.meanWaitMs, n.meanResponseMs, n.p99Ms] = [m.meanWaitMs, m.meanResponseMs, m.p99Ms];
    n.L = n.meanResponseMs === null ? null : (n.throughputRps / 1000) * n.meanResponseMs; // Little, at the throughput
    busiest = Math.max(busiest, n.load ?? n.utilization); // a batching or LLM server: its load, not its busy share
  }
  const cls = busiest >= 0.85 ? 'closed-loop-near-capacity' : busiest >= 0.5 ? 'closed-loop' : null;
  if (cls) {
    const a = report.approximate ?? { classes: [], expectedErrorPct: { mean: 0, p50: 0, p95: 0, p99: 0 } };
    const e = EXPECTED_ERROR[cls];
    const pct = a.expectedErrorPct;
    report.approximate = {
      ...a,
      classes: [...a.classes, cls].sort(),
      expectedErrorPct: { mean: Math.max(pct.mean, e.mean), p50: Math.max(pct.p50, e.p50), p95: Math.max(pct.p95, e.p95), p99: Math.max(pct.p99, e.p99) },
    };
  }
  return report;
}

/**
 * Largest |error| in percent of the analytic latencies against the discrete-event engine on
 * closed loops whose busiest component is at 0.5–0.85 or ≥ 0.85 utilization (measured in
 * tests/unit/simulation/closed-loop.test.ts, docs/simulation.md). The open model's response
 * time has an unbounded queue; N users never queue more than N − 1 deep, so near capacity
 * the analytic tail is far too long and its median too short. Below 0.5, within 6 %.
 */
export const EXPECTED_ERROR = {
  'closed-loop': { mean: 14, p50: 7, p95: 26, p99: 36 },
  'closed-loop-near-capacity': { mean: 22, p50: 31, p95: 170, p99: 300 },
};

/**
 * Throughput X of closed source i solving X·(R + Z) = N, R the open model's end-to-end mean at
 * X·seen; f(X) = X·(R + Z) − N rises in X. The bracket is [0, N / (D + Z)] (D = R at a
 * vanishing rate: the asymptotic bound); an overloaded open model counts as too high. Regula
 * falsi with the Illinois step, bisection while the upper end is overloaded.
 */
/** The solver's last analysis: saves the report one more time over when it is the answer's. */
interface Memo {
  x: number;
  report: Report | null;
}

function solveOne(g: SimGraph, closed: number[], rates: Float64Array, seen: Float64Array, i: number, loadScale: number, analyzeOpen: OpenAnalysis, last: Memo): number {
  const node = g.nodes[closed[i]];
  const N = usersOf(node) * loadScale;
  const Z = Math.max(0, node.thinkMs ?? 0);
  const R = (x: number): number => {
    rates[i] = x;
    [last.x, last.report] = [x, analyzeOpen(withRates(g, closed, rates, loadScale, seen), loadScale)];
    return meanOf(last.report, node.id);
  };
  const f = (x: number): number => (x * (R(x) + Z)) / 1000 - N;
  const D = R(1e-9);
  if (!Number.isFinite(D)) return 0;
  const hi = (N * 1000) / Math.max(D + Z, 1e-9);
  let a = 0, fa = -N, b = hi, fb = f(hi);
  if (fb <= 0) return hi; // no queueing anywhere: the bound is reached
  let best = a, bestF = N, side = 0;
  for (let it = 0; it < 200 && b - a > 1e-12 * hi; it++) {
    const x = Number.isFinite(fb) ? b - (fb * (b - a)) / (fb - fa) : (a + b) / 2;
    const fx = f(x);
    if (Number.isFinite(fx) && Math.abs(fx) < bestF) [best, bestF] = [x, Math.abs(fx)];
    if (Math.abs(fx) <= 1e-10 * N) break;
    if (fx > 0) {
      [b, fb] = [x, fx];
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      [a, fa] = [x, fx];
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return best;
}
