import { describe, expect, it } from 'vitest';
import { DEFAULT_ENVELOPE, envelope, formatBytes, formatCount, roundRps } from '../../../src/interview/envelope';

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
