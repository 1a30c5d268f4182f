import type { Indicator } from '../indicators/index.js';
import { Decimal, dec, formatNumber, round } from '../numeric/index.js';
import {
  formatPeriod,
  periodLabel,
  previousInYear,
  previousPeriod,
  previousYearPeriod,
  type Period,
} from '../periods/index.js';
import { show, type CheckContext } from './context.js';
import { median, robustScale, robustZ, z2 } from './robust.js';

/**
 * How values of an indicator are compared across counties: levels on a log scale (county sizes
 * differ by orders of magnitude, and a log scale judges a tenfold error the same in a small and
 * a large county), counts as log(1 + x) (many are 0), percentages as they are.
 */
type Scale = 'log' | 'log1p' | 'linear';

function scaleOf(ind: Indicator): Scale {
  if (ind.kind === 'level') return 'log';
  if (ind.kind === 'count') return 'log1p';
  return 'linear';
}

function forward(scale: Scale, x: number): Decimal | null {
  if (scale === 'log') return x > 0 ? dec(x).ln() : null;
  if (scale === 'log1p') return x >= 0 ? dec(x).plus(1).ln() : null;
  return dec(x);
}

function back(scale: Scale, t: Decimal): Decimal {
  if (scale === 'log') return t.exp();
  if (scale === 'log1p') return t.exp().minus(1);
  return t;
}

/** The county values of one indicator and period, split into peer groups. */
function groups(ctx: CheckContext, code: string): Map<string, { region: string; value: number }[]> {
  const out = new Map<string, { region: string; value: number }[]>();
  for (const [region, o] of ctx.obs.slice(code, ctx.periodText)) {
    if (o.value === null || !ctx.counties.has(region)) continue;
    const g = ctx.peerGroup(region);
    let list = out.get(g);
    if (!list) out.set(g, (list = []));
    list.push({ region, value: o.value });
  }
  return out;
}

/**
 * `outlier_cross`: Iglewicz–Hoaglin modified z across the counties of a peer group,
 * 0.6745·(x − median)/MAD on the indicator's scale; |z| > 3.5 is a warning. Fewer than
 * `minPeers` values or MAD = 0 and nothing is judged.
 */
export function checkOutliersAcross(ctx: CheckContext): void {
  for (const ind of ctx.indicators.values()) {
    const scale = scaleOf(ind);
    for (const list of groups(ctx, ind.code).values()) {
      const points = list
        .map((p) => ({ ...p, t: forward(scale, p.value) }))
        .filter((p): p is { region: string; value: number; t: Decimal } => p.t !== null);
      const s = robustScale(
        points.map((p) => p.t),
        ctx.settings.minPeers,
      );
      if (!s) continue;
      const med = back(scale, s.median);
      for (const p of points) {
        const z = robustZ(p.t, s);
        if (z.abs().lte(ctx.settings.z)) continue;
        const typical = round(med, 4);
        ctx.add({
          region: p.region,
          indicator: ind.code,
          check: 'outlier_cross',
          severity: 'warning',
          message:
            `${ind.name} ${show(p.value, ind.unit)},远${z.gt(0) ? '高' : '低'}于同组 ${s.n} 个县(市)` +
            `的中位数 ${show(typical, ind.unit)}(稳健z=${formatNumber(z, 1)},阈值 ±${ctx.settings.z})`,
          peers: {
            message: `${ind.name} ${show(p.value, ind.unit)},与同组县(市)相比异常(稳健z=${formatNumber(z, 1)},阈值 ±${ctx.settings.z})`,
            keys: ['median', 'mad'],
          },
          evidence: {
            value: p.value,
            median: typical,
            z: z2(z),
            n: s.n,
            scale,
            mad: round(s.mad, 4),
          },
        });
      }
    }
  }
}

type Basis = 'same_period_last_year' | 'last_year_total' | 'previous_period';

const BASIS_TEXT: Record<Basis, string> = {
  same_period_last_year: '上年同期',
  last_year_total: '上年全年',
  previous_period: '上期',
};

/** Where a value's own history is read from, in order of preference (docs/quality.md). */
function bases(ind: Indicator, p: Period): { basis: Basis; period: Period }[] {
  const sub = p.kind !== 'year';
  const lastYearTotal: Period = { kind: 'year', year: p.year - 1 };
  if (ind.kind === 'level' || ind.kind === 'count') {
    const out: { basis: Basis; period: Period }[] = [
      { basis: 'same_period_last_year', period: previousYearPeriod(p) },
    ];
    if (sub && ind.ytd) out.push({ basis: 'last_year_total', period: lastYearTotal });
    if (sub && !ind.ytd) out.push({ basis: 'previous_period', period: previousPeriod(p) });
    return out;
  }
  if (!sub) return [{ basis: 'previous_period', period: lastYearTotal }];
  if (!ind.ytd) return [{ basis: 'previous_period', period: previousPeriod(p) }];
  const prev = previousInYear(p);
  return prev
    ? [{ basis: 'previous_period', period: prev }]
    : [{ basis: 'last_year_total', period: lastYearTotal }];
}

interface HistoryPoint {
  region: string;
  value: number;
  base: number;
  basis: Basis;
  basePeriod: Period;
  /** ln(x / base) for levels (ln((1+x)/(1+base)) for counts); x − base for percentages. */
  change: Decimal;
  /** The change as shown: x / base (null when base is 0), or x − base in points. */
  shown: Decimal | null;
}

/** Counts below this (value and base both) move by chance and are not judged against history. */
const SMALL_COUNT = 10;

