// The resilience settings of a connection (timeout, retries, breaker, hedging) and a
// component's failure and slow-service parameters, resolved for both engines: defaults filled
// in (RESILIENCE_DEFAULTS), ranges checked against the rules, and a sentence for a person when
// a value is wrong. A connection whose settings can never act (one attempt, no timeout, no
// breaker, no hedge) compiles to null, so the engines take their ordinary path for it.
import { EDGE_RESILIENCE_RULES, NODE_RESILIENCE_RULES, RESILIENCE_DEFAULTS, type NumberRule } from '../model/rules';
import type { Jitter } from '../model/scenario';
import { slowMoments } from '../model/service-time';
import type { ServiceDist } from '../model/design';

/** Backoff jitter as the engine codes it. */
export const JITTER_CODE: Record<Jitter, number> = { none: 0, full: 1, equal: 2, decorrelated: 3 };

export interface SimResilience {
  /** Per attempt; Infinity = none. */
  timeoutMs: number;
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** JITTER_CODE. */
  jitter: number;
  /** Retry tokens a first attempt deposits; −1 = no budget. */
  budget: number;
  breaker: { errorRate: number; window: number; openMs: number } | null;
  /** Infinity = no hedging. */
  hedgeMs: number;
}

/** A component's failure and slow-service settings (`failureRate`, `service.slowShare/slowFactor`). */
export interface SimFaults {
  failureRate: number;
  /** Null: no slow share. Otherwise the base service (what a normal draw takes) and the slow part. */
  slow: { share: number; factor: number; baseMeanMs: number; baseCv: number; baseDist: ServiceDist } | null;
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: string };
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);

function ruled(rule: NumberRule, v: unknown, where: string, key: string): string | null {
  if (v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < rule.min || v > rule.max || (rule.aboveMin && v === rule.min) || (rule.integer && !Number.isInteger(v)))
    return `${where}: ${key} must be ${rule.integer ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max} (got ${String(v)}).`;
  return null;
}

/** The settings of a synchronous connection from its params; `where` names it in errors. */
/** A connection with none of the settings: most of them, so the answer is made once. */
const NONE: Checked<SimResilience | null> = { ok: true, value: null };

export function compileEdgeResilience(p: Record<string, unknown>, where: string): Checked<SimResilience | null> {
  if (p.timeoutMs === undefined && p.hedgeMs === undefined && p.retry === undefined && p.breaker === undefined) return NONE;
  const R = EDGE_RESILIENCE_RULES;
  const retry = obj(p.retry);
  const breaker = obj(p.breaker);
  const checks: [NumberRule, unknown, string][] = [
    [R.timeoutMs, p.timeoutMs, 'timeoutMs'],
    [R.hedgeMs, p.hedgeMs, 'hedgeMs'],
    [R['retry.maxAttempts'], retry?.maxAttempts, 'retry.maxAttempts'],
    [R['retry.baseMs'], retry?.baseMs, 'retry.baseMs'],
    [R['retry.capMs'], retry?.capMs, 'retry.capMs'],
    [R['retry.budget'], retry?.budget, 'retry.budget'],
    [R['breaker.errorRate'], breaker?.errorRate, 'breaker.errorRate'],
    [R['breaker.window'], breaker?.window, 'breaker.window'],
    [R['breaker.openMs'], breaker?.openMs, 'breaker.openMs'],
  ];
  for (const [rule, v, key] of checks) {
    const error = ruled(rule, v, where, key);
    if (error) return { ok: false, error };
  }
  const jitter = retry?.jitter ?? RESILIENCE_DEFAULTS.retry.jitter;
  if (typeof jitter !== 'string' || !(jitter in JITTER_CODE)) return { ok: false, error: `${where}: retry.jitter must be one of none, full, equal, decorrelated (got ${String(jitter)}).` };
  const D = RESILIENCE_DEFAULTS;
  const r: SimResilience = {
    timeoutMs: (p.timeoutMs as number | undefined) ?? Infinity,
    maxAttempts: retry ? ((retry.maxAttempts as number | undefined) ?? D.retry.maxAttempts) : 1,
    baseMs: (retry?.baseMs as number | undefined) ?? D.retry.baseMs,
    capMs: (retry?.capMs as number | undefined) ?? D.retry.capMs,
    jitter: JITTER_CODE[jitter as Jitter],
    budget: typeof retry?.budget === 'number' ? retry.budget : -1,
    breaker: breaker
      ? {
          errorRate: (breaker.errorRate as number | undefined) ?? D.breaker.errorRate,
          window: (breaker.window as number | undefined) ?? D.breaker.window,
          openMs: (breaker.openMs as number | undefined) ?? D.breaker.openMs,
        }
      : null,
    hedgeMs: (p.hedgeMs as number | undefined) ?? Infinity,
  };
  const acts = r.timeoutMs < Infinity || r.maxAttempts > 1 || r.breaker !== null || r.hedgeMs < Infinity;
  return { ok: true, value: acts ? r : null };
}

/** A component's failure rate and slow share; `meanMs`/`cv` are its base service. */
export function compileFaults(p: Record<string, unknown>, dist: ServiceDist, meanMs: number, cv: number, where: string): Checked<SimFaults> {
  const s = obj(p.service);
  const N = NODE_RESILIENCE_RULES;
  const error =
    ruled(N.failureRate, p.failureRate, where, 'failureRate') ??
    ruled(N['service.slowShare'], s?.slowShare, where, 'service.slowShare') ??
    ruled(N['service.slowFactor'], s?.slowFactor, where, 'service.slowFactor');
  if (error) return { ok: false, error };
  const share = (s?.slowShare as number | undefined) ?? 0;
  const factor = (s?.slowFactor as number | undefined) ?? 1;
  const slow = share > 0 && factor !== 1 && meanMs > 0 ? { share, factor, baseMeanMs: meanMs, baseCv: cv, baseDist: dist } : null;
  return { ok: true, value: { failureRate: (p.failureRate as number | undefined) ?? 0, slow } };
}

/** The service both engines plan with when a share is slow: its mean and cv (the mixture's moments). */
export function effectiveService(f: SimFaults, dist: ServiceDist, meanMs: number, cv: number): { dist: ServiceDist; meanMs: number; cv: number } {
  if (!f.slow) return { dist, meanMs, cv };
  const m = slowMoments(meanMs, cv, f.slow.share, f.slow.factor);
  // The analytic engine takes the mixture by its first two moments, as a lognormal.
  return { dist: 'lognormal', meanMs: m.meanMs, cv: m.cv };
}
