import type { Command } from 'commander';
import {
  evaluate,
  periodsNeeded,
  summarise,
  type Evaluation,
  type ResultRow,
} from '../../core/evaluate/index.js';
import { formatValue } from '../../core/numeric/index.js';
import { findPlan } from '../../io/plans.js';
import { preparePlan, type PreparedPlan } from '../../core/plans/index.js';
import { LeitaiError } from '../../core/errors/index.js';
import type { ObservationSet } from '../../core/observations/index.js';
import type { Register } from '../../core/regions/index.js';
import type { Status } from '../../core/review/index.js';
import { evaluationFor } from '../../services/reports.js';
import { withStore } from '../store.js';
import { STATUS_LABELS } from '../../core/targets/index.js';
import { collect, loadContext, loadObservations, siblings } from '../context.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';

interface Options {
  plan: string;
  period: string;
  data?: string;
  region?: string;
  allCounties?: boolean;
  regions?: string[];
  attributes?: string[];
  planFile?: string[];
  format: string;
  db?: string;
  status?: string;
}

export const SYNTHETIC_NOTE = '注意:本结果基于合成演示数据(synthetic demo data),不是官方统计数据。';

function gapText(r: ResultRow): string {
  if (r.gap === null) return '—';
  const unit = r.unit === '%' && r.measured !== r.value ? '个百分点' : r.unit;
  const g = formatValue(r.gap, unit);
  return r.gap > 0 ? `+${g}` : g;
}

function note(r: ResultRow): string {
  if (r.progress) return `预计全年 ${formatValue(r.progress.projection, r.unit)}`;
  const change = r.measured !== null && r.previous !== undefined && r.previous !== null;
  if (change) {
    const unit = r.unit === '个百分点' ? '个百分点' : r.unit;
    return `比上年 ${formatValue(r.measured, unit)}${unit}${r.note ? `(${r.note})` : ''}`;
  }
  return r.note ?? '';
}

function tableRows(results: ResultRow[]): string[][] {
  return results.map((r) => [
    `${r.regionName}`,
    `${r.name}(${r.unit})`,
    r.scope,
    r.phrase,
    formatValue(r.value, r.unit === '个百分点' ? '%' : r.unit) + (r.derived ? '*' : ''),
    STATUS_LABELS[r.status],
    gapText(r),
    note(r),
  ]);
}

export function printEvaluation(
  ev: Evaluation & { synthetic: boolean },
  results: ResultRow[],
): void {
  process.stdout.write(`${ev.plan} · ${ev.periodLabel} (${ev.period}) · ${ev.counties} 个县(市)\n`);
  if (ev.synthetic) process.stdout.write(`${SYNTHETIC_NOTE}\n`);
  for (const n of ev.categoryNotes) process.stdout.write(`  ${n.note}\n`);
  printTable(
    ['区划', '指标', '范围', '目标', '实际值', '判定', '差距', '说明'],
    tableRows(results),
  );
  const s = ev.summary;
  process.stdout.write(
    `合计: 完成 ${s.met} · 基本完成 ${s.nearly_met} · 未完成 ${s.not_met} · 无数据 ${s.no_data} · 不适用 ${s.not_applicable}  (* 由各县数据汇总)\n`,
  );
  if (ev.outlook.length) {
    process.stdout.write('\n远期目标进展:\n');
    printTable(
      ['指标', '目标年份', '目标', '最新值', '差距'],
      ev.outlook.map((r) => [
        r.name,
        String(r.year),
        r.phrase,
        formatValue(r.value, r.unit),
        gapText(r),
      ]),
    );
  }
}

interface Loaded {
  register: Register;
  prepared: PreparedPlan;
  obs: ObservationSet;
  synthetic: boolean;
}

function fromFiles(o: Options): Loaded {
  const near = o.data ? siblings(o.data) : {};
  const regions = [...(near.regions ? [near.regions] : []), ...(o.regions ?? [])];
  const attributes = [...(near.attributes ? [near.attributes] : []), ...(o.attributes ?? [])];
  if (near.attributes && !o.attributes?.includes(near.attributes)) {
    process.stderr.write(`使用数据文件旁的区域属性: ${near.attributes}\n`);
  }
  const ctx = loadContext({ regions, attributes, planFiles: o.planFile });
  const prepared = preparePlan(findPlan(ctx.plans, o.plan), ctx.indicators);
  const { obs, synthetic } = loadObservations(ctx, o.data, periodsNeeded(prepared, o.period));
  return { register: ctx.register, prepared, obs, synthetic };
}

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('按计划评价各县及全省目标完成情况 (evaluate a plan at a period)')
    .requiredOption('--plan <id>', '计划编号,如 hlj-2026')
    .requiredOption('--period <p>', '期别: 2025 | 2026Q3 | 2026-09')
    .option('--data <file>', '观测值 CSV (region,indicator,period,value)')
    .option('--db <url>', '从数据库读取 (SQLite 文件或 postgres://…);与 --data 二选一')
    .option('--status <status>', '只用该状态的数值 (如 approved)')
    .option('--region <code>', '只输出该区划的结果 (230000 为全省)')
    .option('--all-counties', '对数据中的所有县应用计划的县级目标表')
    .option('--regions <file>', '追加区划CSV, repeatable', collect)
    .option('--attributes <file>', '区域属性CSV, repeatable', collect)
    .option('--plan-file <file>', '加载额外的计划文件, repeatable', collect)
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (o: Options) => {
      const format = parseFormat(o.format, ['table', 'json', 'csv']);
      if (o.db && o.data) {
        throw new LeitaiError('INPUT_INVALID', '--db 与 --data 只能选一个', {
          reason: 'both --db and --data',
        });
      }
      let ev: Evaluation & { synthetic: boolean };
      if (o.db) {
        ev = await withStore({ db: o.db, as: 'province', user: 'cli' }, (ctx) =>
          evaluationFor(ctx, {
            plan: o.plan,
            period: o.period,
            status: o.status as Status | undefined,
            allCounties: o.allCounties,
          }),
        );
      } else {
        const { register, prepared, obs, synthetic } = fromFiles(o);
        ev = {
          ...evaluate({ prepared, register, obs, period: o.period, allCounties: o.allCounties }),
          synthetic,
        };
      }
      const results = o.region ? ev.results.filter((r) => r.region === o.region) : ev.results;
      const summary = summarise(results);
      const outlook = !o.region || o.region === ev.province ? ev.outlook : [];
      if (format === 'json') {
        printJson({
          ...ev,
          results,
          outlook,
          summary,
          ...(ev.synthetic ? { note: SYNTHETIC_NOTE } : {}),
        });
      } else if (format === 'csv') {
        if (ev.synthetic) process.stdout.write(`# ${SYNTHETIC_NOTE}\n`);
        printCsv(
          [
            'region',
            'region_name',
            'indicator',
            'scope',
            'year',
            'phrase',
            'value',
            'status',
            'gap',
            'derived',
            'projection',
          ],
          results.map((r) => [
            r.region,
            r.regionName,
            r.indicator,
            r.scope,
            r.year,
            r.phrase,
            r.value,
            r.status,
            r.gap,
            r.derived,
            r.progress?.projection,
          ]),
        );
      } else {
        printEvaluation({ ...ev, summary, outlook }, results);
      }
    });
}
