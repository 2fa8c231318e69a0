import { describe, expect, it } from 'vitest';
import { FRAMEWORK, DEFAULT_INTERVIEW_MINUTES } from '../../../src/interview/framework';
import { elapsedMs, formatClock, pauseWatch, phaseAt, phasePlan, startWatch, STOPPED } from '../../../src/interview/phase-plan';

const total = (plan: ReturnType<typeof phasePlan>) => plan.reduce((s, p) => s + p.durationSec, 0);

describe('phase plan', () => {
  it('splits the default 45 minutes across the seven steps in order', () => {
    expect(DEFAULT_INTERVIEW_MINUTES).toBe(45);
    const plan = phasePlan();
    expect(plan.map((p) => p.step)).toEqual(['requirements', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring']);
    expect(plan.map((p) => p.durationSec / 60)).toEqual(FRAMEWORK.map((s) => s.minutes));
    expect(total(plan)).toBe(45 * 60);
    // Contiguous: each step starts where the previous one ended.
    for (let i = 1; i < plan.length; i++) expect(plan[i].startSec).toBe(plan[i - 1].startSec + plan[i - 1].durationSec);
  });

  it('scales to other lengths in whole minutes that add up exactly', () => {
    for (const minutes of [10, 30, 44, 60, 61, 90, 120]) {
      const plan = phasePlan(minutes);
      expect(total(plan)).toBe(minutes * 60);
      for (const p of plan) {
        expect(p.durationSec % 60).toBe(0);
        expect(p.durationSec).toBeGreaterThan(0);
      }
    }
    // Serving keeps the biggest share.
    const sixty = phasePlan(60);
    expect(Math.max(...sixty.map((p) => p.durationSec))).toBe(sixty.find((p) => p.step === 'serving')!.durationSec);
  });

  it('clamps nonsense lengths', () => {
    expect(total(phasePlan(1))).toBe(10 * 60);
    expect(total(phasePlan(1000))).toBe(120 * 60);
    expect(total(phasePlan(Number.NaN))).toBe(45 * 60);
  });

  it('finds the current step and the time left in it', () => {
    const plan = phasePlan(45);
    expect(phaseAt(plan, 0)).toMatchObject({ index: 0, step: 'requirements', leftSec: 300, totalLeftSec: 2700, over: false });
    expect(phaseAt(plan, 299.5)).toMatchObject({ step: 'requirements', leftSec: 0.5 });
    expect(phaseAt(plan, 300)).toMatchObject({ index: 1, step: 'framing', leftSec: 300 });
    // 5 + 5 + 6 + 8 + 6 = 30 minutes in: serving has just begun.
    expect(phaseAt(plan, 30 * 60 + 1)).toMatchObject({ step: 'serving', leftSec: 599 });
    const over = phaseAt(plan, 46 * 60);
    expect(over).toMatchObject({ index: 6, step: 'monitoring', leftSec: 0, over: true, totalLeftSec: -60 });
  });

  it('formats a clock, overruns with a minus sign', () => {
    expect(formatClock(754)).toBe('12:34');
    expect(formatClock(59.2)).toBe('1:00');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(-65)).toBe('−1:05');
  });
});

describe('stopwatch', () => {
  it('runs, pauses without losing time, and resumes', () => {
    let w = startWatch(STOPPED, 1000);
    expect(elapsedMs(w, 4000)).toBe(3000);
    w = pauseWatch(w, 4000);
    expect(elapsedMs(w, 99_000)).toBe(3000);
    expect(pauseWatch(w, 5000)).toBe(w);
    w = startWatch(w, 10_000);
    expect(startWatch(w, 11_000)).toBe(w);
    expect(elapsedMs(w, 12_500)).toBe(5500);
  });
});
