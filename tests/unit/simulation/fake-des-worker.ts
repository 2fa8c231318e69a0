// A stand-in for des.worker.ts that runs the engine in-process when the test says so.
import type { DesWorkerLike } from '../../../src/simulation/des-client';
import { simulateDes } from '../../../src/simulation/des';
import type { DesJob, DesReply } from '../../../src/simulation/des.worker';

export class FakeWorker implements DesWorkerLike {
  onmessage: ((e: MessageEvent<DesReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  job: DesJob | null = null;
  postMessage(job: DesJob): void {
    this.job = job;
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(r: DesReply): void {
    if (!this.terminated) this.deliver(r);
  }
  /** A message already on its way when the worker was ended still arrives. */
  deliver(r: DesReply): void {
    this.onmessage?.({ data: r } as MessageEvent<DesReply>);
  }
  /** Does what des.worker.ts does, synchronously. */
  work(): void {
    const { design, requests, seed, warmupFraction } = this.job!;
    const result = simulateDes(design, { requests, seed, warmupFraction, onProgress: (fraction) => this.reply({ type: 'progress', fraction }) });
    this.reply({ type: 'done', result });
  }
}
