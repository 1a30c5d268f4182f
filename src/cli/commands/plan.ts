import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { settingsProblems } from '../../core/settings/index.js';
import { LeitaiError } from '../../core/errors/index.js';
import {
  planFileOf,
  planSummary,
  planWithReadings,
  readPlan,
  type Plan,
  type PreparedTarget,
} from '../../core/plans/index.js';
import {
  importFiveYearTable,
  type FiveYearResult,
  type GridProblem,
} from '../../core/plans/five-year.js';
import { importTable } from '../../core/plans/table.js';
import { findPlan, loadIndicators, loadPlanFile } from '../../io/plans.js';
import { loadRegister, readText } from '../../io/regions.js';
import { readTableRows, readTableText } from '../../io/plan-table.js';
import { loadContext, numberOption } from '../context.js';
import { printJson, printTable } from '../output.js';

/** `whole`: the plan region's own rows — 全省, or 本地区 for a city, district or county plan. */
function scopeText(t: PreparedTarget | Plan['targets'][number], whole = '全省'): string {
  if (t.scope === 'province') return whole;
  if (t.scope === 'all') return '各县';
  if ('category' in t.scope) return `类别:${t.scope.category}`;
  return `县:${t.scope.region}`;
}

function printReadings(targets: PreparedTarget[], plan?: Plan): void {
  const whole = plan?.region !== undefined ? '本地区' : '全省';
  printTable(
    ['表', '序号', '指标', '代码', '范围', '年份', '目标表述', '解读'],
    targets.map((t) => [
      t.table === 'province' ? '附件1' : '附件2',
      t.no === undefined ? '' : String(t.no),
      `${t.name}(${t.unit})`,
      t.indicator,
      scopeText(t, whole),
      String(t.year),
      t.phrase,
      t.reading,
    ]),
  );
}

export function registerPlan(program: Command): void {
  const plan = program.command('plan').description('行动方案 (plans)');

  plan
    .command('list')
    .description('列出内置及已加载的计划 (list plans)')
    .option('--json', '输出 JSON')
    .action((o: { json?: boolean }) => {
      const { plans } = loadContext();
      if (o.json) {
        printJson(plans.map(planSummary));
        return;
      }
      printTable(
        ['编号', '名称', '期限', '目标', '任务'],
        plans.map((p) => [
          p.id,
          p.title,
          p.period.start === p.period.end
            ? `${p.period.start}`
            : `${p.period.start}–${p.period.end}`,
          String(p.targets.length),
          String(p.tasks.length),
        ]),
      );
    });

  plan
    .command('show <id>')
    .description('显示计划及每项目标的解读 (show a plan with the reading of every target)')
    .option('--json', '输出 JSON')
    .action((id: string, o: { json?: boolean }) => {
      const { plans } = loadContext();
      const p = findPlan(plans, id);
      if (o.json) {
        printJson(planWithReadings(p, loadIndicators()));
        return;
      }
      const { prepared, problems } = readPlan(p, loadIndicators());
      process.stdout.write(`${p.title}\n${p.issuer} ${p.issued} · ${p.source}\n\n`);
      printReadings(prepared.targets);
      if (p.categories.length) {
        process.stdout.write('\n县域类别:\n');
        for (const c of p.categories)
          process.stdout.write(`  ${c.name} (${c.code}): ${c.printed}\n`);
      }
      if (p.tasks.length)
        process.stdout.write(
          `\n重点任务 ${p.tasks.length} 项 (\`bin/leitai plan show ${id} --json\` 查看全部)\n`,
        );
      for (const q of problems) process.stdout.write(`问题 ${q.path}: ${q.reason}\n`);
    });

  plan
    .command('check <file>')
    .description('校验计划文件并显示每项目标的解读 (validate a plan file)')
    .option('--json', '输出 JSON')
    .action((file: string, o: { json?: boolean }) => {
      const p = loadPlanFile(file);
      const read = readPlan(p, loadIndicators());
      const { prepared } = read;
      const problems = [...read.problems, ...settingsProblems(prepared)];
      if (o.json) {
        printJson({
          id: p.id,
          valid: problems.length === 0,
          targets: prepared.targets.map((t) => ({
            indicator: t.indicator,
            scope: t.scope,
            year: t.year,
            phrase: t.phrase,
            reading: t.reading,
            target: t.spec,
          })),
          problems,
          warnings: read.warnings,
        });
      } else {
        printReadings(prepared.targets, p);
        for (const w of read.warnings)
          process.stdout.write(`提醒 ${w.path}「${w.value}」: ${w.reason}\n`);
        process.stdout.write(
          `\n${p.id}: ${prepared.targets.length} 项目标可解读,${problems.length} 个问题,${read.warnings.length} 个提醒\n`,
        );
      }
      if (problems.length > 0) {
        throw new LeitaiError(
          'PLAN_INVALID',
          problems.map((q) => `${file}: 「${q.path}」${q.value}: ${q.reason}`).join('\n'),
          { file, path: problems[0]!.path, reason: problems[0]!.reason },
        );
      }
    });

  plan
    .command('import-table <file>')
    .description(
      '读取计划的指标表(制表符分隔文本、.csv 或 .xlsx):--region 输出完整的规划计划文件;--scope 输出附件1/附件2 的目标 (read a plan table)',
    )
    .option('--region <code>', '规划所属区域的 6 位代码:读取五年规划表,输出完整计划文件')
    .option('--id <id>', '计划编号(与 --region 同用),默认 plan-<区域>-<起年>-<止年>')
    .option('--title <text>', '计划名称(与 --region 同用)')
    .option('--scope <scope>', 'province (附件1) | county (附件2):只读取目标行')
    .option('--year <year>', '目标年份(表头未写明时,与 --scope 同用)')
    .option('--out <file>', '写入 JSON 文件 (default: stdout)')
    .action(async (file: string, o: ImportTableOptions) => {
      if (o.region !== undefined) await importFiveYear(file, { ...o, region: o.region });
      else await importAttachment(file, o);
    });
}

