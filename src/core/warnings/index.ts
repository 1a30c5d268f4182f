import { LeitaiError } from '../errors/index.js';
import type { Evaluation, ResultRow } from '../evaluate/index.js';
import type { Indicator } from '../indicators/index.js';
import { Decimal, dec, formatValue, num, placesFor, sum } from '../numeric/index.js';
import type { ObservationSet } from '../observations/index.js';
import {
  dateOf,
  dueDate,
  formatPeriod,
  isOverdue,
  parsePeriod,
  type Period,
} from '../periods/index.js';
import { countyIndicators, type PreparedPlan } from '../plans/index.js';
import type { Register } from '../regions/index.js';
import { STATUS_LABELS, type TargetStatus } from '../targets/index.js';
import { DEFAULT_WARNING_RULES } from './defaults.js';
import { warningRulesSchema, type WarningLevel, type WarningRule } from './schema.js';

export { DEFAULT_WARNING_RULES } from './defaults.js';
export {
  WARNING_RULE_TYPES,
  warningRuleSchema,
  warningRulesSchema,
  type WarningLevel,
  type WarningRule,
  type WarningRuleType,
} from './schema.js';

/** The numbers a warning rests on. Built-in rules fill the named fields; hooks may add others. */
export interface WarningEvidence {
  value?: number | null;
  unit?: string;
  /** The target phrase as printed, and its status and gap from the evaluation. */
  target?: string;
  status?: TargetStatus;
  gap?: number | null;
  /** 时间过半: where the county should be now, the share of the year, the year-end projection. */
  expected?: number;
  share?: number;
  projection?: number;
  /** The mean compared with, over how many counties, and whose (`province` or a category code). */
  average?: number;
  count?: number;
  against?: string;
  /** The deadline passed and the date it was judged at. */
  due?: string;
  now?: string;
  [key: string]: unknown;
}

export interface Warning {
  region: string;
  regionName: string;
  level: WarningLevel;
  /** The id of the rule that fired, its name for people and its type. */
  rule: string;
  ruleName: string;
  type: WarningRule['type'];
  indicator: string | null;
  /** In Chinese, with the numbers. */
  message: string;
  evidence: WarningEvidence;
}

export type CountyLevel = WarningLevel | 'green';

export interface CountyWarnings {
  region: string;
  regionName: string;
  level: CountyLevel;
  red: number;
  yellow: number;
}

export interface WarningsResult {
  plan: string;
  period: string;
  periodLabel: string;
  /** When the period's data were due, and the date the rules were applied at (if given). */
  due: string;
  now: string | null;
  /** The rules applied, in order, and where they came from. */
  rules: { id: string; name: string; type: WarningRule['type']; level: WarningLevel }[];
  ruleSource: 'plan' | 'default' | 'option';
  warnings: Warning[];
  /** Every county of the plan: red first, then yellow, then green, by code. */
  counties: CountyWarnings[];
  /** What could not be applied, and why (never silently). */
  notes: string[];
}

/** A rule after checking: with its id, its name and its place in the list. */
export type ResolvedRule = WarningRule & { id: string; name: string; index: number };

/** What an evaluator registered for a rule type (a later issue's projects, tasks) returns. */
export interface RawWarning {
  region: string;
  indicator?: string | null;
  message: string;
  evidence?: WarningEvidence;
}

export interface SourceContext {
  rule: ResolvedRule;
  evaluation: Evaluation;
  prepared: PreparedPlan;
  obs: ObservationSet;
  register: Register;
  period: Period;
  now: string | null;
  due: string;
  /** The plan's counties, by code. */
  counties: readonly string[];
  /** Adds a note to the result (data missing, rule partly applied). */
  note: (text: string) => void;
}

/** An evaluator of one rule type, registered from outside the engine. */
export type WarningSource = (ctx: SourceContext) => RawWarning[];

export interface WarningsOptions {
  evaluation: Evaluation;
  prepared: PreparedPlan;
  obs: ObservationSet;
  register: Register;
  /** Must be the evaluation's period when given. */
  period?: string;
  /** ISO date (YYYY-MM-DD, or a full timestamp): decides whether missing values are overdue. */
  now?: string;
  /** Default: the plan's `settings.warnings`, else DEFAULT_WARNING_RULES. */
  rules?: readonly unknown[];
  /** Evaluators of rule types the engine does not evaluate itself, keyed by type. */
  sources?: Partial<Record<WarningRule['type'], WarningSource>>;
}

