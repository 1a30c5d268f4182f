import { dec } from '../../numeric/index.js';
import { formatPeriod } from '../../periods/index.js';
import { show } from '../messages.js';
import type { RawWarning } from '../types.js';
import { indicatorOf, owedBy, type Evaluator } from './shared.js';

/** A growth rate below zero: of the listed indicators, else of every growth rate owed. */
export const negativeGrowthRule: Evaluator<'negative_growth'> = (ctx) => {
  const { rule } = ctx;
  const periodText = formatPeriod(ctx.period);
  const owed = owedBy(ctx);
  const out: RawWarning[] = [];
  for (const c of ctx.counties) {
    const codes =
      rule.indicators ??
      owed(c)
        .filter((d) => d.kind === 'growth')
        .map((d) => d.code);
    for (const code of codes) {
      const v = ctx.obs.value(c, code, periodText);
      if (v === null || !dec(v).lt(0)) continue;
      const ind = indicatorOf(ctx, code);
      out.push({
        region: c,
        indicator: code,
        message: `${ind.name} ${ctx.evaluation.periodLabel} ${show(v, ind.unit)},负增长`,
        evidence: { value: v, unit: ind.unit },
      });
    }
  }
  return out;
};
