import { LeitaiError } from '../errors/index.js';
import { dateOf, dueDate, formatPeriod, parsePeriod, type Period } from '../periods/index.js';
import { checkWarningRules } from './check.js';
import { DEFAULT_WARNING_RULES } from './defaults.js';
import { builtInSource } from './rules/table.js';
import type { WarningRule } from './schema.js';
import type {
  CountyLevel,
  CountyWarnings,
  ResolvedRule,
  SourceContext,
  Warning,
  WarningsOptions,
  WarningsResult,
} from './types.js';

export { checkWarningRules } from './check.js';
export { DEFAULT_WARNING_RULES } from './defaults.js';
export { WARNING_RULE_TYPES } from './rule-types.js';
export {
  warningRuleSchema,
  warningRulesSchema,
  type WarningLevel,
  type WarningRule,
  type WarningRuleType,
} from './schema.js';
export type {
  CountyLevel,
  CountyWarnings,
  RawWarning,
  ResolvedRule,
  SourceContext,
  Warning,
  WarningEvidence,
  WarningSource,
  WarningsOptions,
  WarningsResult,
} from './types.js';

const HOOK_LEDGERS: Partial<Record<WarningRule['type'], string>> = {
  project_behind_milestone: '项目台账',
  task_overdue: '任务台账',
};

const LEVEL_RANK: Record<CountyLevel, number> = { red: 0, yellow: 1, green: 2 };

/** The evaluation's period, which `opts.period` must name too when given; and the same plan. */
function checkedPeriod(opts: WarningsOptions): Period {
  const { evaluation, prepared } = opts;
  const period = parsePeriod(evaluation.period);
  const periodText = formatPeriod(period);
  if (opts.period !== undefined && formatPeriod(parsePeriod(opts.period)) !== periodText) {
    throw new LeitaiError(
      'INPUT_INVALID',
      `期别「${opts.period}」与评价结果的期别 ${periodText} 不一致`,
      { value: opts.period, reason: 'period differs from the evaluation' },
    );
  }
  if (prepared.plan.id !== evaluation.plan) {
    throw new LeitaiError(
      'INPUT_INVALID',
      `评价结果属于计划 ${evaluation.plan},不是 ${prepared.plan.id}`,
      { value: evaluation.plan, reason: 'evaluation of another plan' },
    );
  }
  return period;
}

/** The rules to apply (given, the plan's, or the default set), checked, and where they came from. */
function ruleSet(opts: WarningsOptions): {
  origin: WarningsResult['ruleSource'];
  rules: ResolvedRule[];
  notes: string[];
} {
  const settings = opts.prepared.plan.settings;
  const origin = opts.rules ? 'option' : settings?.warnings ? 'plan' : 'default';
  const given = opts.rules ?? settings?.warnings ?? DEFAULT_WARNING_RULES;
  return { origin, ...checkWarningRules(given, opts.prepared, origin) };
}

type Found = Warning & { order: number };

/** The plan's own region (a task of the plan, not of a county): listed, never tallied. */
const planLevel = (w: Warning, counties: Map<string, CountyWarnings>) => !counties.has(w.region);

/** Every county with its tally, worst first; the warnings by county, level, rule, as found. */
function ranked(
  found: Found[],
  counties: readonly string[],
  nameOf: Map<string, string>,
): { counties: CountyWarnings[]; warnings: Warning[] } {
  const tally = new Map<string, CountyWarnings>(
    counties.map((c) => [
      c,
      { region: c, regionName: nameOf.get(c)!, level: 'green', red: 0, yellow: 0 },
    ]),
  );
  for (const w of found) {
    if (planLevel(w, tally)) continue;
    const t = tally.get(w.region)!;
    t[w.level]++;
    if (LEVEL_RANK[w.level] < LEVEL_RANK[t.level]) t.level = w.level;
  }
  const countyList = [...tally.values()].sort(
    (a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.region.localeCompare(b.region),
  );
  const rank = new Map(countyList.map((c, i) => [c.region, i]));
  const rankOf = (region: string) => rank.get(region) ?? countyList.length; // plan-level last
  const sorted = found
    .map((w, i) => ({ w, i }))
    .sort(
      (a, b) =>
        rankOf(a.w.region) - rankOf(b.w.region) ||
        LEVEL_RANK[a.w.level] - LEVEL_RANK[b.w.level] ||
        a.w.order - b.w.order ||
        a.i - b.i,
    )
    .map(({ w: { order: _order, ...w } }) => w);
  return { counties: countyList, warnings: sorted };
}

/**
 * Warnings (预警) of every county of a plan at one period, from rules kept as data: red,
 * yellow, or green when no rule fires. Each rule type has its evaluator (rules/), or one
 * registered from outside (`sources`). Reuses the evaluation's judgements; never re-judges a
 * target.
 */
export function warnings(opts: WarningsOptions): WarningsResult {
  const { evaluation, prepared, obs, register } = opts;
  const period = checkedPeriod(opts);
  const now = opts.now ?? null;
  if (now !== null) dateOf(now, '当前日期'); // a date that is none is refused before any rule
  const due = dueDate(period, prepared.plan.settings?.dueDay ?? 10);
  const { origin, rules, notes } = ruleSet(opts);

  const counties = Object.keys(evaluation.categories).sort();
  const nameOf = new Map<string, string>(counties.map((c) => [c, register.get(c)?.name ?? c]));
  const found: Found[] = [];
  for (const rule of rules) {
    const source = builtInSource(rule.type) ?? opts.sources?.[rule.type];
    if (!source) {
      notes.push(`规则「${rule.id}」需要${HOOK_LEDGERS[rule.type] ?? '外部'}数据,尚未接入,未应用`);
      continue;
    }
    const ctx: SourceContext = {
      rule,
      evaluation,
      prepared,
      obs,
      register,
      period,
      now,
      due,
      counties,
      note: (text) => notes.push(text),
    };
    for (const w of source(ctx)) {
      const own = w.region === prepared.plan.province;
      if (!nameOf.has(w.region) && !own) continue;
      found.push({
        region: w.region,
        regionName: nameOf.get(w.region) ?? register.get(w.region)?.name ?? w.region,
        level: rule.level,
        rule: rule.id,
        ruleName: rule.name,
        type: rule.type,
        indicator: w.indicator ?? null,
        message: w.message,
        evidence: w.evidence ?? {},
        order: rule.index,
      });
    }
  }

  const list = ranked(found, counties, nameOf);
  return {
    plan: prepared.plan.id,
    period: formatPeriod(period),
    periodLabel: evaluation.periodLabel,
    due,
    now,
    rules: rules.map(({ id, name, type, level }) => ({ id, name, type, level })),
    ruleSource: origin,
    warnings: list.warnings,
    counties: list.counties,
    notes,
  };
}