const TYPE_NAMES: Record<WarningRule['type'], string> = {
  target: '目标未完成',
  behind_pace: '落后序时进度',
  negative_growth: '负增长',
  below_average: '低于平均',
  missing_after_due: '逾期未报',
  project_behind_milestone: '项目滞后节点',
  task_overdue: '任务逾期',
};

const HOOK_LEDGERS: Partial<Record<WarningRule['type'], string>> = {
  project_behind_milestone: '项目台账',
  task_overdue: '任务台账',
};

const LEVEL_RANK: Record<CountyLevel, number> = { red: 0, yellow: 1, green: 2 };

function ruleLabel(i: number, id: unknown): string {
  return typeof id === 'string' ? `第${i + 1}条规则(${id})` : `第${i + 1}条规则`;
}

/**
 * Checks a rule list against the schema and the plan's indicators, and gives each rule its id
 * and name. Refuses a bad rule with PLAN_INVALID naming the rule and the field. A default rule
 * naming an indicator the plan's catalogue lacks is narrowed (or dropped) with a note instead:
 * the default set must not make a plan unusable.
 */
export function checkWarningRules(
  rules: readonly unknown[],
  prepared: PreparedPlan,
  origin: 'plan' | 'default' | 'option' = 'plan',
): { rules: ResolvedRule[]; notes: string[] } {
  const where = origin === 'plan' ? `${prepared.plan.id}: settings.warnings` : '预警规则';
  const parsed = warningRulesSchema.safeParse(rules);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((iss) => {
      const [i, ...rest] = iss.path;
      const field = rest.map(String).join('.');
      const id = typeof i === 'number' ? (rules[i] as { id?: unknown } | undefined)?.id : undefined;
      const whose = typeof i === 'number' ? ruleLabel(i, id) : '';
      return {
        path: ['settings', 'warnings', ...iss.path].map(String).join('.'),
        text: `${whose}${field ? `「${field}」` : ''}${whose ? ': ' : ''}${iss.message}`,
        reason: iss.message,
      };
    });
    throw new LeitaiError('PLAN_INVALID', `${where}: ${issues.map((x) => x.text).join(';')}`, {
      path: issues[0]!.path,
      reason: issues[0]!.reason,
      issues,
    });
  }
  const notes: string[] = [];
  const refuse = (i: number, id: string, field: string, value: string, reason: string) => {
    throw new LeitaiError(
      'PLAN_INVALID',
      `${where}: ${ruleLabel(i, id)}「${field}」${value}: ${reason}`,
      { path: `settings.warnings.${i}.${field}`, value, reason },
    );
  };
  const taken = new Set(parsed.data.flatMap((r) => (r.id ? [r.id] : [])));
  const out: ResolvedRule[] = [];
  parsed.data.forEach((rule, index) => {
    let id = rule.id;
    if (!id) {
      id = rule.type;
      for (let n = 2; taken.has(id); n++) id = `${rule.type}-${n}`;
      taken.add(id);
    }
    const name =
      rule.name ??
      (rule.type === 'below_average'
        ? rule.against === 'category'
          ? '低于同类县平均'
          : '低于全省县域平均'
        : TYPE_NAMES[rule.type]);
    const list = 'indicators' in rule ? (rule.indicators as string[] | undefined) : undefined;
    let narrowed: string[] | undefined;
    if (list) {
      const known = list.filter((c) => prepared.indicators.has(c));
      const unknown = list.filter((c) => !prepared.indicators.has(c));
      if (unknown.length > 0) {
        if (origin !== 'default')
          refuse(index, id, 'indicators', unknown.join('、'), '未知指标代码');
        if (known.length === 0) {
          notes.push(`默认规则「${id}」的指标 ${unknown.join('、')} 不在本计划的指标目录中,未应用`);
          return;
        }
        notes.push(`默认规则「${id}」的指标 ${unknown.join('、')} 不在本计划的指标目录中,已略去`);
        narrowed = known;
      }
      if (rule.type === 'negative_growth') {
        const notGrowth = known.filter((c) => prepared.indicators.get(c)!.kind !== 'growth');
        if (notGrowth.length > 0)
          refuse(index, id, 'indicators', notGrowth.join('、'), '不是增速指标 (kind growth)');
      }
    }
    out.push({
      ...rule,
      ...(narrowed ? { indicators: narrowed } : {}),
      id,
      name,
      index,
    } as ResolvedRule);
  });
  return { rules: out, notes };
}

