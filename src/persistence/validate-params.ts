// Plausibility of the simulation parameters: a clear sentence for anything impossible.
import type { EdgeParams, NodeParams } from '../model/design';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function num(v: unknown, name: string, min: number, max: number, integer = false): string | null {
  if (v === undefined) return null;
  if (!isNum(v)) return `${name} must be a number (got ${JSON.stringify(v)?.slice(0, 30)}).`;
  if (integer && !Number.isInteger(v)) return `${name} must be a whole number (got ${v}).`;
  if (v < min || v > max) return `${name} must be between ${min} and ${max} (got ${v}).`;
  return null;
}

function oneOf(v: unknown, name: string, options: string[]): string | null {
  if (v === undefined || options.includes(v as string)) return null;
  return `${name} must be one of ${options.join(', ')} (got ${JSON.stringify(v)?.slice(0, 30)}).`;
}

export function checkNodeParams(p: NodeParams): string | null {
  const s = p.service as Record<string, unknown> | undefined;
  const b = p.batch as Record<string, unknown> | undefined;
  if (s !== undefined && (s === null || typeof s !== 'object')) return 'service must be an object.';
  if (b !== undefined && (b === null || typeof b !== 'object')) return 'batch must be an object.';
  return (
    num(p.rps, 'rps', 0, 1e8) ??
    oneOf(p.arrivals, 'arrivals', ['poisson', 'uniform']) ??
    num(p.replicas, 'replicas', 1, 100_000, true) ??
    num(p.concurrency, 'concurrency', 1, 100_000, true) ??
    num(p.queueLimit, 'queueLimit', 0, 1e7, true) ??
    num(p.hitRatio, 'hitRatio', 0, 1) ??
    oneOf(p.dispatch, 'dispatch', ['all', 'one']) ??
    oneOf(p.fanout, 'fanout', ['parallel', 'sequential']) ??
    num(p.itemsPerRequest, 'itemsPerRequest', 0, 1e6) ??
    num(p.perItemMs, 'perItemMs', 0, 1e6) ??
    (s ? oneOf(s.dist, 'service.dist', ['exponential', 'constant', 'lognormal']) ?? num(s.meanMs, 'service.meanMs', 0, 1e7) ?? num(s.cv, 'service.cv', 0, 100) : null) ??
    (b ? num(b.maxSize, 'batch.maxSize', 1, 100_000, true) ?? num(b.timeoutMs, 'batch.timeoutMs', 0, 1e6) ?? num(b.perItemMs, 'batch.perItemMs', 0, 1e6) : null)
  );
}

export function checkEdgeParams(p: EdgeParams): string | null {
  return (
    oneOf(p.mode, 'mode', ['sync', 'async', 'offline']) ??
    num(p.probability, 'probability', 0, 1) ??
    num(p.weight, 'weight', 0, 1e6) ??
    num(p.networkMs, 'networkMs', 0, 1e6)
  );
}
