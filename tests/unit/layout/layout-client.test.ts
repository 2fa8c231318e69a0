import { describe, expect, it } from 'vitest';
import { LayoutClient } from '../../../src/layout/layout-client';
import { toElkGraph } from '../../../src/layout/to-elk-graph';
import { InProcessWorker, reversedChain } from './helpers';

const graph = () => toElkGraph(reversedChain(), { direction: 'RIGHT', nodeSize: { width: 184, height: 64 } });

describe('LayoutClient', () => {
  it('creates its worker on the first request, not before', async () => {
    let spawned = 0;
    const client = new LayoutClient(() => (spawned++, new InProcessWorker()));
    expect(client.started).toBe(false);
    expect(spawned).toBe(0);
    const out = await client.layout(graph());
    expect(out.ok).toBe(true);
    await client.layout(graph());
    expect(spawned).toBe(1);
  });

  it('drops an older request when a newer one is sent, and ignores its late answer', async () => {
    const worker = new InProcessWorker(true);
    const client = new LayoutClient(() => worker);
    const first = client.layout(graph());
    const second = client.layout(graph());
    expect(await first).toEqual({ ok: false, reason: 'superseded' });
    await worker.release();
    const out = await second;
    expect(out.ok).toBe(true);
    expect(worker.jobs.map((j) => j.id)).toEqual([1, 2]);
  });

  it('reports a worker that fails to load, and starts a fresh one next time', async () => {
    const workers: InProcessWorker[] = [];
    const client = new LayoutClient(() => {
      const w = new InProcessWorker(true);
      workers.push(w);
      return w;
    });
    const pending = client.layout(graph());
    workers[0].onerror!({ message: 'blocked', preventDefault() {} } as ErrorEvent);
    expect(await pending).toEqual({ ok: false, reason: 'failed', message: 'blocked' });
    expect(workers[0].terminated).toBe(true);
    expect(client.started).toBe(false);
    const again = client.layout(graph());
    await workers[1].release();
    expect((await again).ok).toBe(true);
  });
});
