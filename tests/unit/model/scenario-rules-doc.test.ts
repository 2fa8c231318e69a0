// docs/format.md's table of scenario limits must say what SCENARIO_RULES enforces, and its
// counts (events, points, buckets) what SCENARIO_LIMITS does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_LIMITS, SCENARIO_RULES, type NumberRule } from '../../../src/model/rules';

const doc = readFileSync(join(import.meta.dirname, '../../../docs/format.md'), 'utf8');
const figure = (s: string) => Number(s.replace(/,/g, ''));
/** The row naming a time by its first field stands for the rule of every other time. */
const RULE_OF_ROW: Record<string, string> = { atS: 'timeS' };

describe('docs/format.md, scenarios', () => {
  it('states every scenario limit as the rules enforce it', () => {
    const documented: Record<string, NumberRule> = {};
    for (const m of doc.matchAll(/^\| scenario `(\w+)`[^|]* \| (whole numbers?, )?([\d,.]+) – ([\d,.]+) \|$/gm)) {
      documented[RULE_OF_ROW[m[1]] ?? m[1]] = { min: figure(m[3]), max: figure(m[4]), ...(m[2] ? { integer: true } : {}) };
    }
    expect(documented).toEqual(Object.fromEntries(Object.entries(SCENARIO_RULES).map(([k, r]) => [k, { ...r }])));
  });

  it('states the counts a scenario may hold', () => {
    const n = (x: number) => x.toLocaleString('en-US');
    expect(doc).toContain(`| \`events\` | at most ${n(SCENARIO_LIMITS.events)},`);
    expect(doc).toContain(`pairs in time order, at most ${n(SCENARIO_LIMITS.points)}`);
    expect(doc).toContain(`at least \`durationS\` / ${n(SCENARIO_LIMITS.buckets)}`);
    expect(doc).toContain(`default \`durationS\` / 120, at least ${SCENARIO_RULES.bucketS.min}`);
  });
});
