import type { ObservationSet } from '../observations/index.js';
import type { Category, CategoryRule } from '../plans/index.js';
import type { Region } from '../regions/index.js';

/** true, false, or null when the data or attribute behind the rule is not known. */
export type Tri = boolean | null;

export function evaluateRule(rule: CategoryRule, region: Region, obs: ObservationSet): Tri {
  if ('indicator' in rule) {
    const v = obs.value(region.code, rule.indicator, rule.period);
    if (v === null) return null;
    switch (rule.op) {
      case '>':
        return v > rule.value;
      case '>=':
        return v >= rule.value;
      case '<':
        return v < rule.value;
      case '<=':
        return v <= rule.value;
      case '=':
        return v === rule.value;
    }
  }
  if ('attribute' in rule) return region.attributes[rule.attribute] ?? null;
  const parts = ('any' in rule ? rule.any : rule.all).map((r) => evaluateRule(r, region, obs));
  if ('any' in rule) return parts.includes(true) ? true : parts.includes(null) ? null : false;
  return parts.includes(false) ? false : parts.includes(null) ? null : true;
}

export interface CategorySummary {
  code: string;
  name: string;
  members: string[];
  /** Counties whose membership cannot be decided (data or attribute not set). */
  unknown: string[];
  /** `unset` when no county's membership is known: say so instead of judging an empty group. */
  state: 'set' | 'partial' | 'unset';
  note: string;
}

export interface CategoryAssignment {
  byRegion: Map<string, string[]>;
  summaries: CategorySummary[];
}

/** Which categories each county belongs to (a county may be in several). */
export function assignCategories(
  categories: readonly Category[],
  counties: readonly Region[],
  obs: ObservationSet,
): CategoryAssignment {
  const byRegion = new Map<string, string[]>(counties.map((c) => [c.code, []]));
  const summaries = categories.map((cat) => {
    const members: string[] = [];
    const unknown: string[] = [];
    for (const county of counties) {
      const r = evaluateRule(cat.rule, county, obs);
      if (r === true) {
        members.push(county.code);
        byRegion.get(county.code)!.push(cat.code);
      } else if (r === null) unknown.push(county.code);
    }
    const state: CategorySummary['state'] =
      unknown.length === 0 ? 'set' : unknown.length === counties.length ? 'unset' : 'partial';
    const note =
      state === 'unset'
        ? `${cat.name}成员未设定:判定所需的数据或区域属性尚未设置(${cat.printed})`
        : state === 'partial'
          ? `${cat.name}:${unknown.length}个县的成员身份无法判定(数据或属性未设置)`
          : `${cat.name}:${members.length}个县`;
    return { code: cat.code, name: cat.name, members, unknown, state, note };
  });
  return { byRegion, summaries };
}
