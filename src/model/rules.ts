// The one table of what a design may hold: every parameter's kind and range, every text's length.
// restore(), the inspector, the commands, the simulator and the catalog all read it, so a design
// that can be made can always be saved and opened again.

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** The minimum itself is not allowed (a target of 0 ms means nothing). */
  aboveMin?: boolean;
}

/**
 * Scenario and resilience parameters of a component (docs/format.md). restore() clamps or drops
 * a wrong one with a warning instead of refusing the design: they only matter to a scenario run.
 */
export const NODE_RESILIENCE_RULES = {
  failureRate: { min: 0, max: 1 },
  'autoscale.min': { min: 1, max: 100_000, integer: true },
  'autoscale.max': { min: 1, max: 100_000, integer: true },
  'autoscale.target': { min: 0.01, max: 1 },
  'autoscale.periodS': { min: 1, max: 3_600 },
  'autoscale.delayS': { min: 0, max: 3_600 },
  'service.slowShare': { min: 0, max: 1 },
  'service.slowFactor': { min: 1, max: 10_000 },
  users: { min: 0, max: 1e7, integer: true },
  thinkMs: { min: 0, max: 1e7 },
} as const satisfies Record<string, NumberRule>;

/** Ranges of the simulated parameters, by dotted key (`service.meanMs`). */
export const PARAM_RULES = {
  ...NODE_RESILIENCE_RULES,
  rps: { min: 0, max: 1e8 },
  replicas: { min: 1, max: 100_000, integer: true },
  concurrency: { min: 1, max: 100_000, integer: true },
  queueLimit: { min: 0, max: 1e7, integer: true },
  hitRatio: { min: 0, max: 1 },
  itemsPerRequest: { min: 0, max: 1e6 },
  perItemMs: { min: 0, max: 1e6 },
  'service.meanMs': { min: 0, max: 1e7 },
  'service.cv': { min: 0, max: 100 },
  'batch.maxSize': { min: 1, max: 100_000, integer: true },
  'batch.timeoutMs': { min: 0, max: 1e6 },
  'batch.perItemMs': { min: 0, max: 1e6 },
  // An LLM server (docs/llm-serving.md).
  'llm.tp': { min: 1, max: 64, integer: true },
  'llm.maxSeqs': { min: 1, max: 100_000, integer: true },
  'llm.promptTokens': { min: 1, max: 1e6 },
  'llm.promptCv': { min: 0, max: 10 },
  'llm.outputTokens': { min: 1, max: 1e6 },
  'llm.outputCv': { min: 0, max: 10 },
  'llm.mfu': { min: 0.01, max: 1 },
  'llm.mbu': { min: 0.01, max: 1 },
  'llm.memoryUtilization': { min: 0.01, max: 1 },
  'llm.stepOverheadMs': { min: 0, max: 1e5 },
  'llm.gpuHourUsd': { min: 0, max: 1e4 },
} as const satisfies Record<string, NumberRule>;

/** Parameters that take one of a few words. The first is what the simulator assumes when unset. */
export const PARAM_CHOICES = {
  arrivals: ['poisson', 'uniform'],
  dispatch: ['all', 'one'],
  fanout: ['parallel', 'sequential'],
  'service.dist': ['exponential', 'constant', 'lognormal'],
  'llm.model': ['llama-3.1-8b', 'llama-3.1-70b', 'llama-2-7b', 'llama-2-70b', 'mistral-7b', 'qwen2.5-7b', 'qwen2.5-72b', 'mixtral-8x7b'],
  'llm.gpu': ['h100-sxm', 'h200', 'a100-80gb', 'l4', 'mi300x'],
  'llm.batching': ['continuous', 'static'],
} as const satisfies Record<string, readonly string[]>;

/** Parameters that hold an object of ruled parameters (`service.meanMs` lives in `service`). */
export const PARAM_GROUPS = ['service', 'batch', 'autoscale', 'llm'] as const;

/** Resilience settings of a connection (`EdgeResilience` in scenario.ts), as NODE_RESILIENCE_RULES. */
export const EDGE_RESILIENCE_RULES = {
  timeoutMs: { min: 1, max: 1e7 },
  'retry.maxAttempts': { min: 1, max: 10, integer: true },
  'retry.baseMs': { min: 0, max: 1e6 },
  'retry.capMs': { min: 0, max: 1e7 },
  'retry.budget': { min: 0, max: 1 },
  'breaker.errorRate': { min: 0.01, max: 1 },
  'breaker.window': { min: 1, max: 100_000, integer: true },
  'breaker.openMs': { min: 0, max: 1e7 },
  hedgeMs: { min: 0, max: 1e7 },
} as const satisfies Record<string, NumberRule>;

