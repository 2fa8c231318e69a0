import { describe, expect, it } from 'vitest';
import { rasterScale } from '../../../src/ui/canvas-image';

describe('rasterScale', () => {
  it('is 2× for an ordinary design', () => {
    expect(rasterScale(1600, 900)).toBe(2);
  });

  it('shrinks so no side passes 16,000 px and the area stays under 100 M pixels', () => {
    const wide = rasterScale(12_000, 800);
    expect(12_000 * wide).toBeLessThanOrEqual(16_000);
    const big = rasterScale(9_000, 9_000);
    expect(9_000 * big * 9_000 * big).toBeLessThanOrEqual(100_000_000 + 1);
    expect(big).toBeGreaterThan(1);
  });
});
