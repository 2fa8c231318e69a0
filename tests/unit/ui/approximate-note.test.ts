// The results bar's note for analytic figures outside the accuracy goal, read from the report
// the analytic engine makes for designs a person can draw.
import { describe, expect, it } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import { analyze } from '../../../src/simulation/analytic';
import { EXPECTED_ERROR } from '../../../src/simulation/accuracy';
import type { Report } from '../../../src/simulation/report';
import { approximateNote, classWords } from '../../../src/ui/results/approximate-note';

function reportOf(server: string, rps: number): Report {
  const editor = new Editor();
  const client = editor.addComponent('client', { x: 0, y: 0 });
  editor.addComponent(server, { x: 300, y: 0 }, client);
  editor.setParam(client, 'rps', rps);
  const r = analyze(editor.design);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

describe('the approximate note', () => {
  const batching = reportOf('model-server-gpu', 200); // dynamic batching
  const worst = Math.max(...Object.values(EXPECTED_ERROR.batching));

  it('names the kind of design in words, with the largest expected error, while refining', () => {
    expect(batching.approximate?.classes).toEqual(['batching']);
    const note = approximateNote(batching, { phase: 'waiting' })!;
    expect(note.text).toBe(`approximate (dynamic batching): expected error up to ±${worst} % — refining…`);
    expect(approximateNote(batching, { phase: 'running', done: 3, total: 8 })!.text).toMatch(/— refining…$/);
    expect(note.title).toContain(`p99 ±${EXPECTED_ERROR.batching.p99} %`);
    expect(note.title).toContain('The refined figures replace them');
  });

  it('says the figures stay unrefined when the refinement cannot run, and points to a run', () => {
    const off = approximateNote(batching, { phase: 'off', reason: 'too large to refine in the background' })!;
    expect(off.text).toMatch(/— not refined$/);
    expect(off.title).toContain('A discrete-event run (below)');
    expect(approximateNote(batching, { phase: 'failed', error: 'x' })!.text).toMatch(/— not refined$/);
    expect(approximateNote(batching, null)!.text).toBe(`approximate (dynamic batching): expected error up to ±${worst} %`);
  });

  it('is absent for exact-enough figures and for refined or discrete-event ones', () => {
    expect(approximateNote(reportOf('model-server-cpu', 1000), { phase: 'waiting' })).toBeNull();
    const confidence = { replications: 8, requestsPerReplication: 1000, seed: 1, throughputRps: 1, latencyMs: { mean: 1, p50: 1, p95: 1, p99: 1 }, sources: {}, nodes: {} };
    expect(approximateNote({ ...batching, confidence }, { phase: 'running', done: 1, total: 8 })).toBeNull();
    expect(approximateNote({ ...batching, mode: 'des' }, null)).toBeNull();
  });

  it('has words for every class the analytic engine can mark', () => {
    for (const id of Object.keys(EXPECTED_ERROR)) expect(classWords(id), id).not.toBe(id.replaceAll('-', ' '));
    expect(classWords('toString')).toBe('toString');
  });
});

describe('retries, timeouts and hedging at work', () => {
  function reportWith(edge: Record<string, unknown>, failureRate: number): Report {
    const editor = new Editor();
    const client = editor.addComponent('client', { x: 0, y: 0 });
    const api = editor.addComponent('app-service', { x: 300, y: 0 }, client);
    editor.setParam(client, 'rps', 100);
    editor.setParam(api, 'failureRate', failureRate);
    editor.dispatch((d) => ({ ...d, edges: d.edges.map((e) => ({ ...e, params: { ...e.params, ...edge } })) }));
    const r = analyze(editor.design);
    if (!r.ok) throw new Error(r.error);
    return r.report;
  }

  it('mark the latencies as a single attempt’s, with no bound claimed', () => {
    // 30 % of attempts fail and are retried: 1.39 attempts a call, each retry after a backoff.
    const r = reportWith({ retry: { maxAttempts: 3, baseMs: 20 } }, 0.3);
    expect(r.approximate?.classes).toEqual(['resilience']);
    expect(r.approximate?.unbounded).toEqual(['resilience']);
    const note = approximateNote(r, { phase: 'waiting' })!;
    expect(note.text).toBe('approximate (retries, timeouts or hedging at work): latencies of a single attempt — refining…');
    expect(note.title).toContain('backoffs, waits cut off by a timeout and hedged answers are left out');
    expect(note.text).not.toMatch(/±/);
  });

  it('leave the figures exact where they do not act: no failures to retry, a timeout that never fires', () => {
    expect(reportWith({ retry: { maxAttempts: 3, baseMs: 20 } }, 0).approximate).toBeUndefined();
    expect(reportWith({ timeoutMs: 100_000 }, 0).approximate).toBeUndefined();
  });
});
