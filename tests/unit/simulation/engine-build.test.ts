// The engine's WebAssembly in src/simulation/engine-wasm.ts is what its sources compile to:
// a change to src/simulation/engine that was not rebuilt (`npm run engine`) fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUT, compileEngine, moduleSource } from '../../../scripts/build-engine';

describe('the engine build', () => {
  it('the committed WebAssembly is what the engine sources compile to', async () => {
    const committed = readFileSync(new URL(`../../../${OUT}`, import.meta.url), 'utf8');
    expect(committed === moduleSource(await compileEngine())).toBe(true);
  }, 60_000);
});
