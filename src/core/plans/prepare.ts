import { categoryProblems } from '../categories/index.js';
import { LeitaiError } from '../errors/index.js';
import { catalogue, type Indicator, type IndicatorCatalogue } from '../indicators/index.js';
import { matchIndicator } from '../indicators/match.js';
import { ownCatalogue } from './catalogue.js';
import {
  describeTarget,
  MANUAL_READING,
  parseTarget,
  type Ref,
  type TargetSpec,
} from '../targets/index.js';
import type { Plan, PlanTarget } from './schema.js';

export interface PreparedTarget extends PlanTarget {
  spec: TargetSpec;
  reading: string;
  def: Indicator;
  /** Absolute tolerance for 左右 and 同步 under the plan's settings. */
  tolerance: number | undefined;
}

export interface PreparedPlan {
  plan: Plan;
  indicators: IndicatorCatalogue;
  targets: PreparedTarget[];
}

export interface PlanProblem {
  path: string;
  value: string;
  reason: string;
}

const SCOPE_WORDS: [RegExp, Ref['scope']][] = [
  [/^(全省县域|全省)/, 'province'],
  [/^(全市县域|全市|所在市)/, 'prefecture'],
  [/^(本县|本地|当地)/, 'self'],
  [/^同期/, 'plan'],
];

/** 平均 / 平均水平 / 县域平均值: the mean of the same indicator over the counties of the scope. */
const MEAN = /^(?:县域)?平均(?:水平|值|数)?$/;

/**
 * "全省县域GDP增速" → the province's gdp_growth; "全省平均" → the mean of `own` (the row's
 * indicator) over the province's counties; "同期GDP增速" → the plan region's gdp_growth.
 * Null when the indicator is not known.
 */
export function refResolver(
  indicators: readonly Indicator[],
  own?: string,
): (text: string) => Ref | null {
  return (text) => {
    let scope: Ref['scope'] = 'self';
    let rest = text;
    for (const [re, sc] of SCOPE_WORDS) {
      const m = re.exec(text);
      if (m) {
        scope = sc;
        rest = text.slice(m[0].length);
        break;
      }
    }
    if (MEAN.test(rest) && own && (scope === 'province' || scope === 'prefecture'))
      return { text, indicator: own, scope, stat: 'mean' };
    const indicator = matchIndicator(rest, indicators);
    return indicator ? { text, indicator, scope } : null;
  };
}

/** The plan row's explicit `ref` overrides the reading of the words. */
function explicitRef(t: PlanTarget, words: (text: string) => Ref | null): (text: string) => Ref | null {
  const r = t.ref;
  if (!r) return words;
  return (text) => ({
    text,
    indicator: r.indicator ?? words(text)?.indicator ?? t.indicator,
    scope: r.scope,
    stat: r.stat ?? 'value',
  });
}

/** Tolerance under the plan's settings (SPEC §3 defaults when the plan sets none). */
function toleranceFor(plan: Plan, spec: TargetSpec, unit: string): number | undefined {
  const t = plan.settings?.tolerance;
  if (!t) return undefined;
  const percent = unit === '%' || unit === '个百分点' || ('measure' in spec && spec.measure !== 'value');
  if (percent || spec.type === 'sync' || spec.type === 'annual_growth') return t.percent;
  if (spec.type === 'about') return Math.abs(Number(spec.value)) * t.relative;
  return undefined;
}

/**
 * Reads every target phrase of a plan against the catalogue. Returns the problems instead of
 * throwing, so `plan check` can list them all.
 */
