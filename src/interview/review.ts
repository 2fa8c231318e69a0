// Feedback on a design without a server: the rubrics of review-rubrics.ts applied to the seven
// steps, a score of 0–3 per step and one overall. Deterministic: the same design and figures
// always read the same, so a review can be tested and compared before and after an edit.
import type { Design } from '../model/design';
import { FRAMEWORK, type StepId } from './framework';
import { reviewGraph } from './review-graph';
import { RUBRICS, type CapacityFigures, type Finding } from './review-rubrics';

export type { CapacityFigures, Citation, Finding, FindingId } from './review-rubrics';
export { HEADROOM, MAX_UTILIZATION } from './review-rubrics';

export type Grade = 'weak' | 'fair' | 'strong';

export interface StepReview {
  step: StepId;
  title: string;
  /** 0–3: three, less the cost of each finding. */
  score: number;
  grade: Grade;
  findings: Finding[];
}

export interface DesignReview {
  steps: StepReview[];
  /** Mean of the step scores, 0–3. */
  score: number;
  grade: Grade;
}

export const MAX_STEP_SCORE = 3;

/** 3 strong, 2 fair, below weak; the overall mean is strong from 2.5 (half a point lost per step at most on average). */
export function gradeOf(score: number): Grade {
  if (score >= 2.5) return 'strong';
  return score >= 1.5 ? 'fair' : 'weak';
}

export interface ReviewOptions {
  /** The analytic figures at the design's load; null when they could not be worked out. */
  capacity: CapacityFigures | null;
  kindName?: (kind: string) => string | undefined;
}

export function reviewDesign(design: Design, opts: ReviewOptions): DesignReview {
  const graph = reviewGraph(design);
  const input = { design, capacity: opts.capacity, kindName: opts.kindName };
  const steps = FRAMEWORK.map((step): StepReview => {
    const findings: Finding[] = [];
    if ((design.notes[step.id] ?? '').trim() === '') {
      findings.push({ id: 'note-empty', step: step.id, cost: 2, cites: { note: step.id }, text: `Nothing written for "${step.title}".` });
    }
    findings.push(...RUBRICS[step.id](input, graph));
    const score = Math.max(0, MAX_STEP_SCORE - findings.reduce((s, f) => s + f.cost, 0));
    return { step: step.id, title: step.title, score, grade: score >= MAX_STEP_SCORE ? 'strong' : score >= 2 ? 'fair' : 'weak', findings };
  });
  const score = steps.reduce((s, r) => s + r.score, 0) / steps.length;
  return { steps, score, grade: gradeOf(score) };
}
