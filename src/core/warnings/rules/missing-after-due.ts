import { dateOf, formatPeriod, isOverdue } from '../../periods/index.js';
import type { RawWarning } from '../types.js';
import { owedBy, wanted, type Evaluator } from './shared.js';

/** A value a county owes for the period still missing after the due date (in the province). */
export const missingAfterDueRule: Evaluator<'missing_after_due'> = (ctx) => {
  const { rule, now, due } = ctx;
  const label = ctx.evaluation.periodLabel;
  if (now === null) {
    ctx.note(`规则「${rule.id}」需要当前日期 (now) 判断是否逾期,未提供,未应用`);
    return [];
  }
  if (!isOverdue(due, dateOf(now))) {
    ctx.note(`${label}数据报送截止日为 ${due},尚未到期,规则「${rule.id}」未触发`);
    return [];
  }
  const periodText = formatPeriod(ctx.period);
  const owed = owedBy(ctx);
  const out: RawWarning[] = [];
  for (const c of ctx.counties)
    for (const ind of owed(c)) {
      if (!wanted(rule, ind.code)) continue;
      if (ctx.obs.value(c, ind.code, periodText) !== null) continue;
      out.push({
        region: c,
        indicator: ind.code,
        message: `${ind.name} ${label}数据逾期未报(截止 ${due})`,
        evidence: { value: null, unit: ind.unit, due, now },
      });
    }
  return out;
};
