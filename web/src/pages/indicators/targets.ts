// The plan's county targets as the map and the indicator view offer them: by indicator, then by
// whom the target applies to (all counties, a category, each county its own). Everything here
// arranges what the API answered; no target is judged in the browser.
import type {
  Evaluation,
  PlanDetail,
  PlanScope,
  PlanTarget,
  Region,
  ResultRow,
  Status,
  TargetText,
} from '../../api/types.js';
import { isPeriod, parsePeriod } from '../../../../src/core/periods/index.js';

/** A plan scope as the evaluation spells it: `all`, `category:<code>`, `region:<code>`. */
export function scopeText(s: PlanScope): string {
  if (typeof s === 'string') return s;
  return 'category' in s ? `category:${s.category}` : `region:${s.region}`;
}

/** Targets set county by county are one group: "each county its own target". */
export function groupOf(scope: string): string {
  return scope.startsWith('region:') ? 'region' : scope;
}

export interface TargetGroup {
  /** `<indicator>|<group>`: the key in URLs and selectors. */
  key: string;
  indicator: string;
  /** `all`, `category:<code>` or `region`. */
  group: string;
  /** The indicator's name as the plan prints it. */
  name: string;
  targets: PlanTarget[];
}

export interface IndicatorChoice {
  indicator: string;
  name: string;
  groups: TargetGroup[];
}

/**
 * The plan's county targets judged in the period's year (else all its county targets), by
 * indicator in the plan's order, each with its groups.
 */
export function countyIndicators(plan: PlanDetail, period: string): IndicatorChoice[] {
  const county = plan.targets.filter((t) => scopeText(t.scope) !== 'province');
  const year = isPeriod(period) ? parsePeriod(period).year : undefined;
  const ofYear = county.filter((t) => t.year === year);
  const chosen = ofYear.length > 0 ? ofYear : county;
  const out: IndicatorChoice[] = [];
  const byIndicator = new Map<string, IndicatorChoice>();
  for (const t of chosen) {
    let c = byIndicator.get(t.indicator);
    if (!c) {
      c = { indicator: t.indicator, name: t.name, groups: [] };
      byIndicator.set(t.indicator, c);
      out.push(c);
    }
    const group = groupOf(scopeText(t.scope));
    let g = c.groups.find((x) => x.group === group);
    if (!g) {
      g = {
        key: `${t.indicator}|${group}`,
        indicator: t.indicator,
        group,
        name: t.name,
        targets: [],
      };
      c.groups.push(g);
    }
    g.targets.push(t);
  }
  return out;
}

/** What a target compares: the value itself, or its change on the previous year. */
export function measureOf(g: TargetGroup): 'value' | 'change' {
  const m = g.targets[0]?.spec?.measure;
  return m === 'change_pp' || m === 'change_pct' ? 'change' : 'value';
}

export interface CountyRow {
  region: string;
  name: string;
  prefecture: string | null;
  prefectureName: string | null;
  /** The quantity shown and charted: the value, or the change a change target compares. */
  shown: number | null;
  unit: string;
  status: Status;
  gap: number | null;
  result: ResultRow;
  target: TargetText;
}

/** The evaluation's rows of one target group, one per county, with names from the register. */
export function rowsOf(
  ev: Evaluation,
  g: TargetGroup,
  regions: ReadonlyMap<string, Region>,
): CountyRow[] {
  const change = measureOf(g) === 'change';
  const out: CountyRow[] = [];
  const seen = new Set<string>();
  for (const r of ev.results) {
    if (r.indicator !== g.indicator || seen.has(r.region)) continue;
    const target = ev.targets[r.target];
    if (!target || target.scope === 'province' || groupOf(target.scope) !== g.group) continue;
    seen.add(r.region);
    const region = regions.get(r.region);
    const parent = region?.parent ? regions.get(region.parent) : undefined;
    out.push({
      region: r.region,
      name: ev.regionNames[r.region] ?? region?.name ?? r.region,
      prefecture: parent && parent.level === 'prefecture' ? parent.code : null,
      prefectureName: parent && parent.level === 'prefecture' ? parent.name : null,
      shown: change ? r.measured : r.value,
      unit: target.unit,
      status: r.status,
      gap: r.gap,
      result: r,
      target,
    });
  }
  return out;
}

/** Best first: by the API's gap (positive is the good side), then by the value; no data last. */
export function byStanding(a: CountyRow, b: CountyRow): number {
  const ga = a.gap ?? -Infinity;
  const gb = b.gap ?? -Infinity;
  if (ga !== gb) return gb - ga;
  const va = a.shown ?? -Infinity;
  const vb = b.shown ?? -Infinity;
  if (va !== vb) return vb - va;
  return a.region.localeCompare(b.region);
}

/** Ranks in standing order, ties sharing a rank (1, 2, 2, 4); counties without a gap get none. */
export function ranked(rows: readonly CountyRow[]): (CountyRow & { rank: number | null })[] {
  const sorted = [...rows].sort(byStanding);
  let rank = 0;
  return sorted.map((r, i) => {
    if (r.gap === null) return { ...r, rank: null };
    const prev = sorted[i - 1];
    if (!prev || prev.gap !== r.gap || prev.shown !== r.shown) rank = i + 1;
    return { ...r, rank };
  });
}

export type TargetLine =
  { kind: 'line'; value: number; text: string } | { kind: 'differs' } | { kind: 'none' };

/**
 * Where the target line goes: at the printed number when every county of the group has the
 * same numeric target (or, for 高于全省…, the same referenced value the API compared with).
 */
export function targetLine(g: TargetGroup, rows: readonly CountyRow[]): TargetLine {
  const phrases = new Set(g.targets.map((t) => t.phrase));
  if (phrases.size > 1) return { kind: 'differs' };
  const specs = g.targets.map((t) => t.spec);
  const first = specs[0];
  if (!first) return { kind: 'none' };
  if (
    (first.type === 'bound' || first.type === 'about') &&
    first.value !== undefined &&
    specs.every((s) => s?.value === first.value && s?.measure === first.measure)
  ) {
    const value = Number(first.value);
    return Number.isFinite(value)
      ? { kind: 'line', value, text: g.targets[0]!.phrase }
      : { kind: 'none' };
  }
  if (first.type === 'relative' || first.type === 'sync') {
    const refs = new Set(
      rows.map((r) => r.result.ref).filter((v) => v !== null && v !== undefined),
    );
    if (refs.size === 1) {
      const value = [...refs][0]!;
      return { kind: 'line', value, text: first.ref?.text ?? g.targets[0]!.phrase };
    }
    return refs.size > 1 ? { kind: 'differs' } : { kind: 'none' };
  }
  return { kind: 'none' };
}

/** The register as a map by code. */
export function regionMap(regions: readonly Region[] | undefined): Map<string, Region> {
  return new Map((regions ?? []).map((r) => [r.code, r]));
}
