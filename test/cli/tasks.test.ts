// `leitai tasks list|report`: the 2011 plan's tasks with their status on a given day, reports by
// the lead unit only, and the list in json, csv and xlsx.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, leitai, tempDir } from '../helpers.js';

interface Item {
  no: number;
  status: string;
  deadlineLabel: string;
  dueDate: string | null;
  percent: number | null;
  occurrences: { due: number; done: number; perYear: number } | null;
}

describe('leitai tasks', () => {
  const dir = tempDir('leitai-tasks-');
  const db = join(dir, 't.db');
  beforeAll(() => {
    expect(leitai('db', 'init', '--db', db).code).toBe(0);
  });
  const list = (...args: string[]) =>
    json<{ plan: string; today: string; items: Item[] }>(
      leitai('tasks', 'list', '--db', db, '--plan', 'hlj-2011', '--format', 'json', ...args),
    );

  it('lists the tasks with their status on the day given, overdue first', () => {
    const r = list('--today', '2011-05-01');
    expect(r.today).toBe('2011-05-01');
    // Due by 2011-05-01: tasks 1, 2, 4 (April), 5 (March), 14 and 28 (每年2月), 15 (每年4次, March).
    expect(r.items.filter((i) => i.status === 'overdue').map((i) => i.no)).toEqual([
      1, 2, 4, 5, 14, 15, 28,
    ]);
    const twice = r.items.find((i) => i.no === 12)!;
    expect(twice).toMatchObject({
      status: 'not_started',
      deadlineLabel: '每年2次(已完成0次,应完成0次)',
      dueDate: '2011-06-30',
      occurrences: { due: 0, done: 0, perYear: 2 },
    });
  });

  it('records a report of the lead unit and refuses one of another unit, naming the lead', () => {
    const ok = leitai(
      'tasks',
      'report',
      'hlj-2011',
      '1',
      '--db',
      db,
      '--as',
      'department:省发改委',
      '--user',
      'fgw',
      '--text',
      '方案已印发',
      '--percent',
      '100',
      '--done',
      '--date',
      '2011-04-28',
      '--today',
      '2011-05-01',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('已记录 hlj-2011 任务1 的进展(2011-04-28,省发展改革委,已完成)');
    const refused = leitai(
      'tasks',
      'report',
      'hlj-2011',
      '4',
      '--db',
      db,
      '--as',
      'department:省发改委',
      '--text',
      '代报',
      '--today',
      '2011-05-01',
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('不是任务4');
    expect(refused.stderr).toContain('牵头:省统计局');
    const r = list('--today', '2011-05-01');
    expect(r.items.find((i) => i.no === 1)).toMatchObject({ status: 'done', percent: 100 });
    expect(
      list('--today', '2011-05-01', '--department', '省统计局').items.map((i) => i.no),
    ).toEqual([4, 29]);
    expect(list('--today', '2011-05-01', '--status', 'done').items.map((i) => i.no)).toEqual([1]);
  });

  it('writes csv and xlsx', async () => {
    const csv = leitai(
      'tasks',
      'list',
      '--db',
      db,
      '--plan',
      'hlj-2011',
      '--today',
      '2011-05-01',
      '--format',
      'csv',
    );
    expect(csv.stdout.split('\n')[0]).toBe('序号,任务,牵头单位,期限,状态,到期日,完成%,最近进展');
    const out = join(dir, 'tasks.xlsx');
    const x = leitai(
      'tasks',
      'list',
      '--db',
      db,
      '--plan',
      'hlj-2011',
      '--today',
      '2011-05-01',
      '--format',
      'xlsx',
      '--out',
      out,
    );
    expect(x.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(34);
    expect(ws.getRow(2).getCell(1).value).toBe(2); // overdue first: task 2 (task 1 is done)
  });

  it('refuses a bad status or date', () => {
    expect(leitai('tasks', 'list', '--db', db, '--status', 'late').code).toBe(2);
    expect(leitai('tasks', 'list', '--db', db, '--today', '2011-02-30').code).toBe(2);
  });
});
