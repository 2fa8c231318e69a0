// The interview timer's arithmetic: the total time split across the seven steps in the
// proportions of the default plan, and which step a moment of the interview falls in.
import { FRAMEWORK, DEFAULT_INTERVIEW_MINUTES, type StepId } from './framework';

export const MIN_MINUTES = 10;
export const MAX_MINUTES = 120;

export interface Phase {
  step: StepId;
  startSec: number;
  durationSec: number;
}

/**
 * Whole-minute phases summing exactly to `totalMinutes` (clamped to 10…120): each step gets its
 * share of the default 45-minute plan, and the minutes lost to rounding go to the steps that
 * lost the most (largest remainder), so a 60-minute plan still adds up to 60.
 */
export function phasePlan(totalMinutes: number = DEFAULT_INTERVIEW_MINUTES): Phase[] {
  const total = Math.round(Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, Number.isFinite(totalMinutes) ? totalMinutes : DEFAULT_INTERVIEW_MINUTES)));
  const exact = FRAMEWORK.map((s) => (s.minutes * total) / DEFAULT_INTERVIEW_MINUTES);
  const minutes = exact.map(Math.floor);
  let left = total - minutes.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left <= 0) break;
    minutes[i]++;
    left--;
  }
  let start = 0;
  return FRAMEWORK.map((s, i) => {
    const phase = { step: s.id, startSec: start, durationSec: minutes[i] * 60 };
    start += phase.durationSec;
    return phase;
  });
}

export interface PhaseStatus {
  /** Index into the plan; the last step once time is up. */
  index: number;
  step: StepId;
  /** Seconds left in the current step (0 once time is up). */
  leftSec: number;
  /** Seconds left in the whole interview; negative once it has overrun. */
  totalLeftSec: number;
  over: boolean;
}

export function phaseAt(plan: readonly Phase[], elapsedSec: number): PhaseStatus {
  const t = Math.max(0, elapsedSec);
  const end = plan.length ? plan[plan.length - 1].startSec + plan[plan.length - 1].durationSec : 0;
  let index = plan.findIndex((p) => t < p.startSec + p.durationSec);
  const over = index < 0;
  if (over) index = plan.length - 1;
  const p = plan[index];
  return { index, step: p.step, leftSec: over ? 0 : p.startSec + p.durationSec - t, totalLeftSec: end - t, over };
}

/** 754 → "12:34"; negative values as "−0:05" (an overrun). */
export function formatClock(seconds: number): string {
  const s = Math.ceil(Math.abs(seconds) - 1e-9);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return seconds < 0 && s > 0 ? `−${text}` : text;
}

/** A stopwatch as a value: time banked by earlier runs plus the run in progress, if any. */
export interface Stopwatch {
  bankedMs: number;
  /** Clock reading when the current run started; null while paused. */
  runningSinceMs: number | null;
}

export const STOPPED: Stopwatch = { bankedMs: 0, runningSinceMs: null };

export function startWatch(w: Stopwatch, nowMs: number): Stopwatch {
  return w.runningSinceMs === null ? { ...w, runningSinceMs: nowMs } : w;
}

export function pauseWatch(w: Stopwatch, nowMs: number): Stopwatch {
  return w.runningSinceMs === null ? w : { bankedMs: elapsedMs(w, nowMs), runningSinceMs: null };
}

export function elapsedMs(w: Stopwatch, nowMs: number): number {
  return w.bankedMs + (w.runningSinceMs === null ? 0 : Math.max(0, nowMs - w.runningSinceMs));
}
