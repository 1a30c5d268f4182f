import { describe, expect, it } from 'vitest';
import { LeitaiError } from '../errors/index.js';
import { aggregate, rank } from './aggregate.js';

describe('aggregate', () => {
  it('weighted arithmetic mean', () => {
    expect(aggregate([10, 40], [3, 1])).toBe(17.5);
  });

  it('skips missing children and rescales the remaining weights', () => {
    expect(aggregate([10, null, 40], [1, 5, 1])).toBe(25);
    expect(aggregate([null, null], [1, 1])).toBeNull();
  });

  it('weighted geometric mean', () => {
    expect(aggregate([4, 16], [1, 1], 'geom')).toBeCloseTo(8, 12);
    expect(aggregate([2, 16], [3, 1], 'geom')).toBeCloseTo(2 ** (7 / 4), 12);
    expect(aggregate([0, 16], [1, 1], 'geom')).toBe(0);
  });

  it('weighted harmonic mean', () => {
    expect(aggregate([1, 3], [1, 1], 'harm')).toBeCloseTo(1.5, 12);
    expect(aggregate([2, null, 6], [1, 1, 2], 'harm')).toBeCloseTo(3 / (1 / 2 + 2 / 6), 12);
  });

  it('geometric and harmonic means reject negative values', () => {
    expect(() => aggregate([-1, 2], [1, 1], 'geom')).toThrow(LeitaiError);
    expect(() => aggregate([-1, 2], [1, 1], 'harm')).toThrow(LeitaiError);
  });
});

describe('rank', () => {
  it('highest first, ties share the lowest rank, missing kept', () => {
    expect(rank([50, 70, null, 70, 10])).toEqual([3, 1, null, 1, 4]);
  });
});
