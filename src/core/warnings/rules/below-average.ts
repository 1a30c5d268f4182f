import { dec, round, sum } from '../../numeric/index.js';
import { formatPeriod } from '../../periods/index.js';
import { showPair } from '../messages.js';
import type { RawWarning, SourceContext } from '../types.js';
import { indicatorOf, type Evaluator } from './shared.js';

interface Group {
  key: string;
  title: string;
  members: readonly string[];
}

/** Whom a county is compared with: all the plan's counties, or each category's. */
function groupsOf(ctx: SourceContext, against: 'province' | 'category'): Group[] {
  if (against === 'province')
    return [{ key: 'province', title: '全省县域', members: ctx.counties }];
  const plan = ctx.prepared.plan;
  if (plan.categories.length === 0)
    ctx.note(`规则「${ctx.rule.id}」按类别比较,但本计划没有县域类别`);
  return plan.categories.map((cat) => ({
    key: cat.code,
    title: cat.name,
    members: ctx.counties.filter((c) => ctx.evaluation.categories[c]?.includes(cat.code)),
  }));
}

/** Worse than the mean of the plan's counties (or of the county's category) on an indicator. */
export const belowAverageRule: Evaluator<'below_average'> = (ctx) => {
  const { rule } = ctx;
  const label = ctx.evaluation.periodLabel;
  const periodText = formatPeriod(ctx.period);
  const out: RawWarning[] = [];
  for (const code of rule.indicators) {
    const ind = indicatorOf(ctx, code);
    const values = new Map<string, number>();
    for (const c of ctx.counties) {
      const v = ctx.obs.value(c, code, periodText);
      if (v !== null) values.set(c, v);
    }
    for (const g of groupsOf(ctx, rule.against ?? 'province')) {
      const have = g.members.filter((c) => values.has(c));
      if (have.length === 0) {
        if (g.members.length > 0)
          ctx.note(`规则「${rule.id}」: ${g.title}${ind.name} ${label}无数据,无法计算平均值`);
        continue;
      }
      const mean = sum(have.map((c) => values.get(c)!)).div(have.length);
      for (const c of have) {
        const v = values.get(c)!;
        const worse = ind.direction === 'higher' ? dec(v).lt(mean) : dec(v).gt(mean);
        if (!worse) continue;
        const [vs, ms] = showPair(v, mean, ind.unit);
        out.push({
          region: c,
          indicator: code,
          message: `${ind.name} ${label} ${vs},${ind.direction === 'higher' ? '低于' : '高于'}${g.title}平均${ms}(${have.length}个县)`,
          evidence: {
            value: v,
            unit: ind.unit,
            average: round(mean, 6),
            count: have.length,
            against: g.key,
          },
        });
      }
    }
  }
  return out;
};
