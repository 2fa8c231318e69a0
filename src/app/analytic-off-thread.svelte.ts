// The client of analytic.worker.ts: one long-lived worker, a numbered job per design, and
// only the answer to the latest job kept (an answer to a design edited since is dropped).
import type { Design } from '../model/design';
import type { AnalyticJob, AnalyticReply } from './analytic-job';
import type { Slo } from './slo';

/** From this many components the analytic engine runs in its worker, off the main thread. */
export const LARGE_DESIGN = 300;

export interface AnalyticWorkerLike {
  postMessage(job: AnalyticJob): void;
  onmessage: ((e: MessageEvent<AnalyticReply>) => void) | null;
  terminate(): void;
}

export const spawnAnalyticWorker = (): AnalyticWorkerLike =>
  new Worker(new URL('./analytic.worker.ts', import.meta.url), { type: 'module', name: 'analytic' }) as unknown as AnalyticWorkerLike;

export interface OffThreadAnswer {
  design: Design;
  slo: Slo | null;
  reply: AnalyticReply;
}

export class OffThreadAnalytic {
  /** The answer to the latest job, for the design and SLO it was asked about. */
  answer = $state.raw<OffThreadAnswer | null>(null);
  private readonly spawn: () => AnalyticWorkerLike;
  private worker: AnalyticWorkerLike | null = null;
  private latest = 0;
  private asked: { design: Design; slo: Slo | null } | null = null;

  constructor(spawn: () => AnalyticWorkerLike) {
    this.spawn = spawn;
  }

  request(design: Design, slo: Slo | null): void {
    const id = ++this.latest;
    this.asked = { design, slo };
    if (!this.worker) {
      this.worker = this.spawn();
      this.worker.onmessage = (e) => this.receive(e.data);
    }
    // Only what the engine reads: a Svelte state proxy cannot be cloned into a worker.
    this.worker.postMessage({ id, design: JSON.parse(JSON.stringify(design)) as Design, slo });
  }

  private receive(reply: AnalyticReply): void {
    if (reply.id !== this.latest || !this.asked) return;
    this.answer = { ...this.asked, reply };
  }

  destroy(): void {
    this.latest++;
    this.worker?.terminate();
    this.worker = null;
  }
}
