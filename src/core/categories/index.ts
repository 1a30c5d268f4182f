import { formatValue } from '../numeric/index.js';
import type { ObservationSet } from '../observations/index.js';
import { isPeriod, parsePeriod, periodLabel } from '../periods/index.js';
import type { Category, CategoryRule } from '../plans/schema.js';
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
  // Whether the county is in no earlier category is for assignCategories to say.
  if ('otherwise' in rule) return true;
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
  | { attribute: string }
  /** Not in an earlier category of an exclusive order (or of an `otherwise` rule). */
  | { notIn: string; name: string };

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
  if ('otherwise' in rule) return [];
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
  if ('notIn' in e) return `不属于${e.name}`;
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

const orTri = (a: Tri, b: Tri): Tri =>
  a === true || b === true ? true : a === null || b === null ? null : false;

/** Meets its own rule and is in no earlier category (`placed`): true, false or unknown. */
function inOrder(own: Tri, placed: Tri): Tri {
  if (placed === true || own === false) return false;
  return placed === null ? null : own;
}

/**
 * Which categories each county belongs to. By default a county may be in several; with
 * `exclusive` each county is in the first category (plan order) whose rule it meets, and a
 * county whose earlier membership cannot be decided cannot be placed further down. An
 * `otherwise` rule takes every county in no earlier category.
 */
export function assignCategories(
  categories: readonly Category[],
  counties: readonly Region[],
  obs: ObservationSet,
  exclusive = false,
): CategoryAssignment {
  const byRegion = new Map<string, string[]>(counties.map((c) => [c.code, []]));
  const evidence = new Map<string, CategoryMembership[]>(counties.map((c) => [c.code, []]));
  const members = categories.map(() => [] as string[]);
  const unknown = categories.map(() => [] as string[]);
  const unplaced: Region[] = [];
  for (const county of counties) {
    let placed: Tri = false;
    categories.forEach((cat, i) => {
      const otherwise = 'otherwise' in cat.rule;
      const own = evaluateRule(cat.rule, county, obs);
      const after = exclusive || otherwise;
      // In order, a county is in a category when it meets the rule and is in no earlier one.
      const r = after ? inOrder(own, placed) : own;
      if (r === true) {
        members[i]!.push(county.code);
        byRegion.get(county.code)!.push(cat.code);
        const notIn = after
          ? categories.slice(0, i).map((c) => ({ notIn: c.code, name: c.name }))
          : [];
        evidence.get(county.code)!.push({
          category: cat.code,
          evidence: [...(ruleEvidence(cat.rule, county, obs) ?? []), ...notIn],
        });
      } else if (r === null) unknown[i]!.push(county.code);
      placed = orTri(placed, r);
    });
    if (exclusive && placed === false) unplaced.push(county);
  }
  const summaries = categories.map((cat, i) =>
    summary(cat, members[i]!, unknown[i]!, counties.length),
  );
  const last = summaries[summaries.length - 1];
  if (last && unplaced.length > 0) last.note += `;${unplacedNote(unplaced)}`;
  return { byRegion, evidence, summaries };
}

function summary(
  cat: Category,
  members: string[],
  unknown: string[],
  total: number,
): CategorySummary {
  const state: CategorySummary['state'] =
    unknown.length === 0 ? 'set' : unknown.length === total ? 'unset' : 'partial';
  const note =
    state === 'unset'
      ? `${cat.name}成员未设定:判定所需的数据或区域属性尚未设置(${cat.printed})`
      : state === 'partial'
        ? `${cat.name}:${unknown.length}个县的成员身份无法判定(数据或属性未设置)`
        : `${cat.name}:${members.length}个县`;
  return { code: cat.code, name: cat.name, members, unknown, state, note };
}

/** Counties an exclusive order leaves in no category (no `otherwise` catches them). */
function unplacedNote(unplaced: readonly Region[]): string {
  const names = unplaced.slice(0, 10).map((r) => r.name);
  const more = unplaced.length > 10 ? `等` : '';
  return `另有${unplaced.length}个县不符合任何类别的规则,未归类(${names.join('、')}${more})`;
}

/** A problem with a plan's categories, as `plan check` lists them. */
export interface CategoryProblem {
  path: string;
  value: string;
  reason: string;
}

/** A rule as text with its keys in one order, so that equal rules give equal texts. */
function ruleKey(rule: CategoryRule): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sorted(rule));
}

/** Paths (under `path`) of `otherwise` rules nested inside `any` / `all`. */
function nestedOtherwise(rule: CategoryRule, path: string): string[] {
  if ('any' in rule)
    return rule.any.flatMap((r, i) =>
      'otherwise' in r ? [`${path}.any.${i}`] : nestedOtherwise(r, `${path}.any.${i}`),
    );
  if ('all' in rule)
    return rule.all.flatMap((r, i) =>
      'otherwise' in r ? [`${path}.all.${i}`] : nestedOtherwise(r, `${path}.all.${i}`),
    );
  return [];
}

/**
 * What can be told of a plan's categories without data: a code used twice; an `otherwise` rule
 * inside another rule or not on the last category; and, when categories are exclusive, a
 * category with the same rule as an earlier one (it could never have a member). A county that
 * meets no rule of an exclusive order is told at evaluation (the last category's note).
 */
export function categoryProblems(
  categories: readonly Category[],
  exclusive: boolean,
): CategoryProblem[] {
  const problems: CategoryProblem[] = [];
  const seen = new Map<string, number>();
  const rules = new Map<string, number>();
  categories.forEach((c, i) => {
    const path = `categories.${i}`;
    const prior = seen.get(c.code);
    if (prior !== undefined)
      problems.push({
        path: `${path}.code`,
        value: c.code,
        reason: `类别代码与 categories.${prior} 重复 (duplicate category code)`,
      });
    seen.set(c.code, i);
    for (const p of nestedOtherwise(c.rule, `${path}.rule`))
      problems.push({
        path: p,
        value: 'otherwise',
        reason: '「otherwise」只能作为类别的整条规则,不能嵌在 any/all 中 (only as a whole rule)',
      });
    if ('otherwise' in c.rule && i !== categories.length - 1)
      problems.push({
        path: `${path}.rule`,
        value: c.name,
        reason:
          '「otherwise」(其余各县)须是最后一个类别,其后的类别不会有成员 (must be the last category)',
      });
    const key = ruleKey(c.rule);
    const same = rules.get(key);
    if (exclusive && same !== undefined)
      problems.push({
        path: `${path}.rule`,
        value: c.name,
        reason: `与「${categories[same]!.name}」(categories.${same})规则相同:类别互斥时排在后面的类别永远没有成员 (same rule as an earlier exclusive category)`,
      });
    if (!rules.has(key)) rules.set(key, i);
  });
  return problems;
}