/** A number as shown: for its unit, but a fractional count (a projection, a pace) keeps a decimal. */
function fmt(v: number, unit: string): string {
  return placesFor(unit) === 0 && !Number.isInteger(v) ? formatValue(v, '') : formatValue(v, unit);
}

/** A number with its unit for a message: 4.2%, 373.4亿元, 3户, 1.5项. */
function show(v: number | null | undefined, unit: string): string {
  return v === null || v === undefined ? '无数据' : `${fmt(v, unit)}${unit}`;
}

/** Two numbers shown with enough decimals that different values do not print alike. */
function showPair(a: number, b: Decimal, unit: string): [string, string] {
  const base =
    placesFor(unit) === 0 && !(Number.isInteger(a) && b.isInteger()) ? 1 : placesFor(unit);
  let places = base;
  const fix = (x: number | Decimal, p: number) =>
    dec(x).toDecimalPlaces(p, Decimal.ROUND_HALF_UP).toFixed(p);
  while (places < base + 3 && !dec(a).eq(b) && fix(a, places) === fix(b, places)) places++;
  return [`${fix(a, places)}${unit}`, `${fix(b, places)}${unit}`];
}

const percentLike = (unit: string) => unit === '%' || unit === '个百分点';

function targetText(row: ResultRow): string {
  return /^[\d.]+$/.test(row.phrase) ? `${row.phrase}${row.unit}` : row.phrase;
}

/** The message of a target rule: the value (or its projection), the target, the status, the gap. */
function targetMessage(row: ResultRow, ind: Indicator, label: string): string {
  const unit = ind.unit;
  const parts: string[] = [];
  if (row.value === null) parts.push(`${row.name} 无数据`);
  else if (row.progress)
    parts.push(
      `${row.name} ${label} ${show(row.value, unit)},预计全年${show(row.progress.projection, unit)}`,
    );
  else parts.push(`${row.name} ${show(row.value, unit)}`);
  const isChange =
    !row.progress && row.measured !== null && row.previous !== undefined && row.previous !== null;
  if (isChange) {
    const cu = percentLike(row.unit) ? '个百分点' : '%';
    const m = row.measured!;
    parts.push(`比上年${m >= 0 ? '提高' : '下降'}${formatValue(Math.abs(m), cu)}${cu}`);
  }
  if (row.ref !== undefined && row.ref !== null) parts.push(`参照值 ${show(row.ref, unit)}`);
  let judged = `目标「${targetText(row)}」,${STATUS_LABELS[row.status]}`;
  if (row.gap !== null && row.gap < 0) {
    const gu = row.progress ? row.unit : percentLike(unit) || isChange ? '个百分点' : row.unit;
    judged += `,差${fmt(-row.gap, gu)}${gu}`;
  }
  if (row.note && row.status === 'no_data') judged += `(${row.note})`;
  parts.push(judged);
  return parts.join(',');
}

/**
 * Warnings (预警) of every county of a plan at one period, from rules kept as data: red,
 * yellow, or green when no rule fires. Reuses the evaluation's judgements; never re-judges a
 * target.
 */
