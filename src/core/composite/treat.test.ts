import { describe, expect, it } from 'vitest';
import { kurtosis, logCT, skewness, treat } from './treat.js';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('skewness and kurtosis (COINr formulas)', () => {
  it('are zero-ish for symmetric data and ignore missing values', () => {
    expect(skewness([1, 2, 3, 4, 5])).toBeCloseTo(0, 12);
    expect(skewness([1, null, 2, 3, null, 4, 5])).toBeCloseTo(0, 12);
    // Excel's KURT of 1..5 is -1.2
    expect(kurtosis([1, 2, 3, 4, 5])).toBeCloseTo(-1.2, 12);
  });
});

describe('treat', () => {
  it('leaves a passing indicator alone', () => {
    const r = treat([1, 2, 3, null, 5]);
    expect(r).toMatchObject({ method: 'none', nwin: 0, values: [1, 2, 3, null, 5] });
  });

  it('winsorises the maximum step by step until it passes', () => {
    // 1000 → 50, then both 50s → 19: two distinct points.
    const r = treat([...oneTo(19), 50, 1000]);
    expect(r.method).toBe('winsorise');
    expect(r.nwin).toBe(2);
    expect(r.values).toEqual([...oneTo(19), 19, 19]);
    expect(r.skew).toBeGreaterThan(2);
  });

  it('replaces tied extremes together and counts each point', () => {
    const r = treat([...oneTo(20), 100, 100]);
    expect(r).toMatchObject({ method: 'winsorise', nwin: 2 });
    expect(r.values).toEqual([...oneTo(20), 20, 20]);
  });

  it('winsorises the minimum when skew is negative, keeping missing values', () => {
    const r = treat([-1000, null, ...oneTo(20)]);
    expect(r.method).toBe('winsorise');
    expect(r.skew).toBeLessThan(-2);
    expect(r.values).toEqual([1, null, ...oneTo(20)]);
  });

  it('falls back to log_CT of the original values when winsorising is not enough', () => {
    const x = [...oneTo(19), 50, 1000];
    const r = treat(x, { winmax: 1 });
    expect(r.method).toBe('log_CT');
    expect(r.values).toEqual(x.map((v) => Math.log(v - 1 + 0.01 * 999)));
  });

  it('log_CT keeps missing values', () => {
    expect(logCT([0, null, 100])).toEqual([Math.log(1), null, Math.log(101)]);
  });
});
