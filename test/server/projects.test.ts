import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo-users.js';
import { hashPassword } from '../../src/services/password.js';
import { projectId } from '../../src/store/projects.js';
import { publish, saveUser } from '../../src/store/users.js';
import { as, login, useDemoApp, type Session } from './setup.js';

// The project ledger through the API: scope by role, import dry run then confirm, the review
// chain county → prefecture → 省发展改革委, visibility of a published month to observers.
const HEADER =
  '项目名称,所在县,所属产业,建设性质,总投资(万元),本年计划投资(万元),本年累计完成投资(万元),计划开工时间,实际开工时间';
const SHANGZHI_CSV = [
  HEADER,
  '尚志生物基材料项目,尚志市,生物,新建,50000,12000,3000,2026-03,',
  '尚志食品加工项目,尚志市,食品,技改,8000,6000,4500,2026-01,2026-02',
].join('\n');
const LONGJIANG_CSV = [
  HEADER,
  '龙江风电项目,龙江县,新能源,新建,30000,10000,2000,2026-05,2026-06',
].join('\n');
const PERIOD = '2026-09';

describe('projects API', () => {
  const ctx = useDemoApp();
  const sessions = new Map<string, Session>();
  const who = async (name: string) => {
    if (!sessions.has(name)) sessions.set(name, await login(ctx.app, name));
    return sessions.get(name)!;
  };

  async function upload(
    user: string,
    name: string,
    content: string | Buffer,
    fields: Record<string, string>,
  ) {
    const b = 'projectsboundary';
    const parts = Object.entries(fields).map(
      ([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    const head = `${parts.join('')}--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const payload = Buffer.concat([
      Buffer.from(head),
      Buffer.from(content),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    return ctx.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      headers: { ...as(await who(user)), 'content-type': `multipart/form-data; boundary=${b}` },
      payload,
    });
  }
  const get = async (user: string, url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: as(await who(user)) });
  const review = async (user: string, payload: object) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/projects/review',
      headers: as(await who(user)),
      payload,
    });
  const names = async (user: string, query = '') =>
    (
      (await get(user, `/api/projects?period=${PERIOD}${query}`)).json() as {
        items: { name: string }[];
      }
    ).items.map((i) => i.name);

  it('imports after a dry run; the same file twice is 0 changes', async () => {
    const dry = await upload('shangzhi', 'sz.csv', SHANGZHI_CSV, { period: PERIOD });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      written: false,
      changes: { created: 2, changed: 0, unchanged: 0 },
    });
    expect(await names('province')).toEqual([]);
    const real = await upload('shangzhi', 'sz.csv', SHANGZHI_CSV, {
      period: PERIOD,
      confirm: 'true',
    });
    expect(real.json()).toMatchObject({ written: true, changes: { created: 2 } });
    const again = await upload('shangzhi', 'sz.csv', SHANGZHI_CSV, {
      period: PERIOD,
      confirm: 'true',
    });
    expect(again.json()).toMatchObject({
      written: false,
      changes: { created: 0, changed: 0, unchanged: 2 },
    });
    const lj = await upload('province', 'lj.csv', LONGJIANG_CSV, {
      period: PERIOD,
      confirm: 'true',
    });
    expect(lj.statusCode).toBe(200);
  });

  it('refuses a bad ledger whole, naming sheet, row and column, and writes nothing', async () => {
    const bad = [
      HEADER,
      '尚志新项目甲,尚志市,生物,新建,1000,500,200,2026-03,',
      ',尚志市,生物,新建,1000,500,200,2026-03,',
      '尚志新项目乙,尚志市,生物,新建,1000,500,2000,2026-03,',
    ].join('\n');
    const r = await upload('shangzhi', 'bad.csv', bad, { period: PERIOD, confirm: 'true' });
    expect(r.statusCode).toBe(422);
    const problems = (
      r.json() as { details: { problems: { row: number; column: string; reason: string }[] } }
    ).details.problems;
    expect(problems.map((p) => p.row)).toEqual([3, 4]);
    expect(problems[1]!.reason).toContain('大于总投资');
    // A county's user may not report another county's projects: 403, nothing written.
    const other = await upload('shangzhi', 'lj.csv', LONGJIANG_CSV.replace('2000', '2100'), {
      period: PERIOD,
      confirm: 'true',
    });
    expect(other.statusCode).toBe(403);
    expect(await names('province')).toEqual([
      '尚志生物基材料项目',
      '尚志食品加工项目',
      '龙江风电项目',
    ]);
  });

  it('shows each role its scope; another county’s project is 404', async () => {
    expect(await names('shangzhi')).toEqual(['尚志生物基材料项目', '尚志食品加工项目']);
    expect(await names('harbin')).toEqual(['尚志生物基材料项目', '尚志食品加工项目']);
    expect(await names('finance')).toHaveLength(3);
    expect(await names('observer')).toEqual([]);
    const lj = projectId('230221', '龙江风电项目');
    expect((await get('shangzhi', `/api/projects/${lj}`)).statusCode).toBe(404);
    expect((await get('province', `/api/projects/${lj}`)).statusCode).toBe(200);
  });

  it('judges milestones at the end of the month: planned 2026-03 and not started is 6 months late', async () => {
    const list = (await get('shangzhi', `/api/projects?period=${PERIOD}&late=true`)).json() as {
      items: {
        name: string;
        stageLabel: string | null;
        milestones: { label: string; monthsLate: number | null }[];
      }[];
    };
    expect(list.items.map((i) => i.name)).toEqual(['尚志生物基材料项目']);
    expect(list.items[0]!.milestones.find((m) => m.label === '开工')!.monthsLate).toBe(6);
  });

  it('runs the review chain county → prefecture → 省发展改革委; a return needs a reason', async () => {
    await saveUser(ctx.store, {
      username: 'ndrc',
      role: 'department',
      region: null,
      department: '省发展改革委',
      displayName: '省发展改革委',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      demo: false,
      at: '2026-10-01T00:00:00Z',
    });
    const items = [
      { id: projectId('230183', '尚志生物基材料项目'), period: PERIOD },
      { id: projectId('230183', '尚志食品加工项目'), period: PERIOD },
    ];
    expect((await review('harbin', { action: 'review', items })).statusCode).toBe(409);
    expect((await review('shangzhi', { action: 'submit', items })).json()).toEqual({
      action: 'submit',
      count: 2,
    });
    expect((await review('harbin', { action: 'return', items })).statusCode).toBe(400);
    expect((await review('harbin', { action: 'review', items })).statusCode).toBe(200);
    expect((await review('finance', { action: 'approve', items })).statusCode).toBe(403);
    expect((await review('ndrc', { action: 'approve', items })).statusCode).toBe(200);
    const show = (await get('shangzhi', `/api/projects/${items[0]!.id}`)).json() as {
      project: { status: string; revision: number };
      history: {
        revision: number;
        action: string;
        actor: string;
        changes: { label: string; new: string | null }[];
      }[];
    };
    expect(show.project).toMatchObject({ status: 'approved', revision: 4 });
    expect(show.history.map((h) => [h.revision, h.action, h.actor])).toEqual([
      [4, 'approve', 'ndrc'],
      [3, 'review', 'harbin'],
      [2, 'submit', 'shangzhi'],
      [1, 'import', 'shangzhi'],
    ]);
    expect(show.history[3]!.changes.find((c) => c.label === '总投资(万元)')!.new).toBe('50000');
  });

  it('shows an observer only approved reports, once the month is published', async () => {
    await publish(ctx.store, PERIOD, 'province', '2026-10-20T00:00:00Z');
    expect(await names('observer')).toEqual(['尚志生物基材料项目', '尚志食品加工项目']);
    const lj = projectId('230221', '龙江风电项目');
    expect((await get('observer', `/api/projects/${lj}`)).statusCode).toBe(404);
  });

  it('sums a county’s projects in 亿元 against its reported investment', async () => {
    const r = (
      await get('province', `/api/projects/summary?period=${PERIOD}&region=230183`)
    ).json() as {
      tolerance: number;
      counties: { county: string; projects: number; completedYtd: string }[];
    };
    // 3000 + 4500 万元 = 0.75 亿元
    expect(r.tolerance).toBe(0.05);
    expect(r.counties).toMatchObject([{ county: '230183', projects: 2, completedYtd: '0.75' }]);
  });

  it('gives a template pre-filled with the previous month that reads back', async () => {
    const r = await get('shangzhi', '/api/projects/template?region=230183&period=2026-10');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain('尚志生物基材料项目');
  });
});
