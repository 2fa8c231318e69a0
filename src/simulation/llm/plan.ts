// The GPU planner: how many GPUs of a kind serve a load — requests per second, or N users who
// each think between requests — with TTFT p99 (and optionally end-to-end p99) under a target,
// and what they cost. It asks the analytic LLM model (analytic.ts) for each tensor-parallel
// degree from the least that fits the model up to one 8-GPU server, and keeps the plan with the
// fewest GPUs. Load stays at most 0.9 of capacity: the range where the analytic figures were
// checked against the discrete-event engine (docs/llm-serving.md); nearer, waits for a free
// sequence slot, which it does not model, take over the TTFT tail.
import { analyzeLlm, llmCapacityRps, type LlmAnalysis } from './analytic';
import { compileLlm, type LlmConfig } from './config';

export interface GpuPlanRequest {
  /** The server's `params.llm` (model, gpu, lengths, efficiencies; `tp` is chosen here). */
  llm: Record<string, unknown>;
  load: { rps: number } | { users: number; thinkMs: number };
  ttftP99Ms: number;
  e2eP99Ms?: number;
}

export interface GpuPlanOk {
  ok: true;
  tp: number;
  replicas: number;
  gpus: number;
  /** The request rate served (for users, where their loop settles). */
  rps: number;
  ttftP99Ms: number;
  tpotMs: number | null;
  e2eP99Ms: number;
  /** Offered load over capacity. */
  load: number;
  usdPerHour: number;
  usdPerMonth: number;
  usdPerMTokens: number | null;
}
export type GpuPlan = GpuPlanOk | { ok: false; error: string };

const HOURS_PER_MONTH = 730;
const MAX_REPLICAS = 100_000;
const MAX_TP = 8;
export const MAX_LOAD = 0.9;

export function planGpus(req: GpuPlanRequest): GpuPlan {
  if (!(req.ttftP99Ms > 0)) return { ok: false, error: 'The TTFT p99 target must be above 0 ms.' };
  const load = req.load;
  if ('rps' in load ? !(load.rps > 0) : !(load.users >= 1 && load.thinkMs >= 0)) return { ok: false, error: 'Give a load: requests per second above 0, or at least one user with a think time of 0 ms or more.' };
  let best: GpuPlanOk | null = null;
  let why = '';
  for (let tp = 1; tp <= MAX_TP; tp *= 2) {
    const c = compileLlm({ llm: { ...req.llm, tp } }, 1);
    if (c === undefined) return { ok: false, error: 'No LLM parameters to plan for.' };
    if (typeof c === 'string') {
      why = c;
      continue;
    }
    const plan = planAt(c, req);
    if (typeof plan === 'string') why = plan;
    else if (!best || plan.gpus < best.gpus) best = plan;
    if (best && tp >= 4 * best.tp) break;
  }
  return best ?? { ok: false, error: why };
}

/** The fewest replicas of `c` that meet the targets, or why none do. */
function planAt(c: LlmConfig, req: GpuPlanRequest): GpuPlanOk | string {
  const at = (r: number) => evaluate(c, req, r);
  const meets = (x: { a: LlmAnalysis } | null) => !!x && x.a.queue.stable && x.a.queue.rho <= MAX_LOAD && x.a.report.ttftMs.p99! <= req.ttftP99Ms && (req.e2eP99Ms === undefined || x.a.report.e2eMs.p99! <= req.e2eP99Ms);
  let hi = 1;
  while (hi <= MAX_REPLICAS && !meets(at(hi))) hi *= 2;
  if (hi > MAX_REPLICAS) {
    const lone = analyzeLlm(c, 1e-9, 1).report;
    return `${c.tp} × ${c.gpu.name} per replica cannot meet the targets at any replica count: even alone a request's TTFT p99 is ${lone.ttftMs.p99!.toFixed(0)} ms and its end-to-end p99 ${lone.e2eMs.p99!.toFixed(0)} ms.`;
  }
  let lo = Math.floor(hi / 2);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (meets(at(mid))) hi = mid;
    else lo = mid;
  }
  const { a, rps } = at(hi)!;
  const gpus = hi * c.tp;
  const usdPerHour = gpus * c.gpuHourUsd;
  return {
    ok: true,
    tp: c.tp,
    replicas: hi,
    gpus,
    rps,
    ttftP99Ms: a.report.ttftMs.p99!,
    tpotMs: a.report.tpotMs,
    e2eP99Ms: a.report.e2eMs.p99!,
    load: a.queue.rho,
    usdPerHour,
    usdPerMonth: usdPerHour * HOURS_PER_MONTH,
    usdPerMTokens: a.report.usdPerMTokens,
  };
}

/**
 * The analysis at r replicas. N users who think Z between requests send X = N / (Z + R(X))
 * (the response-time law), solved by bisection below the capacity.
 */
function evaluate(c: LlmConfig, req: GpuPlanRequest, r: number): { a: LlmAnalysis; rps: number } | null {
  const load = req.load;
  if ('rps' in load) return { a: analyzeLlm(c, load.rps / 1000, r), rps: load.rps };
  const cap = llmCapacityRps(c, r);
  const excess = (x: number) => {
    const a = analyzeLlm(c, x / 1000, r);
    return a.queue.stable ? x - load.users / (load.thinkMs / 1000 + a.queue.responseMs / 1000) : 1;
  };
  let lo = 0;
  let hi = Math.min(cap * 0.999, load.thinkMs > 0 ? load.users / (load.thinkMs / 1000) : cap * 0.999);
  if (excess(hi) <= 0) return { a: analyzeLlm(c, hi / 1000, r), rps: hi };
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (excess(mid) > 0) hi = mid;
    else lo = mid;
  }
  return { a: analyzeLlm(c, lo / 1000, r), rps: lo };
}

/** An LLM server's price per replica and month: its tp GPUs at the hourly price, 730 hours. */
export function llmReplicaMonthUsd(params: Record<string, unknown>): number | undefined {
  const c = compileLlm(params, 1);
  return typeof c === 'object' ? c.tp * c.gpuHourUsd * HOURS_PER_MONTH : undefined;
}
