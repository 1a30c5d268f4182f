import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import ExcelJS from 'exceljs';
import { LeitaiError } from '../../core/errors/index.js';
import { parseDate, todayIn } from '../../core/periods/index.js';
import type { ProjectItem } from '../../core/projects/item.js';
import type { LedgerProblem } from '../../io/excel/project-ledger.js';
import { projectRowsForExport } from '../../io/project-table.js';
import {
  importProjects,
  latestMonth,
  listProjects,
  projectTemplate,
  showProject,
} from '../../services/projects.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';
import { progressReporter } from '../progress.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';

const SYNTHETIC = '【合成演示数据】以下项目为合成演示数据,并非真实项目';

function where(p: LedgerProblem): string {
  return [
    `工作表「${p.sheet}」`,
    p.row !== null && `第${p.row}行`,
    p.column && `${p.column}列`,
    p.value !== null && `值「${p.value}」`,
  ]
    .filter(Boolean)
    .join(' ');
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new LeitaiError('INPUT_INVALID', `无法读取文件 ${file}: ${(e as Error).message}`, {
      file,
      reason: 'unreadable',
    });
  }
}

interface ImportOptions extends StoreOptions {
  period: string;
  reason?: string;
  dryRun?: boolean;
  today?: string;
}

function registerImport(projects: Command): void {
  addStoreOptions(
    projects
      .command('import <file>')
      .description(
        '导入项目台账 (.xlsx/.csv):先校验全部行,有任何问题则一条也不写入;重复导入同一文件不改变数据',
      )
      .requiredOption('--period <p>', '报告月份,如 2026-09')
      .option('--reason <text>', '修改已审核或已核定报告的原因')
      .option('--dry-run', '只校验并列出将写入的变化,不写入')
      .option('--today <date>', '判断日期是否在未来所用的今天 (默认今天)'),
  ).action(async (file: string, o: ImportOptions) => {
    const bytes = readInput(file);
    const now = new Date();
    await withStore(o, async (ctx) => {
      let progress: ReturnType<typeof progressReporter> | undefined;
      const r = await importProjects(ctx, bytes, file, {
        period: o.period,
        today: o.today ? parseDate(o.today, '--today') : todayIn(now),
        at: now.toISOString(),
        confirm: !o.dryRun,
        reason: o.reason,
        onProgress: (done, total) => {
          progress ??= progressReporter('写入', total);
          progress.update(done, total);
        },
      });
      progress?.stop();
      if (r.problems.length > 0) {
        for (const p of r.problems.slice(0, 200))
          process.stderr.write(`  ${where(p)}: ${p.reason}\n`);
        if (r.problems.length > 200)
          process.stderr.write(`  …… 另有 ${r.problems.length - 200} 个问题\n`);
        const code = r.denied.length > 0 ? 'SCOPE_DENIED' : 'IMPORT_INVALID';
        throw new LeitaiError(code, `${file}: 发现 ${r.problems.length} 个问题,未写入任何数据`, {
          file,
          reason: `${r.problems.length} problems`,
        });
      }
      const c = r.changes;
      const verb = o.dryRun ? '试导入,未写入' : '已写入';
      process.stdout.write(
        `${file}: ${c.created + c.changed} changes (${verb};新增 ${c.created},修改 ${c.changed},未变 ${c.unchanged})\n`,
      );
    });
  });
}

interface ListOptions extends StoreOptions {
  region?: string;
  period?: string;
  industry?: string;
  late?: boolean;
  format: string;
  out?: string;
}

const money = (v: string | null) => v ?? '';

async function writeList(items: ProjectItem[], format: string, synthetic: boolean, out?: string) {
  const { header, rows } = projectRowsForExport(items);
  if (format === 'xlsx') {
    if (!out)
      throw new LeitaiError('INPUT_INVALID', 'xlsx 导出须指定 --out 文件', {
        reason: '--out required',
      });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目台账');
    if (synthetic) ws.addRow([SYNTHETIC]);
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    await wb.xlsx.writeFile(out);
    process.stdout.write(`${items.length} 个项目 → ${out}\n`);
    return;
  }
  if (synthetic) process.stdout.write(`# ${SYNTHETIC}\n`);
  printCsv(header, rows);
}