export function readPlan(
  plan: Plan,
  builtin: readonly Indicator[],
): { prepared: PreparedPlan; problems: PlanProblem[]; warnings: PlanProblem[] } {
  const all = [...ownCatalogue(builtin, plan), ...(plan.indicators ?? [])];
  const indicators = catalogue(all);
  const list = [...indicators.values()];
  const problems: PlanProblem[] = [];
  const warnings: PlanProblem[] = [];
  const targets: PreparedTarget[] = [];
  plan.targets.forEach((t, i) => {
    const def = indicators.get(t.indicator);
    if (!def) {
      problems.push({ path: `targets.${i}.indicator`, value: t.indicator, reason: '未知指标代码' });
      return;
    }
    if (t.ref?.indicator && !indicators.has(t.ref.indicator)) {
      problems.push({ path: `targets.${i}.ref.indicator`, value: t.ref.indicator, reason: '未知指标代码' });
      return;
    }
    if (t.judgement === 'manual') {
      // Judged by its department: the phrase is kept as printed and never parsed.
      targets.push({ ...t, spec: { type: 'manual' }, reading: MANUAL_READING, def, tolerance: undefined });
      return;
    }
    try {
      const resolveRef = explicitRef(t, refResolver(list, t.indicator));
      const spec = parseTarget(t.phrase, { unit: t.unit, indicatorKind: def.kind, resolveRef });
      const tolerance = toleranceFor(plan, spec, t.unit);
      const reading = describeTarget(spec, {
        direction: def.direction,
        unit: t.unit,
        tolerance,
        kind: def.kind,
      });
      targets.push({ ...t, spec, reading, def, tolerance });
      const w = kindWarning(spec, def);
      if (w) warnings.push({ path: `targets.${i}.phrase`, value: t.phrase, reason: w });
      if (t.ref && spec.type !== 'relative' && spec.type !== 'sync')
        warnings.push({
          path: `targets.${i}.ref`,
          value: t.phrase,
          reason: '「ref」只用于相对目标(高于…、与…同步),此目标不读取它',
        });
    } catch (e) {
      if (!(e instanceof LeitaiError)) throw e;
      problems.push({ path: `targets.${i}.phrase`, value: t.phrase, reason: e.message });
    }
  });
  for (const [i, c] of plan.categories.entries()) {
    for (const code of ruleIndicators(c.rule)) {
      if (!indicators.has(code))
        problems.push({ path: `categories.${i}.rule`, value: code, reason: '未知指标代码' });
    }
  }
  problems.push(
    ...categoryProblems(plan.categories, plan.settings?.exclusiveCategories === true),
  );
  return { prepared: { plan, indicators, targets }, problems, warnings };
}

const KIND_NAMES: Record<Indicator['kind'], string> = {
  level: '总量',
  growth: '增速',
  share: '比重',
  count: '个数',
  change_pp: '百分点变化',
};

/**
 * A phrase that reads but makes no sense for the indicator's kind (年均增长 on a share, a
 * cumulative [X] on a growth rate): `plan check` warns, the plan still loads.
 */
function kindWarning(spec: TargetSpec, def: Indicator): string | null {
  const kind = `「${def.name}」是${KIND_NAMES[def.kind]}指标`;
  if (spec.type === 'annual_growth' && (def.kind === 'share' || def.kind === 'change_pp'))
    return `${kind},「年均增长」通常不适用(比重、百分点变化宜用「提高…个百分点」)`;
  if (spec.type === 'cumulative' && (def.kind === 'growth' || def.kind === 'share' || def.kind === 'change_pp'))
    return `${kind},各年数值相加没有意义,「[累计]」目标通常不适用`;
  return null;
}

/** Like readPlan, but any problem is an error (for evaluation). */
export function preparePlan(plan: Plan, builtin: readonly Indicator[], file = plan.id): PreparedPlan {
  const { prepared, problems } = readPlan(plan, builtin);
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new LeitaiError(
      'PLAN_INVALID',
      `${file}: ${problems.map((q) => `「${q.path}」${q.value}: ${q.reason}`).join(';')}`,
      { file, path: p.path, value: p.value, reason: p.reason, problems },
    );
  }
  return prepared;
}

type Rule = Plan['categories'][number]['rule'];

function ruleIndicators(rule: Rule): string[] {
  if ('indicator' in rule) return [rule.indicator];
  if ('any' in rule) return rule.any.flatMap(ruleIndicators);
  if ('all' in rule) return rule.all.flatMap(ruleIndicators);
  return [];
}

/** A plan in a list: what it is and how much it holds. */
export function planSummary(p: Plan) {
  return {
    id: p.id,
    title: p.title,
    issuer: p.issuer,
    issued: p.issued,
    period: p.period,
    targets: p.targets.length,
    tasks: p.tasks.length,
  };
}

/** A plan with the reading of every target (and the phrases it could not read). */
export function planWithReadings(plan: Plan, builtin: readonly Indicator[]) {
  const { prepared, problems, warnings } = readPlan(plan, builtin);
  return { ...plan, warnings, targets: prepared.targets.map(({ def: _def, ...t }) => t), problems };
}
