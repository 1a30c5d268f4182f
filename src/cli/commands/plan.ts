import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { settingsProblems } from '../../core/settings/index.js';
import { LeitaiError } from '../../core/errors/index.js';
import {
  planSummary,
  planWithReadings,
  readPlan,
  type Plan,
  type PreparedTarget,
} from '../../core/plans/index.js';
import { importTable } from '../../core/plans/table.js';
import { findPlan, loadIndicators, loadPlanFile } from '../../io/plans.js';
import { readText } from '../../io/regions.js';
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
        process.stdout.write(`\n重点任务 ${p.tasks.length} 项 (plan show ${id} --json 查看全部)\n`);
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
    .description('读取从文件中粘贴的制表符分隔指标表,输出计划数据 (read a pasted TSV table)')
    .requiredOption('--scope <scope>', 'province (附件1) | county (附件2)')
    .option('--year <year>', '目标年份(表头未写明时)')
    .option('--out <file>', '写入 JSON 文件 (default: stdout)')
    .action((file: string, o: { scope: string; year?: string; out?: string }) => {
      if (o.scope !== 'province' && o.scope !== 'county') {
        throw new LeitaiError('INPUT_INVALID', `--scope「${o.scope}」应为 province 或 county`, {
          column: '--scope',
          value: o.scope,
          reason: 'expected province or county',
        });
      }
      const result = importTable(readText(file), {
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
    });
}