function registerList(projects: Command): void {
  addStoreOptions(
    projects
      .command('list')
      .description('列出某月的项目(身份可见范围),含节点、是否滞后、完成本年计划比例')
      .option('--region <code>', '县(市)或市的区划代码')
      .option('--period <p>', '月份,如 2026-09 (默认最近有报告的月份)')
      .option('--industry <name>', '只列此产业')
      .option('--late', '只列滞后项目')
      .option('--format <format>', 'table | json | csv | xlsx', 'table')
      .option('--out <file>', '输出文件 (xlsx 必须)'),
  ).action(async (o: ListOptions) => {
    const format = parseFormat(o.format, ['table', 'json', 'csv', 'xlsx']);
    await withStore(o, async (ctx) => {
      const list = await listProjects(ctx, {
        period: o.period ?? (await latestMonth(ctx)),
        region: o.region,
        industry: o.industry,
        late: o.late,
        pageSize: Number.MAX_SAFE_INTEGER,
      });
      if (format === 'json') return printJson(list);
      if (format !== 'table') return writeList(list.items, format, list.synthetic, o.out);
      if (list.synthetic) process.stdout.write(`${SYNTHETIC}\n`);
      printTable(
        ['项目编号', '县', '项目名称', '产业', '本年累计(万元)', '阶段', '滞后', '状态'],
        list.items.map((i) => [
          i.id,
          i.countyName,
          i.name,
          i.industry,
          money(i.completedYtd),
          i.stageLabel ?? '',
          i.late ? '滞后' : '',
          i.statusLabel,
        ]),
      );
      process.stdout.write(`${list.period} 共 ${list.total} 个项目\n`);
    });
  });
}

function registerShow(projects: Command): void {
  addStoreOptions(
    projects
      .command('show <id>')
      .description('一个项目:节点、各月累计完成投资、修订历史')
      .option('--period <p>', '月份 (默认最近一月)')
      .option('--format <format>', 'table | json', 'table'),
  ).action(async (id: string, o: StoreOptions & { period?: string; format: string }) => {
    const format = parseFormat(o.format, ['table', 'json']);
    await withStore(o, async (ctx) => {
      const d = await showProject(ctx, id, o.period);
      if (format === 'json') return printJson(d);
      const p = d.project;
      if (p.synthetic) process.stdout.write(`${SYNTHETIC}\n`);
      process.stdout.write(
        `${p.name}(${p.countyName},${p.industry}${p.typeLabel ? `,${p.typeLabel}` : ''})\n总投资 ${p.totalInvestment} 万元,本年计划 ${money(p.plannedThisYear)} 万元,本年累计完成 ${money(p.completedYtd)} 万元;${p.statusLabel},第${p.revision}版\n`,
      );
      printTable(
        ['节点', '计划', '实际', '滞后月数'],
        p.milestones.map((m) => [
          m.label,
          m.planned ?? '',
          m.reached ? (m.actual ?? '已到达') : '',
          m.monthsLate === null ? '' : String(m.monthsLate),
        ]),
      );
      printTable(
        ['月份', '本年累计(万元)', '状态'],
        d.months.map((m) => [m.period, money(m.completedYtd), m.status]),
      );
      for (const h of d.history)
        process.stdout.write(
          `${h.period} 第${h.revision}版 ${h.at} ${h.actor} ${h.action}${h.reason ? `(${h.reason})` : ''}: ${h.changes.map((c) => `${c.label} ${c.old ?? '—'}→${c.new ?? '—'}`).join(';')}\n`,
        );
    });
  });
}

function registerTemplate(projects: Command): void {
  addStoreOptions(
    projects
      .command('template')
      .description('某县某月的项目台账模板 (.xlsx),预填上月的报告')
      .requiredOption('--region <code>', '县(市)的区划代码')
      .requiredOption('--period <p>', '月份,如 2026-10')
      .requiredOption('--out <file>', '输出文件'),
  ).action(async (o: StoreOptions & { region: string; period: string; out: string }) => {
    await withStore(o, async (ctx) => {
      const t = await projectTemplate(ctx, { county: o.region, period: o.period });
      writeFileSync(o.out, t.buffer);
      process.stdout.write(`${t.fileName} → ${o.out}(预填 ${t.previous ?? '无'} 的报告)\n`);
    });
  });
}

export function registerProjects(program: Command): void {
  const projects = program.command('projects').description('项目台账:导入、列表、详情、模板');
  registerImport(projects);
  registerList(projects);
  registerShow(projects);
  registerTemplate(projects);
}
