// The task ledger through the API: 省发展改革委 reports on a task it leads and is refused, with
// the task and its lead named, on another unit's; everyone signed in reads the list, overdue first.
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/services/password.js';
import { DEMO_PASSWORD } from '../../src/server/demo-users.js';
import { saveUser } from '../../src/store/users.js';
import { as, login, useDemoApp } from './setup.js';

interface Item {
  no: number;
  status: string;
  statusLabel: string;
  lead: string[];
  mayReport: boolean;
  deadline: { kind: string } | null;
  lastReport: { text: string; actor: string; department: string } | null;
}

describe('tasks through the API', () => {
  const ctx = useDemoApp();
  const fgw = async () => {
    await saveUser(ctx.store, {
      username: 'fgw',
      role: 'department',
      region: null,
      department: '省发改委',
      displayName: '省发展改革委',
      demo: false,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      at: '2026-01-01T00:00:00.000Z',
    });
    return as(await login(ctx.app, 'fgw'));
  };
  const report = (headers: Record<string, string>, no: number, payload: object) =>
    ctx.app.inject({ method: 'POST', url: `/api/tasks/hlj-2011/${no}/reports`, headers, payload });

  it('省发展改革委 reports on its own task, and the report is shown with who made it', async () => {
    const headers = await fgw();
    const r = await report(headers, 1, {
      date: '2011-04-25',
      text: '实施方案已印发',
      percent: 100,
      evidence: '黑政办发〔2011〕15号',
      done: true,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      plan: 'hlj-2011',
      task: 1,
      department: '省发展改革委',
      actor: 'fgw',
    });
    const shown = await ctx.app.inject({ method: 'GET', url: '/api/tasks/hlj-2011/1', headers });
    const body = shown.json() as { task: Item; reports: { text: string; actor: string }[] };
    expect(body.task).toMatchObject({
      status: 'done',
      statusLabel: '已完成',
      lead: ['省发展改革委'],
    });
    expect(body.reports.map((x) => [x.text, x.actor])).toEqual([['实施方案已印发', 'fgw']]);
  });

  it('refuses a report on another unit’s task, naming the task and its lead, and writes nothing', async () => {
    const headers = await fgw();
    const r = await report(headers, 4, { date: '2011-04-25', text: '代报' });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toContain('任务4「建立十大产业指标体系和省重点推进产业项目投资月报」');
    expect(r.json().message).toContain('牵头:省统计局');
    const shown = await ctx.app.inject({ method: 'GET', url: '/api/tasks/hlj-2011/4', headers });
    expect(shown.json().reports).toEqual([]);
  });

  it('refuses a report dated after today and a percentage over 100', async () => {
    const headers = as(await login(ctx.app, 'province'));
    expect((await report(headers, 2, { date: '2999-01-01', text: 'x' })).statusCode).toBe(400);
    expect(
      (await report(headers, 2, { date: '2011-04-01', text: 'x', percent: 101 })).statusCode,
    ).toBe(400);
    expect((await report(headers, 999, { date: '2011-04-01', text: 'x' })).statusCode).toBe(404);
  });

  it('lets the observer read the list: overdue first, then by number, none reportable', async () => {
    const headers = as(await login(ctx.app, 'observer'));
    const r = await ctx.app.inject({ method: 'GET', url: '/api/tasks?plan=hlj-2011', headers });
    expect(r.statusCode).toBe(200);
    const { items, departments } = r.json() as { items: Item[]; departments: string[] };
    expect(items).toHaveLength(33);
    // Every dated 2011 deadline (and 全年工作, due at the end of 2013) has passed whatever the
    // server's today; only task 1 was reported done (above). Recurring ones depend on the day.
    const dated = items.filter((i) => i.deadline?.kind !== 'recurring');
    expect(dated.filter((i) => i.status !== 'overdue').map((i) => i.no)).toEqual([1]);
    const firstOpen = items.findIndex((i) => i.status !== 'overdue');
    expect(items.slice(firstOpen).every((i) => i.status !== 'overdue')).toBe(true);
    expect(items.slice(0, 3).map((i) => i.no)).toEqual([2, 3, 4]);
    expect(items.every((i) => !i.mayReport)).toBe(true);
    expect(departments).toContain('省发展改革委');
    const own = await ctx.app.inject({
      method: 'GET',
      url: `/api/tasks?plan=hlj-2011&department=${encodeURIComponent('省统计局')}`,
      headers,
    });
    expect((own.json() as { items: Item[] }).items.map((i) => i.no)).toEqual([4, 29]);
  });
});
