// The one table of what a design may hold: every parameter's range, every text's length.
// restore(), the inspector, the commands, the simulator and the catalog all read it, so a design
// that can be made can always be saved and opened again.

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
}

/** Ranges of the simulated parameters, by dotted key (`service.meanMs`). */
export const PARAM_RULES = {
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
} as const satisfies Record<string, NumberRule>;

export const EDGE_RULES = {
  probability: { min: 0, max: 1 },
  weight: { min: 0, max: 1e6 },
  networkMs: { min: 0, max: 1e6 },
} as const satisfies Record<string, NumberRule>;

/** Lengths in code points. */
export const TEXT_LIMITS = {
  id: 120,
  name: 200,
  label: 500,
  note: 100_000,
} as const;
