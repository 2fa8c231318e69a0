// What the parts of a run outside the engine draw from: the engine's own stream (des-engine.ts),
// so one seed gives one run whichever side draws.
export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Standard normal. */
  normal(): number;
}
