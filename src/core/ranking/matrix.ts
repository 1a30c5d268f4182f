import type { Evaluation } from '../evaluate/index.js';
import type { ObservationSet } from '../observations/index.js';
import { parsePeriod } from '../periods/index.js';
import type { PreparedPlan } from '../plans/index.js';
import type { Register } from '../regions/index.js';
import type { CompareNormalise } from './schema.js';

/**
 * One scored column of the 擂台赛: a county-table target (indicator, scope, phrase), or an
 * indicator the plan compares across counties without a target (`targetless`, no phrase).
 */
export interface RankItem {
  key: string;
  indicator: string;
  name: string;
  unit: string;
  phrase: string;
  /** `all` or `category:<code>` (a personalised indicator scores only the category's members). */
  scope: string;
  section: string;
  /** Compared by the county's value, not by a gap to a target. */
  targetless?: boolean;
  /** A targetless item's own normalisation, when the plan sets one. */
  normalise?: CompareNormalise;
  /** A targetless item's weight in its section (a target's comes from `indicators`). */
  weight?: number;
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
  /** Cells with a value per county, targets and targetless items alike: 0 is unranked. */
  scored: Int32Array;
  /** How a targetless item without its own method is normalised when the method is `target`. */
  targetlessNormalise: CompareNormalise;
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
  /** The values targetless items read; without them those items are left out. */
  obs?: ObservationSet,
): RankMatrix {
  const targets = rankItems(prepared, year);
  const compared = obs ? compareItems(prepared) : [];
  const all = [...targets, ...compared];
  const itemIndex = new Map(all.map((it, i) => [it.key, i]));
  const countyIndex = new Map<string, number>();
  const counties: RankCounty[] = [];
  const cells: { c: number; i: number; gap: number | null; met: boolean; targetless?: true }[] = [];
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
  if (obs && compared.length > 0) {
    // Counties without any target result still take part in the comparison.
    for (const code of Object.keys(evaluation.categories)) {
      if (countyIndex.has(code)) continue;
      const parent = register.get(code)?.parent ?? null;
      const c =
        counties.push({
          region: code,
          regionName: register.get(code)?.name ?? code,
          prefecture: parent,
          prefectureName: parent ? (register.get(parent)?.name ?? parent) : null,
          categories: evaluation.categories[code] ?? [],
        }) - 1;
      countyIndex.set(code, c);
    }
    const read = compareReader(prepared, obs, evaluation.period);
    compared.forEach((it, j) => {
      const i = targets.length + j;
      counties.forEach((county, c) => {
        if (!inScope(it.scope, county.categories)) return;
        cells.push({ c, i, gap: read(county.region, it.indicator), met: false, targetless: true });
      });
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
  const scored = new Int32Array(n);
  for (const x of cells) {
    const k = newIndex.get(x.i);
    if (k === undefined) continue;
    applies[x.c * m + k] = 1;
    if (x.gap !== null) {
      gaps[x.c * m + k] = x.gap;
      scored[x.c]!++;
      if (x.targetless) continue;
      judged[x.c]!++;
      if (x.met) met[x.c]!++;
    }
  }
  const itemSection = Int32Array.from(items.map((it) => sections.indexOf(it.section)));
  const settings = prepared.plan.settings?.ranking;
  const own = settings?.normalise;
  return {
    counties,
    items,
    sections,
    itemSection,
    gaps,
    applies,
    met,
    judged,
    scored,
    dropped,
    targetlessNormalise: settings?.compareNormalise ?? (own && own !== 'target' ? own : 'zscore'),
  };
}

/** The indicators a plan compares across counties without a target (`settings.ranking.compare`). */
export function compareItems(prepared: PreparedPlan): RankItem[] {
  return (prepared.plan.settings?.ranking?.compare ?? []).map((c) => {
    const def = prepared.indicators.get(c.indicator);
    const scope = c.scope ?? 'all';
    return {
      key: `compare:${c.indicator}|${scope}`,
      indicator: c.indicator,
      name: def?.name ?? c.indicator,
      unit: def?.unit ?? '',
      phrase: '',
      scope,
      section: c.section,
      targetless: true,
      ...(c.normalise ? { normalise: c.normalise } : {}),
      weight: c.weight ?? 1,
    };
  });
}

function inScope(scope: string, categories: readonly string[]): boolean {
  return scope === 'all' || categories.includes(scope.slice('category:'.length));
}

/**
 * A county's value of a compared indicator at the period, signed so that higher is better (a
 * lower-is-better indicator is mirrored). A yearly indicator has none at a month or quarter.
 */
function compareReader(prepared: PreparedPlan, obs: ObservationSet, period: string) {
  const sub = parsePeriod(period).kind !== 'year';
  return (region: string, code: string): number | null => {
    const def = prepared.indicators.get(code);
    if (!def || (sub && def.frequency === 'yearly')) return null;
    const v = obs.value(region, code, period);
    return v === null ? null : def.direction === 'lower' ? -v : v;
  };
}

function rankOf(order: readonly string[], s: string): number {
  const i = order.indexOf(s);
  return i < 0 ? order.length : i;
}
