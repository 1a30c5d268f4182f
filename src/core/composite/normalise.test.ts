import { describe, expect, it } from 'vitest';
import { LeitaiError } from '../errors/index.js';
import { normalise } from './normalise.js';

describe('normalise', () => {
  it('min-max onto 0–100 by default, missing kept', () => {
    expect(normalise([2, null, 4, 6], { method: 'minmax' })).toEqual([0, null, 50, 100]);
  });

  it('min-max with direction -1 makes the lowest value best', () => {
    expect(normalise([2, 4, 6], { method: 'minmax', direction: -1 })).toEqual([100, 50, 0]);
  });

  it('min-max onto another range', () => {
    expect(normalise([0, 5, 10], { method: 'minmax', range: [1, 2] })).toEqual([1, 1.5, 2]);
  });

  it('z-score has mean 0 and sample sd 1', () => {
    const z = normalise([1, 2, 3], { method: 'zscore' }) as number[];
    expect(z[0]).toBeCloseTo(-1, 12);
    expect(z[1]).toBeCloseTo(0, 12);
    expect(z[2]).toBeCloseTo(1, 12);
  });

  it('rank uses average ranks onto the range', () => {
    expect(normalise([10, 30, 20, 30], { method: 'rank' })).toEqual([
      0,
      (2.5 / 3) * 100,
      (1 / 3) * 100,
      (2.5 / 3) * 100,
    ]);
  });

  it('goalposts map worst → lo and best → hi, clipped', () => {
    expect(normalise([0, 5, 10, 20], { method: 'goalposts', goalposts: [10, 0] })).toEqual([
      100, 50, 0, 0,
    ]);
  });

  it('rejects a constant indicator and goalposts without goalposts', () => {
    expect(() => normalise([3, 3], { method: 'minmax', code: 'X' })).toThrow(LeitaiError);
    expect(() => normalise([3, 4], { method: 'goalposts', code: 'X' })).toThrow(/X/);
  });
});