function changeOf(ind: Indicator, x: number, b: number): Decimal | null {
  if (ind.kind === 'level') return x > 0 && b > 0 ? dec(x).div(b).ln() : null;
  if (ind.kind === 'count') {
    if (x < 0 || b < 0 || Math.max(x, b) < SMALL_COUNT) return null;
    return dec(x).plus(1).div(dec(b).plus(1)).ln();
  }
  return dec(x).minus(b);
}

function shownOf(ind: Indicator, x: number, b: number): Decimal | null {
  if (ind.kind === 'level' || ind.kind === 'count') return b > 0 ? dec(x).div(b) : null;
  return dec(x).minus(b);
}

/**
 * `outlier_history`: a county's change against its own history (see `bases`), judged against the
 * changes of the other counties of its peer group with the same basis: |robust z| > 3.5 and the
 * change at least `historyRatio` times (levels, counts) or `historyPoints` points (percentages)
 * away from the typical change. Besides, a level more than doubling or falling below half of the
 * same period last year is a warning whatever the other counties do.
 */
export function checkOutliersInHistory(ctx: CheckContext): void {
  const ratioFloor = dec(ctx.settings.historyRatio).ln();
  const pointFloor = dec(ctx.settings.historyPoints);
  const factor = dec(ctx.settings.yearOnYearFactor);
  for (const ind of ctx.indicators.values()) {
    const isRatio = ind.kind === 'level' || ind.kind === 'count';
    const candidates = bases(ind, ctx.period);
    for (const list of groups(ctx, ind.code).values()) {
      const byBasis = new Map<Basis, HistoryPoint[]>();
      for (const { region, value } of list) {
        for (const c of candidates) {
          const base = ctx.obs.value(region, ind.code, formatPeriod(c.period));
          if (base === null) continue;
          const change = changeOf(ind, value, base);
          if (change === null) break;
          const shown = shownOf(ind, value, base);
          const point = {
            region,
            value,
            base,
            basis: c.basis,
            basePeriod: c.period,
            change,
            shown,
          };
          let arr = byBasis.get(c.basis);
          if (!arr) byBasis.set(c.basis, (arr = []));
          arr.push(point);
          break;
        }
      }
      for (const points of byBasis.values()) {
        const s = robustScale(
          points.map((p) => p.change),
          ctx.settings.minPeers,
        );
        const shown = points.flatMap((p) => (p.shown ? [p.shown] : []));
        const typical = s && shown.length > 0 ? { median: median(shown), n: s.n } : null;
        for (const p of points) {
          const z = s ? robustZ(p.change, s) : null;
          const far = s
            ? p.change
                .minus(s.median)
                .abs()
                .gte(isRatio ? ratioFloor : pointFloor)
            : false;
          const robust = z !== null && z.abs().gt(ctx.settings.z) && far;
          const yoy =
            ind.kind === 'level' &&
            p.basis === 'same_period_last_year' &&
            p.shown !== null &&
            (p.shown.gt(factor) || p.shown.lt(dec(1).div(factor)));
          if (!robust && !yoy) continue;
          addHistoryFinding(ctx, ind, p, robust ? typical : null, robust ? z : null);
        }
      }
    }
  }
}

/** A change as a reader says it: 1.25 倍, 75.0% of last year's total, 3.2 个百分点. */
function changeText(isRatio: boolean, basis: Basis, d: Decimal): string {
  if (!isRatio) return `${formatNumber(d, 1)} 个百分点`;
  return basis === 'last_year_total'
    ? `${formatNumber(d.times(100), 1)}%`
    : `${formatNumber(d, 2)} 倍`;
}

function addHistoryFinding(
  ctx: CheckContext,
  ind: Indicator,
  p: HistoryPoint,
  typical: { median: Decimal; n: number } | null,
  z: Decimal | null,
): void {
  const isRatio = ind.kind === 'level' || ind.kind === 'count';
  const when = `${BASIS_TEXT[p.basis]}(${periodLabel(p.basePeriod)})`;
  let what: string;
  if (!isRatio) {
    const d = p.shown!;
    what = `比${when} ${show(p.base, ind.unit)} ${d.gte(0) ? '上升' : '下降'} ${formatNumber(d.abs(), 1)} 个百分点`;
  } else if (p.shown === null) {
    what = `而${when}为 ${show(p.base, ind.unit)}`;
  } else {
    what = `为${when} ${show(p.base, ind.unit)} 的 ${changeText(true, p.basis, p.shown)}`;
  }
  const own = `${ind.name} ${show(p.value, ind.unit)},${what}`;
  const f = ctx.settings.yearOnYearFactor;
  const peerText = z ? `;与同组县(市)的变化相比异常(稳健z=${formatNumber(z, 1)})` : '';
  const against = !z
    ? `;超过上年同期的 ${f} 倍或不足其 1/${f}`
    : typical
      ? `;同组 ${typical.n} 个县(市)的中位数为 ${changeText(isRatio, p.basis, typical.median)}(稳健z=${formatNumber(z, 1)},阈值 ±${ctx.settings.z})`
      : peerText;
  ctx.add({
    region: p.region,
    indicator: ind.code,
    check: 'outlier_history',
    severity: 'warning',
    message: `${own}${against}`,
    peers: z ? { message: `${own}${peerText}`, keys: ['typicalChange'] } : undefined,
    evidence: {
      value: p.value,
      base: p.base,
      basePeriod: formatPeriod(p.basePeriod),
      basis: p.basis,
      change: p.shown === null ? null : round(p.shown, 4),
      typicalChange: typical ? round(typical.median, 4) : null,
      z: z ? z2(z) : null,
      n: typical?.n ?? null,
      rule: z ? 'robust_z' : 'year_on_year',
    },
  });
}
