// Back-of-the-envelope sizing, the way it is done aloud in an interview: average and peak QPS
// from daily active users, and the storage the logged events take.
import { PARAM_RULES } from '../model/rules';

export const SECONDS_PER_DAY = 86_400;

export interface EnvelopeInput {
  dailyActiveUsers: number;
  actionsPerUserPerDay: number;
  /** Peak over average traffic; 2–3 is the usual rule of thumb. */
  peakFactor: number;
  bytesPerEvent: number;
  retentionDays: number;
}

export interface EnvelopeResult {
  eventsPerDay: number;
  averageQps: number;
  peakQps: number;
  storageBytesPerDay: number;
  storageBytesRetained: number;
}

export const DEFAULT_ENVELOPE: EnvelopeInput = {
  dailyActiveUsers: 10_000_000,
  actionsPerUserPerDay: 10,
  peakFactor: 3,
  bytesPerEvent: 500,
  retentionDays: 365,
};

const nonNegative = (x: number) => (Number.isFinite(x) && x > 0 ? x : 0);

export function envelope(input: EnvelopeInput): EnvelopeResult {
  const eventsPerDay = nonNegative(input.dailyActiveUsers) * nonNegative(input.actionsPerUserPerDay);
  const averageQps = eventsPerDay / SECONDS_PER_DAY;
  const storageBytesPerDay = eventsPerDay * nonNegative(input.bytesPerEvent);
  return {
    eventsPerDay,
    averageQps,
    peakQps: averageQps * nonNegative(input.peakFactor),
    storageBytesPerDay,
    storageBytesRetained: storageBytesPerDay * nonNegative(input.retentionDays),
  };
}

/** A load a client can take: whole requests per second above 10, one decimal below. */
export function roundRps(qps: number): number {
  return qps >= 10 ? Math.round(qps) : Math.round(qps * 10) / 10;
}

/**
 * The load a client can be set to: the rounded peak QPS, within the `rps` rule. `capped` says it
 * was more than a design may hold, so the button can say so instead of saving what cannot reopen.
 */
export function applicableRps(peakQps: number): { rps: number; capped: boolean } {
  const rps = roundRps(Number.isFinite(peakQps) && peakQps > 0 ? peakQps : 0);
  const max = PARAM_RULES.rps.max;
  return rps > max ? { rps: max, capped: true } : { rps, capped: false };
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** Decimal units, as capacity is quoted: 1.5e12 → "1.5 TB". */
export function formatBytes(bytes: number): string {
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${UNITS[u]}`;
}

/** 1234.5 → "1,235"; small values keep one decimal. */
export function formatCount(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1).replace(/\.0$/, '');
}
