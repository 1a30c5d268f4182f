import type { Command } from 'commander';
import {
  evaluate,
  indicatorsNeeded,
  periodsNeeded,
  summarise,
  type Evaluation,
  type ResultRow,
} from '../../core/evaluate/index.js';
import { SYNTHETIC_NOTE as DEMO_NOTE } from '../../core/demo/note.js';
import { formatValue } from '../../core/numeric/index.js';
import { STATUS_LABELS } from '../../core/targets/index.js';
import { attributeLabel } from '../../core/targets/attribute.js';
import { addPlanDataOptions, loadPlanData, type PlanDataOptions } from '../plan-data.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';
import { periodText } from '../../core/periods/index.js';

interface Options extends PlanDataOptions {
  period: string;
  region?: string;
  format: string;
}

export const SYNTHETIC_NOTE = `注意:${DEMO_NOTE}`;

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

/** The 属性 column only when the plan prints attributes: other plans look as before. */
const hasAttributes = (rows: readonly ResultRow[]) => rows.some((r) => r.attribute);

function tableRows(results: ResultRow[], attributes: boolean): string[][] {
  return results.map((r) => [
    `${r.regionName}`,
    `${r.name}(${r.unit})`,
    r.scope,
    r.phrase,
    ...(attributes ? [attributeLabel(r.attribute)] : []),
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
  const attributes = hasAttributes(results);
  printTable(
    [
      '区划',
      '指标',
      '范围',
      '目标',
      ...(attributes ? ['属性'] : []),
      '实际值',
      '判定',
      '差距',
      '说明',
    ],
    tableRows(results, attributes),
  );
  const s = ev.summary;
  process.stdout.write(
    `合计: 完成 ${s.met} · 基本完成 ${s.nearly_met} · 未完成 ${s.not_met} · 无数据 ${s.no_data} · 不适用 ${s.not_applicable}  (* 由各县数据汇总)\n`,
  );
  if (ev.outlook.length) {
    process.stdout.write('\n远期目标进展:\n');
    const attrs = hasAttributes(ev.outlook);
    printTable(
      ['指标', '目标年份', '目标', ...(attrs ? ['属性'] : []), '最新值', '差距'],
      ev.outlook.map((r) => [
        r.name,
        String(r.year),
        r.phrase,
        ...(attrs ? [attributeLabel(r.attribute)] : []),
        formatValue(r.value, r.unit),
        gapText(r),
      ]),
    );
  }
}

export function registerEvaluate(program: Command): void {
  addPlanDataOptions(
    program
      .command('evaluate')
      .description('按计划评价各县及全省目标完成情况 (evaluate a plan at a period)')
      .requiredOption('--period <p>', '期别: 2025 | 2026Q3 | 2026-09', periodText),
  )
    .option('--region <code>', '只输出该区划的结果 (230000 为全省)')
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (o: Options) => {
      const format = parseFormat(o.format, ['table', 'json', 'csv']);
      const { register, prepared, obs, synthetic } = await loadPlanData(
        o,
        (p) => periodsNeeded(p, o.period),
        indicatorsNeeded,
      );
      const ev = {
        ...evaluate({ prepared, register, obs, period: o.period, allCounties: o.allCounties }),
        synthetic,
      };
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
            'attribute',
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
            r.attribute,
          ]),
        );
      } else {
        printEvaluation({ ...ev, summary, outlook }, results);
      }
    });
}
