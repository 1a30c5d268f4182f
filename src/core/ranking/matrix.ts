import type { Evaluation } from '../evaluate/index.js';
import type { PreparedPlan } from '../plans/index.js';
import type { Register } from '../regions/index.js';

/** One scored column of the 擂台赛: a county-table target (indicator, scope, phrase). */
export interface RankItem {
  key: string;
  indicator: string;
  name: string;
  unit: string;
  phrase: string;
  /** `all` or `category:<code>` (a personalised indicator scores only the category's members). */
  scope: string;
  section: string;
}

export interface RankCounty {
  region: string;
  regionName: string;
  prefecture: string | null;
  prefectureName: string | null;
  categories: string[];
}

/**
 * Counties × items: each cell the signed gap to the target (positive is on the good side), as
 * the evaluation judged it. `applies` says whether the target applies to the county at all (a
 * personalised target only to its category), `NaN` in `gaps` is a missing value.
 */
export interface RankMatrix {
  counties: RankCounty[];
  items: RankItem[];
  sections: string[];
  /** Section index of each item. */
  itemSection: Int32Array;
  gaps: Float64Array;
  applies: Uint8Array;
  /** Targets met (完成) and judged per county, for the explanation. */
  met: Int32Array;
  judged: Int32Array;
  /** Items that no county has a value for: left out of this period's ranking. */
  dropped: RankItem[];
}

const UNSECTIONED = '其他';

/** The county-table targets of a year that a ranking scores (a `—` is no target). */
export function rankItems(prepared: PreparedPlan, year: number): RankItem[] {
  const seen = new Map<string, RankItem>();
  for (const t of prepared.targets) {
    if (t.table !== 'county' || t.year !== year || t.spec.type === 'none') continue;
    if (t.scope === 'province') continue;
    const scope =
      t.scope === 'all'
        ? 'all'
        : 'category' in t.scope
          ? `category:${t.scope.category}`
          : `region:${t.scope.region}`;
    const key = `${t.def.code}|${scope}|${t.phrase}`;
    if (!seen.has(key)) {
      seen.set(key, {
        key,
        indicator: t.def.code,
        name: t.name,
        unit: t.unit,
        phrase: t.phrase,
        scope,
        section: t.section ?? UNSECTIONED,
      });
    }
  }
  return [...seen.values()];
}

/** Lays an evaluation's county results out as the counties × items matrix a ranking scores. */
export function buildMatrix(
  evaluation: Evaluation,
  prepared: PreparedPlan,
  register: Register,
  year: number,
): RankMatrix {
  const all = rankItems(prepared, year);
  const itemIndex = new Map(all.map((it, i) => [it.key, i]));
  const countyIndex = new Map<string, number>();
  const counties: RankCounty[] = [];
  const cells: { c: number; i: number; gap: number | null; met: boolean }[] = [];
  for (const r of evaluation.results) {
    if (r.region === evaluation.province || r.year !== year) continue;
    const i = itemIndex.get(`${r.indicator}|${r.scope}|${r.phrase}`);
    if (i === undefined) continue;
    let c = countyIndex.get(r.region);
    if (c === undefined) {
      const parent = register.get(r.region)?.parent ?? null;
      c =
        counties.push({
          region: r.region,
          regionName: r.regionName,
          prefecture: parent,
          prefectureName: parent ? (register.get(parent)?.name ?? parent) : null,
          categories: evaluation.categories[r.region] ?? [],
        }) - 1;
      countyIndex.set(r.region, c);
    }
    cells.push({
      c,
      i,
      gap: r.status === 'not_applicable' ? null : r.gap,
      met: r.status === 'met',
    });
  }
  // Keep only items some county has a value for, in plan order; sections in the plan's order.
  const present = new Set(cells.filter((x) => x.gap !== null).map((x) => x.i));
  const items = all.filter((_, i) => present.has(i));
  const dropped = all.filter((_, i) => !present.has(i));
  const order = prepared.plan.sections ?? [];
  const sections = [...new Set(items.map((it) => it.section))].sort(
    (a, b) => rankOf(order, a) - rankOf(order, b),
  );
  const newIndex = new Map(items.map((it, k) => [itemIndex.get(it.key)!, k]));
  const n = counties.length;
  const m = items.length;
  const gaps = new Float64Array(n * m).fill(NaN);
  const applies = new Uint8Array(n * m);
  const met = new Int32Array(n);
  const judged = new Int32Array(n);
  for (const x of cells) {
    const k = newIndex.get(x.i);
    if (k === undefined) continue;
    applies[x.c * m + k] = 1;
    if (x.gap !== null) {
      gaps[x.c * m + k] = x.gap;
      judged[x.c]!++;
      if (x.met) met[x.c]!++;
    }
  }
  const itemSection = Int32Array.from(items.map((it) => sections.indexOf(it.section)));
  return { counties, items, sections, itemSection, gaps, applies, met, judged, dropped };
}

function rankOf(order: readonly string[], s: string): number {
  const i = order.indexOf(s);
  return i < 0 ? order.length : i;
}
