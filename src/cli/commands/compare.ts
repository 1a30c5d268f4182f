import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { evaluate, periodsNeeded } from '../../core/evaluate/index.js';
import { formatValue } from '../../core/numeric/index.js';
import { periodText } from '../../core/periods/index.js';
import { compareEvaluations, comparedWith, type ComparedRow } from '../../core/ranking/follows.js';
import { STATUS_LABELS } from '../../core/targets/index.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';
import { addPlanDataOptions, loadPlanData, type PlanDataOptions } from '../plan-data.js';

interface Options extends PlanDataOptions {
  period: string;
  with?: string;
  region?: string;
  format: string;
}

/** A value for its unit (a change target's row carries 个百分点, its value is in %) and its status. */
const shown = (r: ComparedRow['now'], unit: string) =>
  `${formatValue(r.value, unit === '个百分点' ? '%' : unit)} ${STATUS_LABELS[r.status]}`;

export function registerCompare(program: Command): void {
  addPlanDataOptions(
    program
      .command('compare')
      .description(
        '与上年计划比较:本计划与其 follows 的上年计划共有的县级目标,各县本期与上年的数值和判定 (compare with last year’s plan)',
      )
      .requiredOption('--period <p>', '本期: 2026 | 2026Q3 | 2026-09', periodText)
      .option('--with <p>', '比较的上年期别 (默认上年同期)', periodText),
  )
    .option('--region <code>', '只输出该县')
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (o: Options) => {
      const format = parseFormat(o.format, ['table', 'json', 'csv']);
      const before = comparedWith(o.period, o.with);
      const { register, prepared, obs, followed } = await loadPlanData(o, (p, f) => [
        ...periodsNeeded(p, o.period),
        ...(f ? periodsNeeded(f, before) : []),
      ]);
      if (!followed) {
        throw new LeitaiError(
          'INPUT_INVALID',
          `计划 ${o.plan} 没有可比较的上年计划:计划文件的 follows 未填写,或所指计划未加载`,
          { field: 'follows', value: o.plan, reason: 'no followed plan' },
        );
      }
      const now = evaluate({
        prepared,
        register,
        obs,
        period: o.period,
        allCounties: o.allCounties,
      });
      const then = evaluate({
        prepared: followed,
        register,
        obs,
        period: before,
        allCounties: o.allCounties,
      });
      const all = compareEvaluations(prepared, now, then);
      const rows = o.region ? all.filter((r) => r.region === o.region) : all;
      if (format === 'json') {
        printJson({
          plan: prepared.plan.id,
          previousPlan: followed.plan.id,
          period: now.period,
          with: then.period,
          rows,
        });
      } else if (format === 'csv') {
        printCsv(
          [
            'region',
            'region_name',
            'indicator',
            'previous_indicator',
            'scope',
            'phrase',
            'value',
            'status',
            'previous_phrase',
            'previous_value',
            'previous_status',
          ],
          rows.map((r) => [
            r.region,
            r.regionName,
            r.indicator,
            r.previousIndicator,
            r.scope,
            r.now.phrase,
            r.now.value,
            r.now.status,
            r.before.phrase,
            r.before.value,
            r.before.status,
          ]),
        );
      } else {
        process.stdout.write(
          `${prepared.plan.id} ${now.periodLabel} 与 ${followed.plan.id} ${then.periodLabel} 比较(两计划共有的县级目标)\n`,
        );
        printTable(
          [
            '区划',
            '指标',
            '范围',
            `${now.periodLabel}目标`,
            '数值 判定',
            `${then.periodLabel}目标`,
            '数值 判定',
          ],
          rows.map((r) => [
            r.regionName,
            `${r.name}(${r.unit})`,
            r.scope,
            r.now.phrase,
            shown(r.now, r.unit),
            r.before.phrase,
            shown(r.before, r.unit),
          ]),
        );
      }
    });
}
