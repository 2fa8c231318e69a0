// The simulation report: the same JSON from `npm run sim`, the UI and the tests. Numbers and
// ids only, never UI strings. Latencies of an unstable design are null: no steady state exists.

export interface LatencySummary {
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface NodeReport {
  arrivalRps: number;
  /** Completed (admitted) requests per second. */
  throughputRps: number;
  utilization: number;
  meanWaitMs: number | null;
  /** Wait + service at this component, without its downstream calls. */
  meanResponseMs: number | null;
  /** 99th percentile of the same. */
  p99Ms: number | null;
  /** Share of arrivals rejected by the queue limit. */
  errorRate: number;
  /** Arrivals rejected by the queue limit, per second. */
  rejectedRps: number;
  /** Time-average number of requests at the component (Little: L = X·T). */
  L: number | null;
  /**
   * Batching components: the offered rate against the most they complete (full batches). Their
   * busy share runs high at any load — a server that holds a batch of one is busy — so this,
   * not utilization, says how close they are to overload.
   */
  load?: number;
  /** Discrete-event mode, batching components: requests per batch, on average. */
  meanBatchSize?: number;
  /** An LLM server (docs/llm-serving.md): its token-level figures. */
  llm?: LlmReport;
}

/** Time to first token, time per output token, end to end, output tokens/s, GPUs and $ per million output tokens. */
export interface LlmReport {
  ttftMs: LatencySummary;
  tpotMs: number | null;
  e2eMs: LatencySummary;
  tokensPerS: number;
  gpus: number;
  usdPerMTokens: number | null;
}

export interface SourceReport {
  rps: number;
  latencyMs: LatencySummary;
}

export interface Report {
  mode: 'analytic' | 'des';
  stable: boolean;
  throughputRps: number;
  errorRate: number;
  latencyMs: LatencySummary;
  maxRps: number;
  bottleneck: string | null;
  /** Components with no steady state (offered utilization ≥ 1, no queue limit): latencies are null. */
  overloaded: string[];
  /**
   * Components offered at least their capacity that keep a steady state only by rejecting the
   * excess at their queue limit: their `rejectedRps` is the overflow, their latencies finite.
   */
  saturated: string[];
  nodes: Record<string, NodeReport>;
  /** Requests per second over each simulated connection. */
  edges: Record<string, { rps: number }>;
  sources: Record<string, SourceReport>;
  events: number;
  wallMs: number;
  /** End-to-end latency histogram of a discrete-event run. */
  histogram?: { binsMs: number[]; counts: number[] };
  /**
   * Discrete-event mode: the end-to-end latency the run measured, also when no steady state
   * exists (latencyMs is then null). An overloaded run's latency grows with its length: the
   * second half of the requests then waits far longer than the first.
   */
  measured?: { latencyMs: LatencySummary; firstHalfMeanMs: number | null; secondHalfMeanMs: number | null };
  /**
   * Analytic mode: the design has a part whose figures are approximations outside the
   * accuracy goal (docs/accuracy.md): the classes found, and the largest error measured for
   * each latency figure on those classes, in percent (± of the discrete-event figure).
   */
  approximate?: Approximate;
  /**
   * Independent discrete-event replications combined (replications.ts): every figure above is
   * the average over the replications, and these are the half-widths of their 95 % confidence
   * intervals (figure ± half-width). null where the figure is null or fewer than two runs.
   */
  confidence?: Confidence;
  /** Discrete-event mode, a design with timeouts, retries, breakers, hedging or failing components (docs/simulation.md, "Resilience"). */
  resilience?: ResilienceReport;
}

export interface ResilienceReport {
  /** Share of the measured user requests that failed, by cause: a queue limit, a timeout, an open breaker, a component's failureRate. */
  failures: { rejected: number; timedOut: number; breakerOpen: number; failed: number };
  /** Per connection with resilience settings, per call made over it (a call's attempts and hedges together). */
  edges: Record<string, { attemptsPerCall: number; retriesPerCall: number; hedgesPerCall: number; timedOutPerCall: number; breakerOpenPerCall: number }>;
}

export interface Confidence {
  replications: number;
  requestsPerReplication: number;
  /** The seed the replications' own seeds are derived from. */
  seed: number;
  throughputRps: number | null;
  latencyMs: LatencySummary;
  sources: Record<string, LatencySummary>;
  nodes: Record<string, { utilization: number | null; meanResponseMs: number | null; p99Ms: number | null }>;
}

export interface Approximate {
  /** Codes of the classes of docs/accuracy.md the design falls in, e.g. 'batching'. */
  classes: string[];
  expectedErrorPct: { mean: number; p50: number; p95: number; p99: number };
  /**
   * Classes among `classes` whose error the formulas cannot bound (expectedErrorPct leaves
   * them out): retries, timeouts, hedges or a breaker at work — the flow and the failures count
   * them, the latencies are a single attempt's (docs/simulation.md, "Resilience").
   */
  unbounded?: string[];
}

export type SimResult = { ok: true; report: Report } | { ok: false; error: string; cycle?: string[] };

/**
 * An object keyed by component or connection ids. It has no prototype, so an id such as
 * `__proto__`, `constructor` or `toString` is an ordinary key: stored, listed and printed by
 * JSON.stringify like any other, and an absent id reads as undefined.
 */
export function byId<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
