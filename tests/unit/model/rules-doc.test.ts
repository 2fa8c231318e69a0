// docs/format.md lists the parameter ranges for people writing designs by hand: it must say
// what src/model/rules.ts enforces, row by row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDGE_RULES, PARAM_RULES, type NumberRule } from '../../../src/model/rules';

const doc = readFileSync(join(import.meta.dirname, '../../../docs/format.md'), 'utf8');
const figure = (s: string) => Number(s.replace(/,/g, ''));

/** `| `a`, `b` | whole numbers, 1 – 100,000 |` → a and b with that rule; a row starting "edge" names edge keys. */
function documented(): Map<string, NumberRule> {
  const out = new Map<string, NumberRule>();
  for (const m of doc.matchAll(/^\| ((?:edge )?(?:`[\w.]+`(?:, )?)+) \| (whole numbers?, )?([\d,.]+) – ([\d,.]+) \|$/gm)) {
    const prefix = m[1].startsWith('edge ') ? 'edge.' : '';
    for (const k of m[1].matchAll(/`([\w.]+)`/g)) {
      out.set(`${prefix}${k[1]}`, { min: figure(m[3]), max: figure(m[4]), ...(m[2] ? { integer: true } : {}) });
    }
  }
  return out;
}

describe('docs/format.md', () => {
  it('states every parameter range exactly as the rules enforce it', () => {
    const expected = new Map<string, NumberRule>([
      ...Object.entries(PARAM_RULES).map(([k, r]) => [k, { ...r }] as [string, NumberRule]),
      ...Object.entries(EDGE_RULES).map(([k, r]) => [`edge.${k}`, { ...r }] as [string, NumberRule]),
    ]);
    expect(Object.fromEntries(documented())).toEqual(Object.fromEntries(expected));
  });
});
