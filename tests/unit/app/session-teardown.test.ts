// Stopping a started session ends its simulation's background work: a discrete-event run under
// way is cancelled and what it still sends is dropped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimResult } from '../../../src/simulation/report';

const jobs: { resolve: (r: SimResult | null) => void; cancelled: boolean }[] = [];
vi.mock('../../../src/simulation/des-client', () => ({
  runDes: () => {
    let resolve!: (r: SimResult | null) => void;
    const promise = new Promise<SimResult | null>((r) => (resolve = r));
    const job = { resolve, cancelled: false };
    jobs.push(job);
    return { promise, cancel: () => ((job.cancelled = true), resolve(null)) };
  },
}));

const { openSession } = await import('./session-fixture');

afterEach(() => vi.unstubAllGlobals());

describe('a session stopped', () => {
  it('cancels the discrete-event run under way', async () => {
    // The page the session listens to, as far as start() uses it.
    vi.stubGlobal('window', new EventTarget());
    vi.stubGlobal('document', new EventTarget());
    vi.stubGlobal('location', { hash: '' });
    const { session } = await openSession();
    const stop = session.start('');
    const client = session.editor.addComponent('client', { x: 0, y: 0 });
    session.editor.addComponent('cache', { x: 300, y: 0 }, client);
    const running = session.simulation.runDes(10_000, 1);
    await vi.waitFor(() => expect(jobs).toHaveLength(1));
    expect(session.simulation.desRun).not.toBeNull();

    stop();
    expect(jobs[0].cancelled).toBe(true);
    expect(session.simulation.desRun).toBeNull();
    await running;
    expect(session.simulation.des).toBeNull();
  });
});
