// A scenario: the design run over time — a load profile per source and events at times — and
// the resilience settings of connections and components that decide how it copes. Stored in
// the design (`design.scenario`, docs/format.md); a design without one opens unchanged.

/** A source's rate over time, as a multiplier of its `rps`. Times in seconds from the start. */
export type LoadProfile =
  | { shape: 'flat' }
  /** × factor from `atS` on. */
  | { shape: 'step'; atS: number; factor: number }
  /** × 1 until `fromS`, rising linearly to × factor at `toS`, then held. */
  | { shape: 'ramp'; fromS: number; toS: number; factor: number }
  /** × factor from `atS` for `durationS`, × 1 before and after. */
  | { shape: 'spike'; atS: number; durationS: number; factor: number }
  /** × (1 + amplitude · sin(2π (t − phaseS) / periodS)); amplitude in [0, 1]. */
  | { shape: 'diurnal'; periodS: number; amplitude: number; phaseS?: number }
  /** Piecewise linear through (seconds, multiplier) points, held before the first and after the last. */
  | { shape: 'points'; points: [number, number][] };

/** Something that happens to a component (or a frame: every component in it) at a time. */
export type ScenarioEvent =
  /** `replicas` of the component's replicas stop (requests on them fail); back after `durationS` if given. */
  | { type: 'fail'; atS: number; node: string; replicas: number; durationS?: number }
  /** Service times × factor; back to normal after `durationS` if given. */
  | { type: 'slow'; atS: number; node: string; factor: number; durationS?: number }
  /** A cache loses its content: hit ratio 0, refilling linearly to its `hitRatio` over `warmupS`. */
  | { type: 'flush'; atS: number; node: string; warmupS: number }
  /** A zone/region is down: every component in the frame rejects what reaches it; back after `durationS` if given. */
  | { type: 'frame-down'; atS: number; frame: string; durationS?: number };

export interface Scenario {
  name: string;
  /** Length of the run, seconds. */
  durationS: number;
  /** Width of a timeline bucket, seconds (default: durationS / 120, at least 0.1). */
  bucketS?: number;
  /** Per source id; a source not listed keeps its rate. */
  profiles?: Record<string, LoadProfile>;
  events?: ScenarioEvent[];
}

/** How the wait before a retry is drawn (AWS Architecture Blog, "Exponential Backoff and Jitter", 2015). */
export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated';

/** Resilience settings of a synchronous connection (`edge.params`), all optional. */
export interface EdgeResilience {
  /** The caller gives up after this long; the callee still does the work. */
  timeoutMs?: number;
  retry?: {
    /** Attempts in all, the first included (1 = no retry). */
    maxAttempts: number;
    /** Base of the exponential backoff: attempt k waits from base · 2^(k−1), capped at `capMs`. */
    baseMs: number;
    capMs?: number;
    jitter?: Jitter;
    /** Retry budget: retries may be at most this share of first attempts (token bucket), e.g. 0.1. */
    budget?: number;
  };
  breaker?: {
    /** Opens when the share of failed calls over the last `window` calls reaches this. */
    errorRate: number;
    window?: number;
    /** Stays open (calls fail at once) this long, then lets one trial call through. */
    openMs: number;
  };
  /** Sends a second copy if no answer after this long; the first answer wins. */
  hedgeMs?: number;
}

/** Autoscaling of a component's replicas (`node.params.autoscale`). */
export interface Autoscale {
  min: number;
  max: number;
  /** Target utilization, 0–1. */
  target: number;
  /** Seconds between decisions. */
  periodS: number;
  /** Seconds from a scale-up decision until the new replicas serve (cold start). */
  delayS: number;
}
