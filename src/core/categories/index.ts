import { formatValue } from '../numeric/index.js';
import type { ObservationSet } from '../observations/index.js';
import { isPeriod, parsePeriod, periodLabel } from '../periods/index.js';
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

/** One condition of a category rule that held for a region: the number or the attribute. */
export type RuleEvidence =
  | {
      indicator: string;
      period: string;
      op: '>' | '>=' | '<' | '<=' | '=';
      /** The rule's threshold, as the plan prints it. */
      threshold: number;
      /** The region's value that met it. */
      value: number;
    }
  | { attribute: string };

/**
 * Why a rule holds for a region: the conditions that made it true (for `any`, each part that
 * held; for `all`, every part). Null when the rule does not hold or cannot be decided.
 */
export function ruleEvidence(
  rule: CategoryRule,
  region: Region,
  obs: ObservationSet,
): RuleEvidence[] | null {
  if (evaluateRule(rule, region, obs) !== true) return null;
  if ('indicator' in rule) {
    const { indicator, period, op, value: threshold } = rule;
    return [
      { indicator, period, op, threshold, value: obs.value(region.code, indicator, period)! },
    ];
  }
  if ('attribute' in rule) return [{ attribute: rule.attribute }];
  return ('any' in rule ? rule.any : rule.all).flatMap((r) => ruleEvidence(r, region, obs) ?? []);
}

/** The region attributes category rules read, as a reason states them. */
export const ATTRIBUTE_REASONS: Record<string, string> = {
  border: '属边境县',
  eco_zone: '属国家级重点生态功能区',
  scenic_4a: '有4A级景区',
  heritage_area: '有历史文化资源富集区',
};

const OP_TEXT = { '>': '>', '>=': '≥', '<': '<', '<=': '≤', '=': '=' } as const;

/**
 * A condition in words, e.g. "2025年工业增加值 12.3亿元 > 10亿元": the value rounded for its unit,
 * the threshold as the plan prints it. `indicator` names the indicator and its unit.
 */
export function evidenceText(
  e: RuleEvidence,
  indicator: (code: string) => { name: string; unit: string } | undefined,
): string {
  if ('attribute' in e) return ATTRIBUTE_REASONS[e.attribute] ?? `区域属性「${e.attribute}」为是`;
  const ind = indicator(e.indicator);
  const name = ind?.name ?? e.indicator;
  const unit = ind?.unit ?? '';
  const when = isPeriod(e.period) ? periodLabel(parsePeriod(e.period)) : e.period;
  return `${when}${name} ${formatValue(e.value, unit)}${unit} ${OP_TEXT[e.op]} ${e.threshold}${unit}`;
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

/** Why a county is in a category: the conditions of the rule that held for it. */
export interface CategoryMembership {
  category: string;
  evidence: RuleEvidence[];
}

export interface CategoryAssignment {
  byRegion: Map<string, string[]>;
  /** For each county, the categories it is in with the evidence, in the plan's order. */
  evidence: Map<string, CategoryMembership[]>;
  summaries: CategorySummary[];
}

/** Which categories each county belongs to (a county may be in several). */
export function assignCategories(
  categories: readonly Category[],
  counties: readonly Region[],
  obs: ObservationSet,
): CategoryAssignment {
  const byRegion = new Map<string, string[]>(counties.map((c) => [c.code, []]));
  const evidence = new Map<string, CategoryMembership[]>(counties.map((c) => [c.code, []]));
  const summaries = categories.map((cat) => {
    const members: string[] = [];
    const unknown: string[] = [];
    for (const county of counties) {
      const r = evaluateRule(cat.rule, county, obs);
      if (r === true) {
        members.push(county.code);
        byRegion.get(county.code)!.push(cat.code);
        evidence.get(county.code)!.push({
          category: cat.code,
          evidence: ruleEvidence(cat.rule, county, obs) ?? [],
        });
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
  return { byRegion, evidence, summaries };
}
