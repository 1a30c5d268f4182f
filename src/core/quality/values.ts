import { Decimal, dec, formatNumber, round } from '../numeric/index.js';
import { earlierInYear, formatPeriod, periodLabel, previousYearPeriod } from '../periods/index.js';
import { show, showPair, type CheckContext } from './context.js';
import type { CompareOp } from './types.js';

/**
 * `range` and `share_bounds`: a share outside 0–100 (anywhere), a county value outside its
 * indicator's plausible `range`. A share out of bounds is reported once, as `share_bounds`.
 */
export function checkRanges(ctx: CheckContext): void {
  for (const ind of ctx.indicators.values()) {
    for (const [region, o] of ctx.obs.slice(ind.code, ctx.periodText)) {
      if (o.value === null) continue;
      const v = dec(o.value);
      if (ind.kind === 'share' && (v.lt(0) || v.gt(100))) {
        ctx.add({
          region,
          indicator: ind.code,
          check: 'share_bounds',
          severity: 'error',
          message: `${ind.name} ${show(o.value, ind.unit)}:比重应在 0–100 之间`,
          evidence: { value: o.value, min: 0, max: 100 },
        });
        continue;
      }
      if (!ind.range || !ctx.counties.has(region)) continue;
      const [lo, hi] = ind.range;
      if (v.lt(lo) || v.gt(hi)) {
        ctx.add({
          region,
          indicator: ind.code,
          check: 'range',
          severity: 'error',
          message: `${ind.name} ${show(o.value, ind.unit)},超出县级合理范围 ${lo}–${hi}${ind.unit}`,
          evidence: { value: o.value, min: lo, max: hi },
        });
      }
    }
  }
}

const HOLDS: Record<CompareOp, (c: number) => boolean> = {
  '<=': (c) => c <= 0,
  '<': (c) => c < 0,
  '>=': (c) => c >= 0,
  '>': (c) => c > 0,
  '=': (c) => c === 0,
};

/** What a broken `op` looks like, in words. */
const BROKEN: Record<CompareOp, string> = {
  '<=': '大于',
  '<': '不小于',
  '>=': '小于',
  '>': '不大于',
  '=': '不等于',
};

const OP_TEXT: Record<CompareOp, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '=': '=' };

/** Cross-indicator rules (`tax_le_budget` …): `left op right` for the same region and period. */
export function checkCrossRules(ctx: CheckContext): void {
  for (const rule of ctx.settings.crossRules) {
    const left = ctx.indicators.get(rule.left);
    const right = ctx.indicators.get(rule.right);
    if (!left || !right) continue;
    for (const [region, o] of ctx.obs.slice(rule.left, ctx.periodText)) {
      const r = ctx.obs.value(region, rule.right, ctx.periodText);
      if (o.value === null || r === null) continue;
      if (HOLDS[rule.op](dec(o.value).comparedTo(dec(r)))) continue;
      const [a, b] = showPair(o.value, r, left.unit, right.unit);
      ctx.add({
        region,
        indicator: rule.left,
        check: rule.code,
        severity: rule.severity ?? 'error',
        message: `${left.name} ${a} ${BROKEN[rule.op]}${right.name} ${b}(应 ${left.name} ${OP_TEXT[rule.op]} ${right.name})`,
        related: [rule.right],
        evidence: {
          value: o.value,
          [rule.right]: r,
          rule: `${rule.left} ${rule.op} ${rule.right}`,
          difference: dec(o.value).minus(r).toNumber(),
        },
      });
    }
  }
}

/**
 * `ytd_decreasing`: a year-to-date level or count lower than the latest earlier month (quarter)
 * of the same year that has a value.
 */
export function checkYtd(ctx: CheckContext): void {
  const earlier = earlierInYear(ctx.period);
  if (earlier.length === 0) return;
  for (const ind of ctx.indicators.values()) {
    if (!ind.ytd || (ind.kind !== 'level' && ind.kind !== 'count')) continue;
    for (const [region, o] of ctx.obs.slice(ind.code, ctx.periodText)) {
      if (o.value === null) continue;
      for (const e of earlier) {
        const p = formatPeriod(e);
        const prev = ctx.obs.value(region, ind.code, p);
        if (prev === null) continue;
        if (dec(o.value).lt(prev)) {
          const [a, b] = showPair(o.value, prev, ind.unit);
          ctx.add({
            region,
            indicator: ind.code,
            check: 'ytd_decreasing',
            severity: 'error',
            message: `${ind.name} ${periodLabel(ctx.period)}累计 ${a},低于${periodLabel(e)}累计 ${b};累计值在年内不应减少`,
            evidence: {
              value: o.value,
              previous: prev,
              previousPeriod: p,
              difference: dec(o.value).minus(prev).toNumber(),
            },
          });
        }
        break;
      }
    }
  }
}

/**
 * Half a unit of the last decimal place a value was given with, taking every level as given to
 * at least two decimals (a file's "100.00" arrives as 100): 4.123 → 0.0005, 150 → 0.005.
 */
function halfUlp(v: number): Decimal {
  return dec(10)
    .pow(-Math.max(2, dec(v).decimalPlaces()))
    .div(2);
}

/**
 * `growth_vs_levels`: a growth rate at current prices against the growth its levels imply,
 * (v / v_last_year − 1)·100. The levels are known only to the decimals given, so the implied
 * growth is an interval; the reported growth may lie up to `growthTolerance` points outside it.
 */
export function checkGrowthVsLevels(ctx: CheckContext): void {
  const lastYear = formatPeriod(previousYearPeriod(ctx.period));
  const tol = dec(ctx.settings.growthTolerance);
  for (const pair of ctx.settings.growthPairs) {
    const level = ctx.indicators.get(pair.level);
    const growth = ctx.indicators.get(pair.growth);
    if (!level || !growth) continue;
    for (const [region, o] of ctx.obs.slice(pair.growth, ctx.periodText)) {
      const v = ctx.obs.value(region, pair.level, ctx.periodText);
      const vp = ctx.obs.value(region, pair.level, lastYear);
      if (o.value === null || v === null || vp === null || !(vp > 0)) continue;
      const g = dec(o.value);
      const hv = halfUlp(v);
      const hp = halfUlp(vp);
      const pct = (a: Decimal, b: Decimal) => a.div(b).minus(1).times(100);
      const implied = pct(dec(v), dec(vp));
      const lo = pct(dec(v).minus(hv), dec(vp).plus(hp));
      const hiBase = dec(vp).minus(hp);
      const hi = hiBase.gt(0) ? pct(dec(v).plus(hv), hiBase) : null;
      const below = g.lt(lo.minus(tol));
      const above = hi !== null && g.gt(hi.plus(tol));
      if (!below && !above) continue;
      const diff = g.minus(implied);
      ctx.add({
        region,
        indicator: pair.growth,
        check: 'growth_vs_levels',
        severity: 'warning',
        message:
          `${growth.name} 报 ${show(o.value, '%')},而${level.name} ${show(v, level.unit)} 比上年同期 ` +
          `${show(vp, level.unit)} 增长 ${formatNumber(implied, 1)}%,相差 ${formatNumber(diff, 1)} 个百分点` +
          `(容差 ${ctx.settings.growthTolerance} 个百分点)`,
        related: [pair.level],
        evidence: {
          value: o.value,
          level: v,
          previousLevel: vp,
          previousPeriod: lastYear,
          implied: round(implied, 2),
          impliedMin: round(lo, 2),
          impliedMax: hi === null ? null : round(hi, 2),
          difference: round(diff, 2),
          tolerance: ctx.settings.growthTolerance,
        },
      });
    }
  }
}
