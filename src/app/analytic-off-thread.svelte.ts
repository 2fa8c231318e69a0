// The client of analytic.worker.ts: one long-lived worker, a numbered job per design, and
// only the answer to the latest job kept (an answer to a design edited since is dropped).
import type { Design } from '../model/design';
import { simulationInput, type AnalyticJob, type AnalyticReply } from './analytic-job';
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
  /** The job to post after the next frame. */
  private pending: { id: number; design: Design; slo: Slo | null } | null = null;

  constructor(spawn: () => AnalyticWorkerLike) {
    this.spawn = spawn;
  }

  /**
   * Asks about this design. The job is posted once the frame that shows the edit has been
   * painted: copying a large design for the worker takes milliseconds the edit should not wait
   * for. Asked again before then, only the latest is posted.
   */
  request(design: Design, slo: Slo | null): void {
    const id = ++this.latest;
    this.asked = { design, slo };
    const scheduled = this.pending !== null;
    this.pending = { id, design, slo };
    if (scheduled) return;
    if (typeof requestAnimationFrame !== 'function') return this.post();
    requestAnimationFrame(() => setTimeout(() => this.post(), 0));
  }

  private post(): void {
    const job = this.pending;
    this.pending = null;
    if (!job) return;
    if (!this.worker) {
      this.worker = this.spawn();
      this.worker.onmessage = (e) => this.receive(e.data);
    }
    this.worker.postMessage({ id: job.id, design: simulationInput(job.design), slo: job.slo });
  }

  private receive(reply: AnalyticReply): void {
    if (reply.id !== this.latest || !this.asked) return;
    this.answer = { ...this.asked, reply };
  }

  destroy(): void {
    this.latest++;
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
  }
}
