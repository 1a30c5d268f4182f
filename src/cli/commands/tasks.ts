import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { parseDate, todayIn } from '../../core/periods/index.js';
import { TASK_STATUSES, type TaskStatus } from '../../core/tasks/types.js';
import { tableXlsx } from '../../io/table-xlsx.js';
import { listTasks, reportTask, type TaskItem } from '../../services/tasks.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';
import { SYNTHETIC_NOTE } from './evaluate.js';

const HEADER = ['序号', '任务', '牵头单位', '期限', '状态', '到期日', '完成%', '最近进展'];

function rowOf(i: TaskItem): (string | number | null)[] {
  return [
    i.no,
    i.title,
    i.lead.join('、'),
    i.deadlineLabel,
    i.statusLabel,
    i.dueDate,
    i.percent,
    i.lastReport ? `${i.lastReport.date} ${i.lastReport.text}` : null,
  ];
}

function statusOf(s: string | undefined): TaskStatus | undefined {
  if (s === undefined) return undefined;
  if (!(TASK_STATUSES as readonly string[]).includes(s)) {
    throw new LeitaiError('INPUT_INVALID', `--status「${s}」应为 ${TASK_STATUSES.join(' | ')}`, {
      value: s,
      reason: 'unknown task status',
    });
  }
  return s as TaskStatus;
}

const today = (t: string | undefined) =>
  t === undefined ? todayIn(new Date()) : parseDate(t, '--today');

interface ListOptions extends StoreOptions {
  plan?: string;
  department?: string;
  status?: string;
  today?: string;
  format: string;
  out?: string;
}

interface ReportOptions extends StoreOptions {
  text: string;
  percent?: string;
  evidence?: string;
  done?: boolean;
  date?: string;
  today?: string;
}

function percentOf(p: string | undefined): number | null {
  if (p === undefined) return null;
  const n = Number(p);
  if (!/^\d{1,3}$/.test(p) || n > 100) {
    throw new LeitaiError('INPUT_INVALID', `--percent「${p}」应为0至100的整数`, {
      value: p,
      reason: 'expected 0-100',
    });
  }
  return n;
}

async function list(o: ListOptions): Promise<void> {
  const format = parseFormat(o.format, ['table', 'json', 'csv', 'xlsx']);
  if (format === 'xlsx' && !o.out)
    throw new LeitaiError('INPUT_INVALID', 'xlsx 输出须指定 --out 文件', {
      reason: '--out required',
    });
  await withStore(o, async (ctx) => {
    const res = await listTasks(ctx, ctx.actor, {
      plan: o.plan,
      department: o.department,
      status: statusOf(o.status),
      today: today(o.today),
    });
    const note = res.synthetic ? SYNTHETIC_NOTE : undefined;
    if (format === 'json') return printJson({ ...res, ...(note ? { note } : {}) });
    const rows = res.items.map(rowOf);
    if (format === 'csv') return printCsv(HEADER, rows);
    if (format === 'xlsx') {
      writeFileSync(o.out!, await tableXlsx('任务台账', HEADER, rows, note));
      process.stdout.write(`${rows.length} 项任务 → ${o.out}\n`);
      return;
    }
    process.stdout.write(`${res.plan} 任务台账 · 判断日 ${res.today}\n`);
    if (note) process.stdout.write(`${note}\n`);
    printTable(
      HEADER,
      rows.map((r) => r.map((c) => (c === null ? '—' : String(c)))),
    );
    const overdue = res.items.filter((i) => i.status === 'overdue').length;
    process.stdout.write(`合计 ${res.items.length} 项,逾期 ${overdue} 项\n`);
  });
}

async function report(plan: string, no: string, o: ReportOptions): Promise<void> {
  if (!/^\d{1,5}$/.test(no))
    throw new LeitaiError('INPUT_INVALID', `任务序号「${no}」应为正整数`, {
      value: no,
      reason: 'task number',
    });
  await withStore(o, async (ctx) => {
    const day = today(o.today);
    const saved = await reportTask(ctx, ctx.actor, {
      plan,
      no: Number(no),
      date: o.date ?? day,
      text: o.text,
      percent: percentOf(o.percent),
      evidence: o.evidence ?? null,
      done: o.done ?? false,
      today: day,
      at: new Date().toISOString(),
    });
    process.stdout.write(
      `已记录 ${saved.plan} 任务${saved.task} 的进展(${saved.date},${saved.department}${saved.done ? ',已完成' : ''})\n`,
    );
  });
}

export function registerTasks(program: Command): void {
  const tasks = program.command('tasks').description('任务台账 (task ledger): 列表与进展报告');
  addStoreOptions(
    tasks
      .command('list')
      .description('列出计划的重点任务、期限与状态,逾期在前')
      .option('--plan <id>', '计划 (默认含任务的最新计划)')
      .option('--department <name>', '只列该单位牵头或配合的任务')
      .option('--status <s>', 'not_started | in_progress | done | overdue')
      .option('--today <date>', '判断状态的日期 YYYY-MM-DD (默认今天)')
      .option('--format <format>', 'table | json | csv | xlsx', 'table')
      .option('--out <file>', '输出文件 (xlsx 必须)'),
  ).action(list);
  addStoreOptions(
    tasks
      .command('report <plan> <no>')
      .description('报告任务进展 (仅牵头单位或省级;--as department:省发展改革委)')
      .requiredOption('--text <text>', '进展说明')
      .option('--percent <n>', '完成百分比 0–100')
      .option('--evidence <text>', '佐证:文号、链接或文件名')
      .option('--done', '任务(或周期性任务的本次)已完成')
      .option('--date <date>', '进展日期 YYYY-MM-DD (默认今天)')
      .option('--today <date>', '今天 YYYY-MM-DD (默认系统日期)'),
  ).action(report);
}