interface ImportTableOptions {
  region?: string;
  id?: string;
  title?: string;
  scope?: string;
  year?: string;
  out?: string;
}

/** 附件1 / 附件2 (tab-separated text, .csv or .xlsx): the targets and the rows it cannot read. */
async function importAttachment(file: string, o: ImportTableOptions): Promise<void> {
  if (o.scope !== 'province' && o.scope !== 'county') {
    throw new LeitaiError(
      'INPUT_INVALID',
      `--scope「${o.scope ?? ''}」应为 province 或 county(或用 --region 读取五年规划表)`,
      {
        column: '--scope',
        value: o.scope ?? '',
        reason: 'expected province or county, or --region',
      },
    );
  }
  const text = /\.(xlsx|csv)$/i.test(file) ? await readTableText(file) : readText(file);
  const result = importTable(text, {
    scope: o.scope,
    indicators: loadIndicators(),
    year: numberOption('--year', o.year),
  });
  const json = `${JSON.stringify({ targets: result.targets, problems: result.problems }, null, 2)}\n`;
  if (o.out) writeFileSync(o.out, json);
  else process.stdout.write(json);
  process.stderr.write(
    `读取 ${result.targets.length} 项目标;${result.problems.length} 行无法读取\n`,
  );
  for (const q of result.problems)
    process.stderr.write(`  ${file}:${q.line}: ${q.reason} — ${q.text}\n`);
  if (result.problems.length > 0) process.exitCode = 2;
}

/** FILE:row:column(header); a problem of the plan as a whole (row 0) names only the field. */
const where = (file: string, q: GridProblem) =>
  `${file}${q.row > 0 ? `:${q.row}` : ''}${q.column === null ? '' : `:${q.column}`}${q.label ? `(${q.label})` : ''}`;

/** A five-year plan table → a whole plan file; guessed indicators and notices on stderr. */
async function importFiveYear(
  file: string,
  o: ImportTableOptions & { region: string },
): Promise<void> {
  if (!/^\d{6}$/.test(o.region)) {
    throw new LeitaiError('INPUT_INVALID', `--region「${o.region}」应为 6 位行政区划代码`, {
      column: '--region',
      value: o.region,
      reason: 'expected a 6-digit region code',
    });
  }
  const rows = await readTableRows(file);
  const region = loadRegister().get(o.region);
  const result = importFiveYearTable(rows, {
    region: o.region,
    source: `从表格导入:${basename(file)}`,
    indicators: loadIndicators(),
    ...(o.id === undefined ? {} : { id: o.id }),
    ...(o.title === undefined ? {} : { title: o.title }),
  });
  if (!result.plan) {
    const first = result.problems[0]!;
    throw new LeitaiError(
      'IMPORT_INVALID',
      `${file}: 表格有 ${result.problems.length} 处问题,未写入任何文件:\n${result.problems
        .map((q) => `  ${where(file, q)}: ${q.reason}`)
        .join('\n')}`,
      {
        file,
        line: first.row,
        ...(first.column === null ? {} : { column: first.column }),
        reason: first.reason,
      },
    );
  }
  const plan =
    o.title === undefined && region
      ? { ...result.plan, title: `${region.name}${result.plan.title}` }
      : result.plan;
  const json = `${JSON.stringify(planFileOf(plan), null, 2)}\n`;
  if (o.out) writeFileSync(o.out, json);
  else process.stdout.write(json);
  reportImport(file, plan, result);
}

function reportImport(file: string, plan: Plan, result: FiveYearResult): void {
  const err = process.stderr;
  err.write(
    `${plan.id}: ${plan.period.start}–${plan.period.end} 年,${plan.targets.length} 项目标,` +
      `${result.guessed.length} 个本计划自有指标(推测,请确认),${result.notices.length} 条提示\n`,
  );
  if (result.guessed.length > 0) {
    err.write('\n推测的自有指标 (guessed plan-local indicators, marked "guessed": true):\n');
    printTable(
      ['代码', '名称', '单位', '类型', '方向'],
      result.guessed.map((d) => [
        d.code,
        d.name,
        d.unit,
        d.kind,
        d.direction === 'higher' ? '越高越好' : '越低越好',
      ]),
      err,
    );
  }
  for (const q of result.notices) err.write(`提示 ${where(file, q)}: ${q.reason}\n`);
}
