import type { TargetStatus } from '../../targets/index.js';
import { targetMessage } from '../messages.js';
import type { RawWarning } from '../types.js';
import { indicatorOf, rowsByCounty, wanted, wantedAttribute, type Evaluator } from './shared.js';

/** A target of the plan judged with one of the rule's statuses (未完成, 基本完成, 无数据). */
export const targetRule: Evaluator<'target'> = (ctx) => {
  const { rule } = ctx;
  const statuses = new Set<TargetStatus>(rule.status);
  const rows = rowsByCounty(ctx);
  const out: RawWarning[] = [];
  for (const c of ctx.counties)
    for (const row of rows.get(c)!) {
      if (!statuses.has(row.status) || !wanted(rule, row.indicator)) continue;
      if (!wantedAttribute(rule, row)) continue;
      const ind = indicatorOf(ctx, row.indicator);
      out.push({
        region: c,
        indicator: row.indicator,
        message: targetMessage(row, ind, ctx.evaluation.periodLabel),
        evidence: {
          value: row.value,
          unit: ind.unit,
          target: row.phrase,
          status: row.status,
          gap: row.gap,
          ...(row.attribute ? { attribute: row.attribute } : {}),
          ...(row.progress ? { projection: row.progress.projection } : {}),
        },
      });
    }
  return out;
};
