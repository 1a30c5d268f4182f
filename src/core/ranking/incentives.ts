import { LeitaiError } from '../errors/index.js';
import { dec, formatValue } from '../numeric/index.js';
import type { CountyRanking, Ranking } from './types.js';
import type { IncentiveRule } from './schema.js';

export interface AllocationRow {
  region: string;
  regionName: string;
  rank: number | null;
  score: number | null;
  /** Why the county gets its share: points above the threshold, its rank band, or its award. */
  basis: string;
  /** 万元, to the cent of a 万元 (100 元). */
  amount: number;
  share: number;
}

export interface Allocation {
  pool: number;
  unit: '万元';
  rule: IncentiveRule;
  rows: AllocationRow[];
  allocated: number;
  unallocated: number;
  explanation: string;
}

export const DEFAULT_INCENTIVE_RULE: IncentiveRule = { rule: 'awarded' };

/** Units of 0.01 万元: allocation works on whole units so the parts add up to the pool exactly. */
const UNIT = 100;

/**
 * Shares `units` in proportion to the weights by the largest-remainder method: every part is a
 * whole unit and the parts add up to `units` (ties in remainder go to the earlier county).
 */
function apportion(units: number, weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => dec(units).times(w).div(total));
  const parts = exact.map((x) => x.floor().toNumber());
  let left = units - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((x, i) => ({ i, rem: x.minus(x.floor()).toNumber() }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

/** Allocates an incentive pool (万元) among the ranked counties by the plan's rule. */
export function allocateIncentives(opts: {
  ranking: Ranking;
  pool: number;
  rule?: IncentiveRule;
}): Allocation {
  const { ranking, pool } = opts;
  const rule = opts.rule ?? DEFAULT_INCENTIVE_RULE;
  if (!(pool > 0) || !Number.isFinite(pool)) {
    throw new LeitaiError('INPUT_INVALID', `激励资金「${pool}」应为正数 (万元)`, {
      column: 'pool',
      value: String(pool),
      reason: 'pool must be positive',
    });
  }
  const units = dec(pool).times(UNIT);
  if (!units.isInteger()) {
    throw new LeitaiError('INPUT_INVALID', `激励资金「${pool}」万元最多两位小数`, {
      column: 'pool',
      value: String(pool),
      reason: 'at most two decimals of 万元',
    });
  }
  const total = units.toNumber();
  const ranked = ranking.counties.filter((c) => c.rank !== null);
  let chosen: { c: CountyRanking; weight: number; basis: string }[] = [];
  let parts: number[] = [];
  let explanation: string;

  if (rule.rule === 'proportional') {
    const threshold = rule.threshold ?? 100;
    chosen = ranked
      .map((c) => ({ c, weight: Math.max(0, dec(c.score!).minus(threshold).toNumber()) }))
      .filter((x) => x.weight > 0)
      .map((x) => ({ ...x, basis: `超出${threshold}分 ${formatValue(x.weight, '分')}分` }));
    parts = apportion(
      total,
      chosen.map((x) => x.weight),
    );
    explanation = `按综合得分超过${threshold}分的部分占各县超出部分之和的比例分配;${chosen.length}个县得分超过${threshold}分。`;
  } else if (rule.rule === 'tiered') {
    const shareSum = rule.tiers.reduce((s, t) => s.plus(t.share), dec(0));
    if (shareSum.gt(1)) {
      throw new LeitaiError('PLAN_INVALID', `激励规则各档比例之和 ${shareSum.toString()} 超过 1`, {
        path: 'settings.incentives.tiers',
        reason: 'shares add up to more than 1',
      });
    }
    const bands: string[] = [];
    for (const t of rule.tiers) {
      const [a, b] = t.ranks;
      const members = ranked.filter((c) => c.rank! >= a && c.rank! <= b);
      const bandUnits = dec(total).times(t.share).floor().toNumber();
      const split = apportion(
        bandUnits,
        members.map(() => 1),
      );
      members.forEach((c, i) => {
        chosen.push({
          c,
          weight: 1,
          basis: `第${a}–${b}名档(占${formatValue(t.share * 100, '%')}%)`,
        });
        parts.push(split[i]!);
      });
      bands.push(
        `第${a}–${b}名 ${formatValue(t.share * 100, '%')}%${members.length ? `,${members.length}个县均分` : ',无县,不分配'}`,
      );
    }
    explanation = `按排名分档:${bands.join(';')}。`;
  } else {
    const awarded = new Set([...ranking.advanced, ...ranking.improved]);
    chosen = ranked
      .filter((c) => awarded.has(c.region))
      .map((c) => ({
        c,
        weight: 1,
        basis: [c.advanced ? '先进县' : '', c.improved ? '进步县' : ''].filter(Boolean).join('、'),
      }));
    parts = apportion(
      total,
      chosen.map(() => 1),
    );
    explanation = `先进县(前${ranking.advanced.length}名)与进步县(${ranking.improved.length}个)均分;既是先进县又是进步县的只计一次,共${chosen.length}个县。`;
  }

  const rows: AllocationRow[] = chosen.map((x, i) => ({
    region: x.c.region,
    regionName: x.c.regionName,
    rank: x.c.rank,
    score: x.c.score,
    basis: x.basis,
    amount: parts[i]! / UNIT,
    share: total > 0 ? parts[i]! / total : 0,
  }));
  const allocatedUnits = parts.reduce((s, p) => s + p, 0);
  const unallocated = (total - allocatedUnits) / UNIT;
  if (unallocated > 0) explanation += `未分配 ${formatValue(unallocated, '万元')}万元。`;
  return {
    pool,
    unit: '万元',
    rule,
    rows,
    allocated: allocatedUnits / UNIT,
    unallocated,
    explanation,
  };
}
