// An LLM server's figures from a discrete-event run, measured by the engine (station.ts).
import { capacityRps, type SimNode } from '../graph';
import type { LatencySummary, LlmReport, NodeReport } from '../report';
import { cost } from './analytic';
import type { LlmServers } from './station';

export function llmDesReport(n: SimNode, s: LlmServers, u: number, arrivalRps: number, spanMs: number, steady: boolean): Pick<NodeReport, 'utilization' | 'load' | 'llm'> {
  const c = n.llm!;
  const none: LatencySummary = { mean: null, p50: null, p95: null, p99: null };
  const summary = (which: 'ttft' | 'e2e'): LatencySummary => (steady ? s.latency(u, which) : none);
  const tokensPerS = spanMs > 0 ? (s.tokens(u) * 1000) / spanMs : 0;
  const gpus = c.replicas * c.tp;
  // A replica steps whenever any request is in it, so its busy share is near 1 at any load: the
  // share of its capacity in use says more.
  const load = arrivalRps / capacityRps(n);
  return {
    utilization: load,
    load,
    llm: {
      ttftMs: summary('ttft'),
      tpotMs: steady ? s.tpotMs(u) : null,
      e2eMs: summary('e2e'),
      tokensPerS,
      gpus,
      usdPerMTokens: cost(gpus, c.gpuHourUsd, tokensPerS),
    },
  };
}

/** Independent runs' LLM figures averaged, with the replications' own averaging functions. */
export function combineLlm(list: LlmReport[], avg: (xs: (number | null)[]) => number | null, summaries: (xs: LatencySummary[]) => LatencySummary): LlmReport {
  const tokensPerS = avg(list.map((l) => l.tokensPerS)) ?? 0;
  const gpus = list[0].gpus;
  const usd = avg(list.map((l) => l.usdPerMTokens));
  return { ttftMs: summaries(list.map((l) => l.ttftMs)), tpotMs: avg(list.map((l) => l.tpotMs)), e2eMs: summaries(list.map((l) => l.e2eMs)), tokensPerS, gpus, usdPerMTokens: usd };
}
