// Talks to the layout worker. The worker (and ELK, 1.5 MB) is created on the first request,
// never at start-up. Only the newest request counts: an older one still running resolves as
// superseded the moment a newer one is sent, and its answer is thrown away when it arrives.
import type { ElkNodeJson } from './to-elk-graph';
import type { LayoutJob, LayoutReply } from './protocol';

export type LayoutOutcome =
  | { ok: true; graph: ElkNodeJson; workerMs: number }
  | { ok: false; reason: 'superseded' | 'failed'; message?: string };

/** What the client needs of a Worker; tests pass a fake. */
export interface WorkerLike {
  postMessage(job: LayoutJob): void;
  onmessage: ((e: MessageEvent<LayoutReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

const spawnWorker = (): WorkerLike =>
  new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' }) as unknown as WorkerLike;

export class LayoutClient {
  private worker: WorkerLike | null = null;
  private seq = 0;
  private waiting = new Map<number, (o: LayoutOutcome) => void>();

  constructor(private readonly spawn: () => WorkerLike = spawnWorker) {}

  /** Whether the worker has been created (tests check it is not at start-up). */
  get started(): boolean {
    return this.worker !== null;
  }

  layout(graph: ElkNodeJson): Promise<LayoutOutcome> {
    for (const resolve of this.waiting.values()) resolve({ ok: false, reason: 'superseded' });
    this.waiting.clear();
    const id = ++this.seq;
    const worker = this.ensureWorker();
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ id, graph });
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.fail('The layout was stopped.');
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.spawn();
    w.onmessage = (e) => {
      const reply = e.data;
      const resolve = this.waiting.get(reply.id);
      if (!resolve) return; // superseded: a newer request is on its way
      this.waiting.delete(reply.id);
      resolve(reply.ok ? { ok: true, graph: reply.graph, workerMs: reply.ms } : { ok: false, reason: 'failed', message: reply.message });
    };
    // A worker that cannot load (offline before it was cached, a blocked script) is dropped,
    // so the next request tries a fresh one.
    w.onerror = (e) => {
      e.preventDefault?.();
      w.terminate();
      if (this.worker === w) this.worker = null;
      this.fail(e.message || 'The layout engine could not be loaded.');
    };
    this.worker = w;
    return w;
  }

  private fail(message: string): void {
    for (const resolve of this.waiting.values()) resolve({ ok: false, reason: 'failed', message });
    this.waiting.clear();
  }
}
