import { round } from '../numeric/index.js';
import type { RankMatrix } from './matrix.js';
import type { AggregateChoice } from './schema.js';
import { rankInto } from './score.js';
import type {
  AreaTop,
  AwardCounty,
  CategoryAwards,
  CountyRanking,
  RankingMethod,
} from './types.js';

// 差异化评价: 先进县 and 进步县 named within each category, and the 十强县 of each area.

/** Whether a scored item belongs to an area: by its indicator code or by its section's name. */
function inArea(names: readonly string[], it: RankMatrix['items'][number]): boolean {
  return names.includes(it.indicator) || names.includes(it.section);
}

/**
 * Each area's score per county: the weighted mean (arithmetic or geometric, as the method) of
 * the points of the area's items that have points for the county; then its top N, ties at place
 * N included.
 */
export function areaTops(
  mx: RankMatrix,
  points: Float64Array,
  itemWeights: Float64Array,
  method: RankingMethod,
  aggregate: AggregateChoice,
): AreaTop[] {
  const n = mx.counties.length;
  const m = mx.items.length;
  return method.areas.map((area) => {
    const ks = mx.items.flatMap((it, k) => (inArea(area.items, it) ? [k] : []));
    const scores = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      // A county without any value is unranked overall, and in every area too.
      if (mx.scored[c] === 0) {
        scores[c] = NaN;
        continue;
      }
      let acc = 0;
      let w = 0;
      for (const k of ks) {
        const p = points[c * m + k]!;
        if (Number.isNaN(p)) continue;
        acc += itemWeights[k]! * (aggregate === 'geom' ? Math.log(p) : p);
        w += itemWeights[k]!;
      }
      const mean = w > 0 ? acc / w : NaN;
      // Rounded once: the ranks are the ranks of the printed scores.
      scores[c] = Number.isNaN(mean) ? NaN : round(aggregate === 'geom' ? Math.exp(mean) : mean, 2);
    }
    const ranks = new Int32Array(n);
    rankInto(scores, ranks);
    const counties: AwardCounty[] = mx.counties
      .map((county, c) => ({
        region: county.region,
        regionName: county.regionName,
        rank: ranks[c]!,
        score: scores[c]!,
      }))
      .filter((x) => x.rank > 0 && x.rank <= area.top)
      .sort((a, b) => a.rank - b.rank || a.region.localeCompare(b.region));
    return {
      name: area.name,
      top: area.top,
      items: area.items,
      indicators: [...new Set(ks.map((k) => mx.items[k]!.indicator))],
      counties,
    };
  });
}

/** Each category's 先进县: its counties ranked within the top N of the category. */
export function categoryAdvanced(
  counties: readonly CountyRanking[],
  categoryNames: Record<string, string>,
  top: number,
): CategoryAwards[] {
  return Object.entries(categoryNames).map(([category, name]) => ({
    category,
    name,
    advanced: counties
      .filter((c) => (c.categoryRanks[category] ?? Infinity) <= top)
      .map((c) => ({
        region: c.region,
        regionName: c.regionName,
        rank: c.categoryRanks[category]!,
      }))
      .sort((a, b) => a.rank - b.rank || a.region.localeCompare(b.region)),
    improved: [],
  }));
}

/**
 * Each category's 进步县: the largest rise in rank within the category since the previous
 * period; equal rises go to the larger gain in score, then the better rank.
 */
export function categoryImproved(
  awards: CategoryAwards[],
  counties: readonly CountyRanking[],
  before: ReadonlyMap<string, CountyRanking>,
  improved: number,
): void {
  for (const award of awards) {
    const cat = award.category;
    const gain = (c: CountyRanking) => (c.score ?? 0) - (before.get(c.region)?.score ?? 0);
    const rows = counties.flatMap((c) => {
      const now = c.categoryRanks[cat];
      const then = before.get(c.region)?.categoryRanks[cat];
      return now !== undefined && then !== undefined && then > now
        ? [{ c, now, change: then - now }]
        : [];
    });
    award.improved = rows
      .sort((a, b) => b.change - a.change || gain(b.c) - gain(a.c) || a.now - b.now)
      .slice(0, improved)
      .map(({ c, now, change }) => ({
        region: c.region,
        regionName: c.regionName,
        rank: now,
        change,
      }));
  }
}
