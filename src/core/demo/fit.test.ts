import { describe, expect, it } from 'vitest';
import { allocate, fitSum } from './fit.js';

describe('fitSum', () => {
  it('hits the target exactly and respects the bounds', () => {
    const raw = [1000.4, 2500.7, 333.3, 9000.1];
    const lo = [500, 500, 500, 500];
    const hi = [3000, 3000, 3000, 12000];
    const out = fitSum(raw, lo, hi, 20001);
    expect(out.reduce((a, b) => a + b, 0)).toBe(20001);
    out.forEach((v, i) => {
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(lo[i]!);
      expect(v).toBeLessThanOrEqual(hi[i]!);
    });
  });

  it('refuses a target the bounds cannot reach', () => {
    expect(() => fitSum([1, 1], [0, 0], [10, 10], 25)).toThrow(/outside the bounds/);
  });
});

describe('allocate', () => {
  it('distributes an integer total exactly, in proportion', () => {
    const out = allocate([1, 2, 3.5, 0.3], 241);
    expect(out.reduce((a, b) => a + b, 0)).toBe(241);
    expect(out[2]).toBeGreaterThan(out[1]!);
  });
});
