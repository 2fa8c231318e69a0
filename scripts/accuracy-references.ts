// Makes the accuracy references: every design of tests/unit/simulation/accuracy-designs.ts
// through the discrete-event engine at several seeds, written to
// tests/fixtures/accuracy/references.json with the mean over the seeds and the half-width of
// its 95 % confidence interval (Student t). analytic-accuracy.test.ts reads them.
// Usage: npx tsx scripts/accuracy-references.ts [--seeds 4] [--scale 1] [--only <id substring>]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateDes } from '../src/simulation/des';
import { accuracyCases, fingerprint, type Reference } from '../tests/unit/simulation/accuracy-designs';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const seeds = Number(opt('--seeds', '4'));
const scale = Number(opt('--scale', '1'));
const only = opt('--only', '');
const OUT = join(import.meta.dirname, '../tests/fixtures/accuracy/references.json');
// Student t quantiles at 97.5 % for 1…9 degrees of freedom.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262];

let existing: Record<string, Reference> = {};
try {
  existing = JSON.parse(readFileSync(OUT, 'utf8')).cases;
} catch {
  existing = {};
}

function stats(xs: number[]): { value: number; ci: number } {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1);
  return { value: m, ci: xs.length > 1 ? (T975[Math.min(xs.length - 2, T975.length - 1)] * Math.sqrt(v)) / Math.sqrt(xs.length) : Infinity };
}

for (const c of accuracyCases()) {
  if (only && !c.id.includes(only)) continue;
  const requests = Math.round(c.requests * scale);
  const runs: Record<string, number[]> = {};
  const add = (k: string, v: number | null) => (runs[k] ??= []).push(v ?? NaN);
  const t0 = performance.now();
  for (let seed = 1; seed <= seeds; seed++) {
    const r = simulateDes(c.design, { requests, seed });
    if (!r.ok) throw new Error(`${c.id}: ${r.error}`);
    const rep = r.report;
    for (const q of ['mean', 'p50', 'p95', 'p99'] as const) add(q, rep.latencyMs[q]);
    add('throughputRps', rep.throughputRps);
    add('errorRate', rep.errorRate);
    for (const w of c.watch) add(`utilization ${w}`, rep.nodes[w].utilization);
  }
  const figures: Reference['figures'] = {};
  for (const [k, xs] of Object.entries(runs)) figures[k] = stats(xs);
  existing[c.id] = { fingerprint: fingerprint(c.design), requests, seeds, figures };
  console.error(`${c.id}: ${((performance.now() - t0) / 1000).toFixed(1)} s`, JSON.stringify(figures));
  writeFileSync(OUT, JSON.stringify({ note: 'Made by scripts/accuracy-references.ts; do not edit by hand.', cases: existing }, null, 1) + '\n');
}
