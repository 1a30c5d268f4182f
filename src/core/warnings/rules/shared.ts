import type { ResultRow } from '../../evaluate/index.js';
import type { Indicator } from '../../indicators/index.js';
import { countyIndicators } from '../../plans/index.js';
import type { RawWarning, ResolvedRule, SourceContext } from '../types.js';

/** A built-in evaluator: a rule source (types.ts WarningSource) that knows its rule's shape. */
export type Evaluator<T extends ResolvedRule['type']> = (
  ctx: SourceContext & { rule: Extract<ResolvedRule, { type: T }> },
) => RawWarning[];

/** The evaluation's rows of each of the plan's counties. */
export function rowsByCounty(ctx: SourceContext): Map<string, ResultRow[]> {
  const rows = new Map<string, ResultRow[]>(ctx.counties.map((c) => [c, []]));
  for (const r of ctx.evaluation.results) rows.get(r.region)?.push(r);
  return rows;
}

/** Whether a rule applies to an indicator: all of them unless it lists some. */
export function wanted(rule: ResolvedRule, code: string): boolean {
  const list = 'indicators' in rule ? (rule.indicators as string[] | undefined) : undefined;
  return !list || list.includes(code);
}

/** Whether a rule applies to a row's 属性 (binding, expected, or none printed): all unless it lists some. */
export function wantedAttribute(rule: ResolvedRule, row: ResultRow): boolean {
  const list = 'attributes' in rule ? (rule.attributes as string[] | undefined) : undefined;
  return !list || list.includes(row.attribute ?? 'none');
}

export function indicatorOf(ctx: SourceContext, code: string): Indicator {
  return ctx.prepared.indicators.get(code)!;
}

/**
 * What each county owes for the period: the county table's indicators that are due, and the
 * figures its province values are derived from; a category's or a named county's indicator only
 * for the counties it applies to (those the evaluation judged on it).
 */
export function owedBy(ctx: SourceContext): (county: string) => Indicator[] {
  const dueIndicators = countyIndicators(ctx.prepared, ctx.period);
  const general = new Set<string>();
  for (const t of ctx.prepared.targets) {
    if (t.scope === 'all') general.add(t.indicator);
    else if (t.scope === 'province') {
      const agg = t.def.aggregate;
      if (agg.method === 'sum') general.add(t.indicator);
      if (agg.method === 'count_over' || agg.method === 'share_over') general.add(agg.of);
      if (agg.method === 'ratio') {
        general.add(agg.numerator);
        general.add(agg.denominator);
      }
    }
  }
  const rows = rowsByCounty(ctx);
  return (county) => {
    const judged = new Set(rows.get(county)!.map((r) => r.indicator));
    return dueIndicators.filter((d) => general.has(d.code) || judged.has(d.code));
  };
}
