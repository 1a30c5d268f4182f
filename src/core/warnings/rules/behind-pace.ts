import { dec, formatValue, num } from '../../numeric/index.js';
import { attributeMark, show, targetText } from '../messages.js';
import type { RawWarning } from '../types.js';
import { indicatorOf, rowsByCounty, wanted, wantedAttribute, type Evaluator } from './shared.js';

/** A year-to-date level worse than the annual target times the elapsed share (序时进度). */
export const behindPaceRule: Evaluator<'behind_pace'> = (ctx) => {
  const { rule } = ctx;
  const label = ctx.evaluation.periodLabel;
  const margin = dec(rule.margin ?? 0);
  const rows = rowsByCounty(ctx);
  const out: RawWarning[] = [];
  for (const c of ctx.counties)
    for (const row of rows.get(c)!) {
      const p = row.progress;
      if (!p || p.expected === null || row.value === null || !wanted(rule, row.indicator)) continue;
      if (!wantedAttribute(rule, row)) continue;
      const ind = indicatorOf(ctx, row.indicator);
      const higher = ind.direction === 'higher';
      const bar = dec(p.expected).times(higher ? dec(1).minus(margin) : dec(1).plus(margin));
      const behind = higher ? dec(row.value).lt(bar) : dec(row.value).gt(bar);
      if (!behind) continue;
      const basis = p.basis === 'seasonal' ? '按上年同期进度' : '时间进度';
      const share = formatValue(num(dec(p.share).times(100)), '%');
      out.push({
        region: c,
        indicator: row.indicator,
        message: `${row.name} ${label} ${show(row.value, ind.unit)},${higher ? '低于' : '高于'}序时进度${show(p.expected, ind.unit)}(全年目标「${targetText(row)}」${attributeMark(row)}×${basis}${share}%)`,
        evidence: {
          value: row.value,
          unit: ind.unit,
          target: row.phrase,
          expected: p.expected,
          share: p.share,
          projection: p.projection,
          ...(row.attribute ? { attribute: row.attribute } : {}),
        },
      });
    }
  return out;
};