export const EDGE_RULES = {
  ...EDGE_RESILIENCE_RULES,
  probability: { min: 0, max: 1 },
  weight: { min: 0, max: 1e6 },
  networkMs: { min: 0, max: 1e6 },
} as const satisfies Record<string, NumberRule>;

export const EDGE_CHOICES = {
  mode: ['sync', 'async', 'offline'],
  'retry.jitter': ['full', 'none', 'equal', 'decorrelated'],
} as const satisfies Record<string, readonly string[]>;

/** Edge parameters that hold an object of ruled parameters. */
export const EDGE_GROUPS = ['retry', 'breaker'] as const;

/**
 * What a setting that was left out means, filled in when part of its object is given: the AWS
 * SDKs' standard retry mode (3 attempts, backoff capped at 20 s), Resilience4j's circuit breaker
 * (50 % over 100 calls, open 60 s) and the Kubernetes Horizontal Pod Autoscaler (15 s period).
 * Sources: docs/format.md ("Scenarios").
 */
export const RESILIENCE_DEFAULTS = {
  retry: { maxAttempts: 3, baseMs: 100, capMs: 20_000, jitter: 'full' },
  breaker: { errorRate: 0.5, window: 100, openMs: 60_000 },
  autoscale: { min: 1, max: 10, target: 0.5, periodS: 15, delayS: 30 },
} as const;
/** The fields of each object that a run cannot do without; the others stay optional. */
export const RESILIENCE_REQUIRED = {
  retry: ['maxAttempts', 'baseMs'],
  breaker: ['errorRate', 'openMs'],
  autoscale: ['min', 'max', 'target', 'periodS', 'delayS'],
} as const;

/** Limits of `design.scenario`: times in seconds, factors as multipliers. */
export const SCENARIO_RULES = {
  durationS: { min: 1, max: 86_400 },
  bucketS: { min: 0.1, max: 86_400 },
  /** Any other time: when an event happens, how long it lasts, a profile's times. */
  timeS: { min: 0, max: 86_400 },
  factor: { min: 0, max: 1_000 },
  /** A slowdown's factor: service times × this. */
  slowFactor: { min: 1, max: 1_000 },
  replicas: { min: 1, max: 100_000, integer: true },
  amplitude: { min: 0, max: 1 },
  periodS: { min: 0.1, max: 86_400 },
} as const satisfies Record<string, NumberRule>;
export const SCENARIO_LIMITS = { events: 1_000, points: 1_000, buckets: 10_000, defaultDurationS: 60 } as const;

/** What an edge parameter means when it is not written down. */
export const EDGE_DEFAULTS = { mode: 'sync', probability: 1, weight: 1, networkMs: 0 } as const;

/** The service-level objective `{ p99Ms, rps }`: both must be above zero. */
export const SLO_RULES = {
  p99Ms: { min: 0, max: 1e7, aboveMin: true },
  rps: { ...PARAM_RULES.rps, aboveMin: true },
} as const satisfies Record<string, NumberRule>;

/** Canvas coordinates (positions, sizes); a frame's members are relative to it. */
export const COORD_LIMIT = 1e7;
export const SIZE_RULES = {
  width: { min: 40, max: COORD_LIMIT },
  height: { min: 30, max: COORD_LIMIT },
} as const satisfies Record<string, NumberRule>;

/** Lengths in code points. */
export const TEXT_LIMITS = {
  id: 120,
  name: 200,
  label: 500,
  note: 100_000,
} as const;

export const DEFAULT_DESIGN_NAME = 'Untitled design';

export type ParamKey = keyof typeof PARAM_RULES;
export type ChoiceKey = keyof typeof PARAM_CHOICES;

export function paramRule(key: string): NumberRule | undefined {
  return Object.hasOwn(PARAM_RULES, key) ? PARAM_RULES[key as ParamKey] : undefined;
}

export function paramChoices(key: string): readonly string[] | undefined {
  return Object.hasOwn(PARAM_CHOICES, key) ? PARAM_CHOICES[key as ChoiceKey] : undefined;
}
