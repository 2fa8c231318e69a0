// The analytic engine against the discrete-event references (tests/fixtures/accuracy, made by
// scripts/accuracy-references.ts at several seeds), class by class. Each figure is within the
// goal (mean 5 %, percentiles 10 %) or the report marks it approximate with an expected error
// that covers what is measured here; docs/accuracy.md states these measured errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/simulation/analytic';
import type { Report } from '../../../src/simulation/report';
import { accuracyCases, fingerprint, type Reference } from './accuracy-designs';
import { measuredTable, readDocTable, FIGURES, GOAL } from './accuracy-table';

const REFS: Record<string, Reference> = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/accuracy/references.json'), 'utf8')).cases;
const cases = accuracyCases();

function run(c: (typeof cases)[number]): Report {
  const r = analyze(c.design);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

const table = measuredTable(cases, REFS, run);

describe('the accuracy references', () => {
  it('were made for the designs of the reference set', () => {
    for (const c of cases) {
      expect(REFS[c.id], `${c.id}: run npx tsx scripts/accuracy-references.ts`).toBeDefined();
      expect(REFS[c.id].fingerprint, `${c.id} changed: rerun npx tsx scripts/accuracy-references.ts --only "${c.id}"`).toBe(fingerprint(c.design));
    }
  });
});

describe('analytic figures against the discrete-event references', () => {
  for (const c of cases) {
    it(`${c.id}: within the goal, or marked approximate with an expected error that covers it`, () => {
      const report = run(c);
      const row = table.perCase.get(c.id)!;
      for (const f of FIGURES) {
        const err = row[f];
        if (err === undefined || err <= GOAL[f]) continue;
        const expected = report.approximate?.expectedErrorPct[f];
        expect(expected, `${c.id} ${f}: ${err.toFixed(1)} % off and not marked approximate`).toBeDefined();
        expect(expected!, `${c.id} ${f}: ${err.toFixed(1)} % off, marked ±${expected} %`).toBeGreaterThanOrEqual(err);
      }
      // Throughput and utilizations are flows, not approximations: within 2 %.
      const ref = REFS[c.id].figures;
      expect(Math.abs(report.throughputRps / ref.throughputRps.value - 1), 'throughput').toBeLessThan(0.02 + ref.throughputRps.ci / ref.throughputRps.value);
      expect(Math.abs(report.errorRate - ref.errorRate.value), 'error rate').toBeLessThan(0.01 + ref.errorRate.ci);
      for (const w of c.watch) {
        const u = ref[`utilization ${w}`];
        expect(Math.abs(report.nodes[w].utilization - u.value), `utilization of ${w}`).toBeLessThan(0.02 + u.ci);
      }
    });
  }
});

describe('docs/accuracy.md', () => {
  it('states the measured error of every figure in every class', () => {
    const doc = readDocTable();
    const lines = [...table.perClass].map(([cls, m]) => `| ${cls} | ${FIGURES.map((f) => `${Math.ceil(m[f] ?? 0)} %`).join(' | ')} |`);
    console.log(['measured (largest |error| beyond the reference interval, rounded up):', ...lines].join('\n'));
    for (const [cls, measured] of table.perClass) {
      const stated = doc.get(cls);
      expect(stated, `docs/accuracy.md has no row for "${cls}"`).toBeDefined();
      for (const f of FIGURES) {
        const m = measured[f] ?? 0;
        // The stated bound holds, and is the measured error rounded up to a whole percent.
        expect(stated![f], `${cls} ${f}: measured ${m.toFixed(2)} %`).toBeGreaterThanOrEqual(m);
        expect(stated![f], `${cls} ${f}: measured ${m.toFixed(2)} %`).toBeLessThanOrEqual(Math.ceil(m) + 1);
      }
    }
  });
});
