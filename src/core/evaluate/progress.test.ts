import { describe, expect, it } from 'vitest';
import { inYearProgress } from './progress.js';

describe('in-year progress (时间过半、任务过半)', () => {
  it('says how much of the annual target is done beside how much should be', () => {
    const { progress } = inYearProgress({
      value: 6,
      month: 9,
      lastYearSame: null,
      lastYearTotal: null,
      target: 8,
    });
    expect(progress).toMatchObject({ basis: 'linear', share: 0.75, done: 0.75, expected: 6 });
  });

  it('has no share done without a target, or against a target of zero', () => {
    const at = { value: 3, month: 6, lastYearSame: 2, lastYearTotal: 5 };
    expect(inYearProgress({ ...at, target: null }).progress).toMatchObject({
      basis: 'seasonal',
      share: 0.4,
      done: null,
      expected: null,
    });
    expect(inYearProgress({ ...at, target: 0 }).progress.done).toBeNull();
  });
});