export function warnings(opts: WarningsOptions): WarningsResult {
  const { evaluation, prepared, obs, register } = opts;
  const plan = prepared.plan;
  const period = parsePeriod(evaluation.period);
  const periodText = formatPeriod(period);
  if (opts.period !== undefined && formatPeriod(parsePeriod(opts.period)) !== periodText) {
    throw new LeitaiError(
      'INPUT_INVALID',
      `期别「${opts.period}」与评价结果的期别 ${periodText} 不一致`,
      { value: opts.period, reason: 'period differs from the evaluation' },
    );
  }
  if (plan.id !== evaluation.plan) {
    throw new LeitaiError('INPUT_INVALID', `评价结果属于计划 ${evaluation.plan},不是 ${plan.id}`, {
      value: evaluation.plan,
      reason: 'evaluation of another plan',
    });
  }
  const now = opts.now ?? null;
  // The day the rules are judged at, in the province: a timestamp counts by its Shanghai date.
  const today = now === null ? null : dateOf(now, '当前日期');
  const due = dueDate(period, plan.settings?.dueDay ?? 10);

  const origin: WarningsResult['ruleSource'] = opts.rules
    ? 'option'
    : plan.settings?.warnings
      ? 'plan'
      : 'default';
  const { rules, notes } = checkWarningRules(
    opts.rules ?? plan.settings?.warnings ?? DEFAULT_WARNING_RULES,
    prepared,
    origin,
  );

  const counties = Object.keys(evaluation.categories).sort();
  const countySet = new Set(counties);
  const nameOf = new Map<string, string>(counties.map((c) => [c, register.get(c)?.name ?? c]));
  const rowsByCounty = new Map<string, ResultRow[]>(counties.map((c) => [c, []]));
  for (const r of evaluation.results) rowsByCounty.get(r.region)?.push(r);
  const catName = new Map(plan.categories.map((c) => [c.code, c.name]));
  const label = evaluation.periodLabel;

  // What each county owes for the period: the county table's indicators that are due, and the
  // figures its province values are derived from; a category's or a named county's indicator
  // only for the counties it applies to (those the evaluation judged on it).
  const dueIndicators = countyIndicators(prepared, period);
  const general = new Set<string>();
  for (const t of prepared.targets) {
    if (t.scope === 'all') general.add(t.indicator);
    else if (t.scope === 'province') {
      const agg = t.def.aggregate;
      if (agg.method === 'sum') general.add(t.indicator);
      if (agg.method === 'count_over') general.add(agg.of);
      if (agg.method === 'ratio') {
        general.add(agg.numerator);
        general.add(agg.denominator);
      }
    }
  }
  const owed = (county: string): Indicator[] => {
    const judged = new Set(rowsByCounty.get(county)!.map((r) => r.indicator));
    return dueIndicators.filter((d) => general.has(d.code) || judged.has(d.code));
  };

  const found: (Warning & { order: number })[] = [];
  const fire = (
    rule: ResolvedRule,
    region: string,
    indicator: string | null,
    message: string,
    evidence: WarningEvidence,
  ) => {
    found.push({
      region,
      regionName: nameOf.get(region) ?? region,
      level: rule.level,
      rule: rule.id,
      ruleName: rule.name,
      type: rule.type,
      indicator,
      message,
      evidence,
      order: rule.index,
    });
  };
  const wanted = (rule: ResolvedRule, code: string) => {
    const list = 'indicators' in rule ? (rule.indicators as string[] | undefined) : undefined;
    return !list || list.includes(code);
  };
  const indicator = (code: string) => prepared.indicators.get(code)!;

  for (const rule of rules) {
    switch (rule.type) {
      case 'target': {
        const statuses = new Set<TargetStatus>(rule.status);
        for (const c of counties)
          for (const row of rowsByCounty.get(c)!) {
            if (!statuses.has(row.status) || !wanted(rule, row.indicator)) continue;
            const ind = indicator(row.indicator);
            fire(rule, c, row.indicator, targetMessage(row, ind, label), {
              value: row.value,
              unit: ind.unit,
              target: row.phrase,
              status: row.status,
              gap: row.gap,
              ...(row.progress ? { projection: row.progress.projection } : {}),
            });
          }
        break;
      }
      case 'behind_pace': {
        const margin = dec(rule.margin ?? 0);
        for (const c of counties)
          for (const row of rowsByCounty.get(c)!) {
            const p = row.progress;
            if (!p || p.expected === null || row.value === null || !wanted(rule, row.indicator))
              continue;
            const ind = indicator(row.indicator);
            const higher = ind.direction === 'higher';
            const bar = dec(p.expected).times(higher ? dec(1).minus(margin) : dec(1).plus(margin));
            const behind = higher ? dec(row.value).lt(bar) : dec(row.value).gt(bar);
            if (!behind) continue;
            const basis = p.basis === 'seasonal' ? '按上年同期进度' : '时间进度';
            const share = formatValue(num(dec(p.share).times(100)), '%');
            fire(
              rule,
              c,
              row.indicator,
              `${row.name} ${label} ${show(row.value, ind.unit)},${higher ? '低于' : '高于'}序时进度${show(p.expected, ind.unit)}(全年目标「${targetText(row)}」×${basis}${share}%)`,
              {
                value: row.value,
                unit: ind.unit,
                target: row.phrase,
                expected: p.expected,
                share: p.share,
                projection: p.projection,
              },
            );
          }
        break;
      }
      case 'negative_growth': {
        for (const c of counties) {
          const codes =
            rule.indicators ??
            owed(c)
              .filter((d) => d.kind === 'growth')
              .map((d) => d.code);
          for (const code of codes) {
            const v = obs.value(c, code, periodText);
            if (v === null || !dec(v).lt(0)) continue;
            const ind = indicator(code);
            fire(rule, c, code, `${ind.name} ${label} ${show(v, ind.unit)},负增长`, {
              value: v,
              unit: ind.unit,
            });
          }
        }
        break;
      }
      case 'below_average': {
        const against = rule.against ?? 'province';
        for (const code of rule.indicators) {
          const ind = indicator(code);
          const values = new Map<string, number>();
          for (const c of counties) {
            const v = obs.value(c, code, periodText);
            if (v !== null) values.set(c, v);
          }
          const groups: { key: string; title: string; members: string[] }[] = [];
          if (against === 'province') {
            groups.push({ key: 'province', title: '全省县域', members: counties });
          } else {
            if (plan.categories.length === 0)
              notes.push(`规则「${rule.id}」按类别比较,但本计划没有县域类别`);
            for (const cat of plan.categories) {
              const members = counties.filter((c) => evaluation.categories[c]?.includes(cat.code));
              groups.push({ key: cat.code, title: catName.get(cat.code)!, members });
            }
          }
          for (const g of groups) {
            const have = g.members.filter((c) => values.has(c));
            if (have.length === 0) {
              if (g.members.length > 0)
                notes.push(
                  `规则「${rule.id}」: ${g.title}${ind.name} ${label}无数据,无法计算平均值`,
                );
              continue;
            }
            const mean = sum(have.map((c) => values.get(c)!)).div(have.length);
            for (const c of have) {
              const v = values.get(c)!;
              const worse = ind.direction === 'higher' ? dec(v).lt(mean) : dec(v).gt(mean);
              if (!worse) continue;
              const [vs, ms] = showPair(v, mean, ind.unit);
              fire(
                rule,
                c,
                code,
                `${ind.name} ${label} ${vs},${ind.direction === 'higher' ? '低于' : '高于'}${g.title}平均${ms}(${have.length}个县)`,
                {
                  value: v,
                  unit: ind.unit,
                  average: num(mean.toDecimalPlaces(6, Decimal.ROUND_HALF_UP)),
                  count: have.length,
                  against: g.key,
                },
              );
            }
          }
        }
        break;
      }
      case 'missing_after_due': {
        if (today === null) {
          notes.push(`规则「${rule.id}」需要当前日期 (now) 判断是否逾期,未提供,未应用`);
          break;
        }
        if (!isOverdue(due, today)) {
          notes.push(`${label}数据报送截止日为 ${due},尚未到期,规则「${rule.id}」未触发`);
          break;
        }
        for (const c of counties)
          for (const ind of owed(c)) {
            if (!wanted(rule, ind.code)) continue;
            if (obs.value(c, ind.code, periodText) !== null) continue;
            fire(rule, c, ind.code, `${ind.name} ${label}数据逾期未报(截止 ${due})`, {
              value: null,
              unit: ind.unit,
              due,
              now: now ?? undefined,
            });
          }
        break;
      }
      default: {
        const source = opts.sources?.[rule.type];
        if (!source) {
          notes.push(
            `规则「${rule.id}」需要${HOOK_LEDGERS[rule.type] ?? '外部'}数据,尚未接入,未应用`,
          );
          break;
        }
        const raw = source({
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
        });
        for (const w of raw) {
          if (!countySet.has(w.region)) continue;
          fire(rule, w.region, w.indicator ?? null, w.message, w.evidence ?? {});
        }
      }
    }
  }

  const tally = new Map<string, CountyWarnings>(
    counties.map((c) => [
      c,
      { region: c, regionName: nameOf.get(c)!, level: 'green', red: 0, yellow: 0 },
    ]),
  );
  for (const w of found) {
    const t = tally.get(w.region)!;
    t[w.level]++;
    if (LEVEL_RANK[w.level] < LEVEL_RANK[t.level]) t.level = w.level;
  }
  const countyList = [...tally.values()].sort(
    (a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.region.localeCompare(b.region),
  );
  const rank = new Map(countyList.map((c, i) => [c.region, i]));
  const sorted = found
    .map((w, i) => ({ w, i }))
    .sort(
      (a, b) =>
        rank.get(a.w.region)! - rank.get(b.w.region)! ||
        LEVEL_RANK[a.w.level] - LEVEL_RANK[b.w.level] ||
        a.w.order - b.w.order ||
        a.i - b.i,
    )
    .map(({ w: { order: _order, ...w } }) => w);

  return {
    plan: plan.id,
    period: periodText,
    periodLabel: label,
    due,
    now,
    rules: rules.map(({ id, name, type, level }) => ({ id, name, type, level })),
    ruleSource: origin,
    warnings: sorted,
    counties: countyList,
    notes,
  };
}
