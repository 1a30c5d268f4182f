import { describe, expect, it } from 'vitest';
import { indicatorsNeeded } from '../../src/core/evaluate/index.js';
import { preparePlan } from '../../src/core/plans/index.js';
import { findPlan, loadBuiltinPlans, loadIndicators } from '../../src/io/plans.js';

describe('indicatorsNeeded: what an evaluation of a plan reads', () => {
  const prepared = preparePlan(findPlan(loadBuiltinPlans(), 'hlj-2026'), loadIndicators());
  const needed = indicatorsNeeded(prepared);

  it("holds every target's indicator and what a province value is derived from", () => {
    for (const t of prepared.targets) expect(needed.has(t.indicator), t.indicator).toBe(true);
    // Closed under derivation: a ratio's numerator and denominator, a count's base, are read too.
    const inputs = [...needed].flatMap((code) => {
      const a = prepared.indicators.get(code)?.aggregate;
      return a?.method === 'ratio' ? [a.numerator, a.denominator] : a?.method === 'count_over' ? [a.of] : [];
    });
    expect(inputs.length).toBeGreaterThan(0);
    for (const code of inputs) expect(needed.has(code), code).toBe(true);
  });

  it('leaves out indicators the plan never reads', () => {
    const all = loadIndicators().map((i) => i.code);
    expect(needed.size).toBeLessThan(all.length);
  });
});
