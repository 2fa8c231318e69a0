// The measured error of the analytic figures, per case and per class, and the table of
// docs/accuracy.md that states it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../../src/simulation/report';
import type { AccuracyCase, Reference } from './accuracy-designs';

export const FIGURES = ['mean', 'p50', 'p95', 'p99'] as const;
export type Figure = (typeof FIGURES)[number];
/** The goal, in percent of the discrete-event figure. */
export const GOAL: Record<Figure, number> = { mean: 5, p50: 10, p95: 10, p99: 10 };

/**
 * Relative error in percent beyond the reference's 95 % confidence interval: what the
 * reference can tell apart from zero.
 */
export function errorPct(analytic: number | null, ref: { value: number; ci: number | null }): number {
  if (analytic === null) return Infinity;
  return (Math.max(0, Math.abs(analytic - ref.value) - (ref.ci ?? 0)) / ref.value) * 100;
}

export type Row = Partial<Record<Figure, number>>;

export function measuredTable(cases: AccuracyCase[], refs: Record<string, Reference>, run: (c: AccuracyCase) => Report) {
  const perCase = new Map<string, Row>();
  const perClass = new Map<string, Row>();
  for (const c of cases) {
    const ref = refs[c.id];
    if (!ref) continue;
    const r = run(c);
    const row: Row = {};
    for (const f of FIGURES) row[f] = errorPct(r.latencyMs[f], ref.figures[f]);
    perCase.set(c.id, row);
    const cls = perClass.get(c.cls) ?? {};
    for (const f of FIGURES) cls[f] = Math.max(cls[f] ?? 0, row[f]!);
    perClass.set(c.cls, cls);
  }
  return { perCase, perClass };
}

/** Rows "| class | mean | p50 | p95 | p99 |" of the measured table in docs/accuracy.md, in percent. */
export function readDocTable(): Map<string, Record<Figure, number>> {
  const text = readFileSync(join(import.meta.dirname, '../../../docs/accuracy.md'), 'utf8');
  const start = text.indexOf('<!-- measured -->');
  const end = text.indexOf('<!-- /measured -->');
  const rows = new Map<string, Record<Figure, number>>();
  for (const line of text.slice(start, end).split('\n')) {
    const cells = line.split('|').map((s) => s.trim());
    const nums = cells.slice(2, 6).map((s) => Number(s.replace(/[≤ %]/g, '')));
    if (cells.length < 7 || nums.some((n) => !Number.isFinite(n))) continue;
    rows.set(cells[1], { mean: nums[0], p50: nums[1], p95: nums[2], p99: nums[3] });
  }
  return rows;
}
