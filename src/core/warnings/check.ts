import { LeitaiError } from '../errors/index.js';
import type { PreparedPlan } from '../plans/index.js';
import { warningRulesSchema, type WarningRule } from './schema.js';
import type { ResolvedRule } from './types.js';

const TYPE_NAMES: Record<WarningRule['type'], string> = {
  target: '目标未完成',
  behind_pace: '落后序时进度',
  negative_growth: '负增长',
  below_average: '低于平均',
  missing_after_due: '逾期未报',
  project_behind_milestone: '项目滞后节点',
  task_overdue: '任务逾期',
};

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
