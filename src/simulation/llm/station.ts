// The discrete-event LLM servers of a design (docs/llm-serving.md) run in the WebAssembly engine
// with the rest of a run (engine/llm.ts: replicas stepping, continuous or static batching, a KV
// cache, runs of decode steps merged into one event). This sets them up from the compiled design
// — what depends only on a server's settings is worked out here once: the roofline's rates
// (roofline.ts), the weights a step over each batch size reads, the lognormal parameters of the
// prompt and output lengths — and reads their figures back for the report.
import type { SimGraph } from '../graph';
import type { EngineExports } from '../engine-memory';
import type { Histograms } from '../histogram';
import type { LatencySummary } from '../report';
import type { LlmConfig } from './config';
import { kvBytesPerToken, weightsReadBytes } from './roofline';

/** Node → its index among the LLM components (−1 for the others), and their replicas in all. */
export function llmIndex(g: SimGraph): { at: Int32Array; components: number; slots: number } {
  const at = new Int32Array(g.nodes.length).fill(-1);
  let components = 0;
  let slots = 0;
  g.nodes.forEach((n, u) => {
    if (!n.llm) return;
    at[u] = components++;
    slots += n.llm.replicas;
  });
  return { at, components, slots };
}

/** μ and σ of the normal under a lognormal with this mean and CV. */
function lognormal(mean: number, cv: number): [number, number] {
  if (cv <= 0) return [0, 0];
  const s2 = Math.log(1 + cv * cv);
  return [Math.log(mean) - s2 / 2, Math.sqrt(s2)];
}

export class LlmServers {
  readonly configs: LlmConfig[] = [];

  /**
   * Sets up the engine's LLM servers; their histograms are the engine's from `histBase` (time to
   * first token, then end to end). `stepsPerEvent`: at most this many decode steps in one event
   * (1: every step an event of its own).
   */
  constructor(
    g: SimGraph,
    /** Node → LLM component index (llmIndex). */
    readonly at: Int32Array,
    private readonly x: EngineExports,
    private readonly hist: Histograms,
    slots: number,
    histBase: number,
    stepsPerEvent = 64,
  ) {
    g.nodes.forEach((n) => n.llm && this.configs.push(n.llm));
    x.llmSetup(this.configs.length, slots, Math.max(1, Math.floor(stepsPerEvent) || 1), histBase);
    let first = 0;
    g.nodes.forEach((n, u) => {
      const c = n.llm;
      if (!c) return;
      const k = at[u];
      const [pMu, pSigma] = lognormal(c.promptTokens, c.promptCv);
      const [oMu, oSigma] = lognormal(c.outputTokens, c.outputCv);
      const flopsPerMs = (c.gpu.flops * c.tp * c.mfu) / 1000;
      const bytesPerMs = (c.gpu.bandwidth * c.tp * c.mbu) / 1000;
      const limit = Math.min(c.model.maxContext, c.kvCapacity);
      x.llmComponent(k, u, first, c.replicas, c.batching === 'static' ? 1 : 0, c.maxSeqs, c.kvCapacity, limit,
        c.promptTokens, c.promptCv, pMu, pSigma, c.outputTokens, c.outputCv, oMu, oSigma,
        2 * c.model.activeParams, flopsPerMs, bytesPerMs, kvBytesPerToken(c.model), c.stepOverheadMs);
      for (let b = 0; b <= c.maxSeqs; b++) x.llmWeights(k, b, weightsReadBytes(c.model, b));
      first += c.replicas;
    });
  }

  /** Time to first token and end to end of the LLM server at node u (after the warm-up). */
  latency(u: number, which: 'ttft' | 'e2e'): LatencySummary {
    const h = this.x.llmHistogram(this.at[u], which === 'ttft' ? 0 : 1);
    return { mean: this.hist.mean(h), p50: this.hist.quantile(h, 0.5), p95: this.hist.quantile(h, 0.95), p99: this.hist.quantile(h, 0.99) };
  }

  /** Mean time per output token at node u, null before any request with two tokens or more. */
  tpotMs(u: number): number | null {
    const count = this.x.llmFigure(this.at[u], 1);
    return count > 0 ? this.x.llmFigure(this.at[u], 0) / count : null;
  }

  /** Output tokens of requests finished inside the measurement window. */
  tokens(u: number): number {
    return this.x.llmFigure(this.at[u], 2);
  }
}
