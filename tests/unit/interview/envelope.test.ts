import { describe, expect, it } from 'vitest';
import { applicableRps, DEFAULT_ENVELOPE, envelope, formatBytes, formatCount, roundRps } from '../../../src/interview/envelope';
import { Editor } from '../../../src/app/editor.svelte';
import { catalog } from '../../../src/catalog';
import { PARAM_RULES } from '../../../src/model/rules';
import { restore } from '../../../src/persistence/restore';

describe('back-of-the-envelope', () => {
  it('derives QPS from daily users × actions ÷ 86,400 × peak factor', () => {
    const r = envelope({ ...DEFAULT_ENVELOPE, dailyActiveUsers: 300_000_000, actionsPerUserPerDay: 10, peakFactor: 3 });
    expect(r.eventsPerDay).toBe(3e9);
    expect(r.averageQps).toBeCloseTo(34_722.2, 1);
    expect(r.peakQps).toBeCloseTo(104_166.7, 1);
  });

  it('sizes storage from events × bytes, per day and over the retention', () => {
    const r = envelope({ dailyActiveUsers: 1_000_000, actionsPerUserPerDay: 20, peakFactor: 2, bytesPerEvent: 1000, retentionDays: 30 });
    expect(r.storageBytesPerDay).toBe(2e10);
    expect(r.storageBytesRetained).toBe(6e11);
    expect(formatBytes(r.storageBytesPerDay)).toBe('20 GB');
    expect(formatBytes(r.storageBytesRetained)).toBe('600 GB');
  });

  it('treats blank or negative fields as zero rather than producing NaN', () => {
    const r = envelope({ dailyActiveUsers: Number.NaN, actionsPerUserPerDay: -4, peakFactor: 3, bytesPerEvent: 100, retentionDays: 1 });
    expect(r).toEqual({ eventsPerDay: 0, averageQps: 0, peakQps: 0, storageBytesPerDay: 0, storageBytesRetained: 0 });
  });

  it('rounds a load for a client and formats figures for reading aloud', () => {
    expect(roundRps(104_166.67)).toBe(104_167);
    expect(roundRps(3.4722)).toBe(3.5);
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_500_000_000_000)).toBe('1.5 TB');
    expect(formatCount(34_722.2)).toBe('34,722');
    expect(formatCount(3.47)).toBe('3.5');
  });
});

describe('applying the peak to a client', () => {
  it('caps a peak above what a design may hold at the rps rule, and says it did', () => {
    // 2e8 rps once saved a design that could not be reopened ("rps must be between 0 and 100000000").
    const peak = envelope({ ...DEFAULT_ENVELOPE, dailyActiveUsers: 5e9, actionsPerUserPerDay: 1000, peakFactor: 3.456 }).peakQps;
    expect(peak).toBeGreaterThan(PARAM_RULES.rps.max);
    expect(applicableRps(peak)).toEqual({ rps: PARAM_RULES.rps.max, capped: true });
    expect(applicableRps(104_166.67)).toEqual({ rps: 104_167, capped: false });
    expect(applicableRps(Number.NaN)).toEqual({ rps: 0, capped: false });
  });

  it('sets a load that saves and reopens unchanged, even from a peak past the limit', () => {
    const editor = new Editor();
    const id = editor.addComponent('client', { x: 0, y: 0 });
    editor.setParam(id, 'rps', applicableRps(2e8).rps);
    const reopened = restore(JSON.stringify(editor.design), { defaultsFor: (k) => catalog.defaultsFor(k) });
    if (!reopened.ok) throw new Error(reopened.error);
    expect(reopened.design.nodes[0].params.rps).toBe(PARAM_RULES.rps.max);
    expect(JSON.stringify(reopened.design)).toBe(JSON.stringify(editor.design));
  });
});
