// A short seeded run of the hostile-input fuzzer (fuzz-run.ts); `npm run fuzz` runs it longer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog';
import { runFuzz } from './fuzz-run';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/v1-design.json'), 'utf8'));

describe('fuzz: decode + restore never throw, never return an invalid design, never open a changed link', () => {
  it('10,000+ mutated and random files, objects and links', async () => {
    const counts = await runFuzz({
      seed: 20261125,
      iterations: 10_500,
      kinds: catalog.kinds.map((k) => k.kind),
      defaultsFor: (k) => catalog.defaultsFor(k),
      seeds: [fixture],
    });
    expect(counts.files + counts.objects + counts.links).toBeGreaterThanOrEqual(10_000);
    // Both outcomes are exercised: a fuzzer whose every case fails parsing proves little.
    expect(counts.ok).toBeGreaterThan(1000);
    expect(counts.refused).toBeGreaterThan(1000);
  }, 30_000);
});
