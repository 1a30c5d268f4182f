import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyValues } from '../../src/store/observations.js';
import { projectId, writeReports } from '../../src/store/projects.js';
import { ROOT } from '../helpers.js';
import { MANUAL_PLAN } from '../manual-plan.js';
import { as, login, useDemoApp, type Session } from './setup.js';

type Who = 'none' | 'province' | 'finance' | 'harbin' | 'shangzhi' | 'observer';
const USERS: Who[] = ['province', 'finance', 'harbin', 'shangzhi', 'observer'];

interface Case {
  url: string;
  payload?: unknown;
  multipart?: { name: string; content: string; fields?: Record<string, string> };
  /** Expected status class per user: 2 = 2xx, 401, 403 (404: a project out of sight). */
  expect: Partial<Record<Who, 2 | 401 | 403 | 404>>;
}

const plan = JSON.parse(readFileSync(join(ROOT, 'plans/hlj-2026.json'), 'utf8')) as Record<
  string,
  unknown
>;
const JUDGEMENT = {
  plan: 'manual-test',
  region: '230183',
  period: '2026',
  status: 'met',
  note: '已完成',
};
const all = (x: 2 | 403): Case['expect'] => Object.fromEntries(USERS.map((u) => [u, x]));
const only = (...ok: Who[]): Case['expect'] =>
  Object.fromEntries(USERS.map((u) => [u, ok.includes(u) ? 2 : 403]));

/**
 * Every route × every role × in and out of scope. The keys are "METHOD path" as the OpenAPI
 * document names them; a route missing here fails the test.
 */
const MATRIX: Record<string, Case[]> = {
  'GET /api/session': [{ url: '/api/session', expect: all(2) }],
  'DELETE /api/session': [{ url: '/api/session', expect: all(2) }],
  'GET /api/regions': [{ url: '/api/regions?parent=230100', expect: all(2) }],
  'PUT /api/regions/{code}/attributes': [
    {
      url: '/api/regions/230183/attributes',
      payload: { attributes: { scenic_4a: true } },
      expect: only('province'),
    },
  ],
  'GET /api/regions/{code}/history': [
    { url: '/api/regions/230183/history', expect: only('province') },
  ],
  'GET /api/users': [{ url: '/api/users', expect: only('province') }],
  // Made here (the first case to run for it): the user the cases below act on.
  'POST /api/users': [
    {
      url: '/api/users',
      payload: { username: 'matrix-user', role: 'county', region: '230183' },
      expect: only('province'),
    },
  ],
  'PUT /api/users/{username}/password': [
    { url: '/api/users/matrix-user/password', payload: {}, expect: only('province') },
  ],
  'POST /api/users/{username}/{action}': [
    { url: '/api/users/matrix-user/disable', expect: only('province') },
    { url: '/api/users/matrix-user/enable', expect: only('province') },
  ],
  'GET /api/users/{username}/history': [
    { url: '/api/users/matrix-user/history', expect: only('province') },
  ],
  'GET /api/plans': [{ url: '/api/plans', expect: all(2) }],
  'GET /api/plans/{id}': [{ url: '/api/plans/hlj-2026', expect: all(2) }],
  'PUT /api/plans/{id}': [
    {
      url: '/api/plans/hlj-2026-copy',
      payload: { ...plan, id: 'hlj-2026-copy' },
      expect: only('province'),
    },
    // A plan with manual targets (人工评定), for the judgements below.
    { url: '/api/plans/manual-test', payload: MANUAL_PLAN, expect: only('province') },
  ],
  'POST /api/plans/read-table': [
    {
      url: '/api/plans/read-table',
      payload: {
        scope: 'province',
        text: '序号\t主要指标\t2025年完成\t2026年目标\t责任部门\n1\t超100亿元县(个)\t35\t38\t省发展改革委',
      },
      expect: only('province'),
    },
  ],
  'POST /api/plans/{id}/preview': [
    {
      url: '/api/plans/hlj-2026-copy/preview',
      payload: { ...plan, id: 'hlj-2026-copy' },
      expect: only('province'),
    },
  ],
  'GET /api/observations': [
    {
      url: '/api/observations?region=230183&period=2026-09',
      expect: only('province', 'finance', 'harbin', 'shangzhi'),
    },
    {
      url: '/api/observations?region=230184&period=2026-09',
      expect: only('province', 'finance', 'harbin'),
    },
    { url: '/api/observations?region=230221&period=2026-09', expect: only('province', 'finance') },
    { url: '/api/observations?region=230221&period=2025', expect: all(2) }, // published
  ],
  'PUT /api/observations/{region}/{indicator}/{period}': [
    {
      url: '/api/observations/230183/gdp/2027-02',
      payload: { value: 12.2 },
      expect: only('province', 'harbin', 'shangzhi'),
    },
    {
      url: '/api/observations/230221/gdp/2027-02',
      payload: { value: 12.2 },
      expect: only('province'),
    },
  ],
  'POST /api/observations/bulk': [
    {
      url: '/api/observations/bulk',
      payload: {
        rows: [{ region: '230183', indicator: 'tax_revenue', period: '2027-03', value: 1.5 }],
      },
      expect: only('province', 'harbin', 'shangzhi'),
    },
    {
      url: '/api/observations/bulk',
      payload: {
        rows: [{ region: '230221', indicator: 'tax_revenue', period: '2027-03', value: 1.5 }],
      },
      expect: only('province'),
    },
  ],
  'POST /api/imports': [
    {
      url: '/api/imports',
      multipart: {
        name: 'a.csv',
        content: 'region,indicator,period,value\n230183,tax_revenue,2027-04,2.5\n',
      },
      expect: only('province', 'harbin', 'shangzhi'),
    },
    {
      url: '/api/imports',
      multipart: {
        name: 'b.csv',
        content: 'region,indicator,period,value\n230221,tax_revenue,2027-04,2.5\n',
      },
      expect: only('province'),
    },
  ],
  'GET /api/templates': [
    {
      url: '/api/templates?period=2026-09&region=230183',
      expect: only('province', 'harbin', 'shangzhi'),
    },
    { url: '/api/templates?period=2026-09&prefecture=230200', expect: only('province') },
  ],
  'GET /api/entry': [
    {
      url: '/api/entry?plan=hlj-2026&region=230183&period=2026-09',
      expect: only('province', 'harbin', 'shangzhi'),
    },
    {
      url: '/api/entry?plan=hlj-2026&region=230184&period=2026-09',
      expect: only('province', 'harbin'),
    },
    { url: '/api/entry?plan=hlj-2026&region=230221&period=2026-09', expect: only('province') },
  ],
  'GET /api/evaluation': [{ url: '/api/evaluation?plan=hlj-2026&period=2026-09', expect: all(2) }],
  // Only the province and the target's own departments judge it (省财政厅 is finance's).
  'POST /api/judgements': [
    {
      url: '/api/judgements',
      payload: { ...JUDGEMENT, indicator: 'general_budget_revenue' },
      expect: only('province', 'finance'),
    },
    {
      url: '/api/judgements',
      payload: { ...JUDGEMENT, indicator: 'new_projects_over_10m' },
      expect: only('province'),
    },
  ],
  // Open to every role: counties outside one's scope are left out until both periods are published.
  'GET /api/compare': [{ url: '/api/compare?plan=hlj-2026&period=2026-09', expect: all(2) }],
  'GET /api/ranking': [
    { url: '/api/ranking?plan=hlj-2026&period=2026-09', expect: all(2) },
    { url: '/api/ranking?plan=hlj-2026&period=2026-09&stability=20', expect: all(2) },
  ],
  'GET /api/periods': [{ url: '/api/periods?plan=hlj-2026', expect: all(2) }],
  'GET /api/series': [
    {
      url: '/api/series?plan=hlj-2026&region=230183&period=2026-09',
      expect: only('province', 'finance', 'harbin', 'shangzhi'),
    },
    {
      url: '/api/series?plan=hlj-2026&region=230184&period=2026-09',
      expect: only('province', 'finance', 'harbin'),
    },
    {
      url: '/api/series?plan=hlj-2026&region=230221&period=2026-09',
      expect: only('province', 'finance'),
    },
    {
      url: '/api/series?plan=hlj-2026&region=230000&period=2026-09',
      expect: only('province', 'finance'),
    },
    { url: '/api/series?plan=hlj-2025&region=230221&period=2025', expect: all(2) }, // published
  ],
  'GET /api/warnings': [{ url: '/api/warnings?plan=hlj-2026&period=2026-09', expect: all(2) }],
  'GET /api/quality': [
    {
      url: '/api/quality?period=2026-09',
      expect: only('province', 'finance', 'harbin', 'shangzhi'),
    },
  ],
  'GET /api/incentives': [
    {
      url: '/api/incentives?plan=hlj-2026&period=2026-09&pool=5000',
      expect: only('province', 'finance'),
    },
    {
      url: '/api/incentives?plan=hlj-2025&period=2025&pool=5000', // published
      expect: only('province', 'finance', 'observer'),
    },
  ],
  'GET /api/completeness': [
    { url: '/api/completeness?period=2026-09', expect: only('province', 'finance', 'harbin') },
  ],
  'GET /api/audit': [
    { url: '/api/audit?region=230183', expect: only('province', 'finance', 'harbin', 'shangzhi') },
    { url: '/api/audit?region=230221', expect: only('province', 'finance') },
  ],
  'GET /api/publications': [
    { url: '/api/publications?plan=hlj-2026&period=2026-09', expect: only('province') },
  ],
  'POST /api/reminders': [
    {
      url: '/api/reminders',
      payload: { plan: 'hlj-2026', period: '2026-10', regions: ['230183'] },
      expect: only('province', 'harbin'),
    },
    {
      url: '/api/reminders',
      payload: { plan: 'hlj-2026', period: '2026-10', regions: ['230221'] },
      expect: only('province'),
    },
  ],
  'GET /api/reminders': [
    { url: '/api/reminders?limit=5', expect: only('province', 'harbin', 'shangzhi') },
  ],
  'POST /api/reminders/read': [
    { url: '/api/reminders/read', payload: {}, expect: only('shangzhi') },
  ],
  'GET /api/reminders/late': [
    {
      url: '/api/reminders/late?plan=hlj-2026&period=2026-10',
      expect: only('province', 'harbin'),
    },
  ],
  'GET /api/reminders/sheet': [
    {
      url: '/api/reminders/sheet?plan=hlj-2026&period=2026-10',
      expect: only('province', 'harbin'),
    },
  ],
  'GET /api/bulletins': [
    // Unpublished: the province's for those who see every county, a prefecture's for its own.
    {
      url: '/api/bulletins?plan=hlj-2026&period=2026-09&format=xlsx&scope=province',
      expect: only('province', 'finance'),
    },
    {
      url: '/api/bulletins?plan=hlj-2026&period=2026-09&format=xlsx&scope=230100',
      expect: only('province', 'finance', 'harbin'),
    },
    { url: '/api/bulletins?plan=hlj-2025&period=2025-12&format=xlsx', expect: all(2) },
  ],
  // Tasks and leading industries (issue 16): reference every signed-in user reads.
  // Operations (issue 17): the metrics, for the province (a scraper's token: test/ops/metrics).
  'GET /api/metrics': [{ url: '/api/metrics', expect: only('province') }],
  'GET /api/tasks': [{ url: '/api/tasks?plan=hlj-2011', expect: all(2) }],
  'GET /api/tasks/{plan}/{no}': [{ url: '/api/tasks/hlj-2011/7', expect: all(2) }],
  'POST /api/tasks/{plan}/{no}/reports': [
    // Task 7 is led by 省发改委 and 省财政厅; task 1 by 省发改委 alone.
    {
      url: '/api/tasks/hlj-2011/7/reports',
      payload: { date: '2011-05-20', text: '已印发' },
      expect: only('province', 'finance'),
    },
    {
      url: '/api/tasks/hlj-2011/1/reports',
      payload: { date: '2011-04-20', text: '已印发' },
      expect: only('province'),
    },
  ],
  'GET /api/industries': [{ url: '/api/industries?region=230100', expect: all(2) }],
  'GET /api/industries/summary': [{ url: '/api/industries/summary', expect: all(2) }],
  'PUT /api/industries/{county}': [
    {
      url: '/api/industries/230183',
      payload: { industries: [{ position: 1, industry: '绿色食品' }] },
      expect: only('province', 'shangzhi'),
    },
    {
      url: '/api/industries/230184',
      payload: { industries: [{ position: 1, industry: '绿色食品' }] },
      expect: only('province'),
    },
  ],
  'POST /api/industries/import': [
    {
      url: '/api/industries/import',
      multipart: { name: 'i.csv', content: '县(市),位次,主导工业\n尚志市,1,绿色食品\n' },
      expect: only('province', 'shangzhi'),
    },
  ],
  'GET /api/bulletins/stored': [{ url: '/api/bulletins/stored?plan=hlj-2025', expect: all(2) }],
  // The demo's one stored bulletin (hlj-2025, 2025-12, published): everyone's to read.
  'GET /api/bulletins/stored/{id}': [
    { url: '/api/bulletins/stored/1?format=xlsx', expect: all(2) },
  ],
  'POST /api/bulletins/stored': [
    {
      url: '/api/bulletins/stored',
      payload: { plan: 'hlj-2025', period: '2025-12' },
      expect: only('province'),
    },
  ],
  'POST /api/publications': [
    { url: '/api/publications', payload: { period: '2026-02' }, expect: only('province') },
  ],
  'GET /api/review/queue': [
    {
      url: '/api/review/queue?period=2026-09',
      expect: only('province', 'finance', 'harbin', 'shangzhi'),
    },
  ],
  'GET /api/review/waiting': [
    { url: '/api/review/waiting', expect: only('province', 'finance', 'harbin', 'shangzhi') },
  ],
  'GET /api/review/history': [
    {
      url: '/api/review/history?region=230183&indicator=gdp&period=2026-09',
      expect: only('province', 'finance', 'harbin', 'shangzhi'),
    },
    {
      url: '/api/review/history?region=230221&indicator=gdp&period=2026-09',
      expect: only('province', 'finance'),
    },
  ],
  'POST /api/review/{action}': [
    {
      url: '/api/review/submit',
      payload: { keys: [{ region: '230183', indicator: 'KEY', period: '2027-05' }] },
      expect: only('province', 'shangzhi'),
    },
    {
      url: '/api/review/review',
      payload: { keys: [{ region: '230183', indicator: 'KEY', period: '2027-06' }] },
      expect: only('province', 'harbin'),
    },
    {
      url: '/api/review/approve',
      payload: { keys: [{ region: '230183', indicator: 'general_budget_revenue', period: 'KEY' }] },
      expect: only('province', 'finance'),
    },
    {
      url: '/api/review/approve',
      payload: { keys: [{ region: '230183', indicator: 'tax_revenue', period: 'KEY' }] },
      expect: only('province'),
    },
    {
      url: '/api/review/return',
      payload: {
        keys: [{ region: '230221', indicator: 'KEY', period: '2027-06' }],
        reason: '数据有误',
      },
      expect: only('province'),
    },
  ],
  'GET /api/projects': [
    { url: '/api/projects?period=2026-09', expect: all(2) },
    { url: '/api/projects?period=2026-09&region=230221', expect: all(2) },
  ],
  'GET /api/projects/summary': [{ url: '/api/projects/summary?period=2026-09', expect: all(2) }],
  'GET /api/projects/template': [
    {
      url: '/api/projects/template?region=230183&period=2026-10',
      expect: only('province', 'harbin', 'shangzhi'),
    },
    { url: '/api/projects/template?region=230221&period=2026-10', expect: only('province') },
  ],
  // A project another county's user may not see is "not found", not "forbidden".
  'GET /api/projects/{id}': [
    {
      url: '/api/projects/PKEY:230183?period=2026-09',
      expect: { province: 2, finance: 2, harbin: 2, shangzhi: 2, observer: 404 },
    },
    {
      url: '/api/projects/PKEY:230221?period=2026-09',
      expect: { province: 2, finance: 2, harbin: 404, shangzhi: 404, observer: 404 },
    },
  ],
  'POST /api/projects/import': [
    {
      url: '/api/projects/import',
      multipart: {
        name: 'p.csv',
        content:
          '项目名称,所在县,所属产业,总投资(万元),本年累计完成投资(万元)\n矩阵导入项目,尚志市,绿色食品,1000,100\n',
        fields: { period: '2026-08', confirm: 'true' },
      },
      expect: only('province', 'harbin', 'shangzhi'),
    },
    {
      url: '/api/projects/import',
      multipart: {
        name: 'q.csv',
        content:
          '项目名称,所在县,所属产业,总投资(万元),本年累计完成投资(万元)\n矩阵导入项目,龙江县,绿色食品,1000,100\n',
        fields: { period: '2026-08' },
      },
      expect: only('province'),
    },
  ],
  'POST /api/projects/review': [
    {
      url: '/api/projects/review',
      payload: { action: 'submit', items: [{ id: 'PKEY:230183', period: '2026-09' }] },
      expect: only('province', 'shangzhi'),
    },
    {
      url: '/api/projects/review',
      payload: { action: 'review', items: [{ id: 'PKEY:230183', period: '2026-09' }] },
      expect: only('province', 'harbin'),
    },
    // 省财政厅 is not responsible for 产业项目投资 (省发展改革委 is).
    {
      url: '/api/projects/review',
      payload: { action: 'approve', items: [{ id: 'PKEY:230183', period: '2026-09' }] },
      expect: only('province'),
    },
    {
      url: '/api/projects/review',
      payload: {
        action: 'return',
        items: [{ id: 'PKEY:230221', period: '2026-09' }],
        reason: '数据有误',
      },
      expect: only('province'),
    },
  ],
};
const PUBLIC = new Set(['POST /api/session', 'GET /api/health']);

describe('authorisation: every route × every role, in and out of scope', () => {
  const ctx = useDemoApp();
  let n = 0;

  /** Fresh keys for state-dependent review cases, so each case meets its precondition. */
  /** A fresh project report (in the status the action needs) for each `PKEY:county`. */
  async function prepareProject(c: Case): Promise<Case> {
    const text = JSON.stringify(c);
    const m = /PKEY:(\d{6})/.exec(text);
    if (!m) return c;
    n++;
    const action = (c.payload as { action?: string } | undefined)?.action ?? 'submit';
    const status = (
      { submit: 'draft', review: 'submitted', approve: 'reviewed', return: 'submitted' } as const
    )[action as 'submit'];
    const county = m[1]!;
    const name = `矩阵项目${n}`;
    const report = {
      name,
      company: null,
      county,
      industry: '绿色食品产业',
      type: null,
      flags: [],
      totalInvestment: '1000',
      plannedThisYear: null,
      completedYtd: '100',
      planned: {},
      actual: {},
      progress: null,
      problems: null,
      leader: null,
    };
    await writeReports(ctx.store, '2026-09', [report], {
      actor: 'test',
      source: 'test',
      at: new Date().toISOString(),
      status,
    });
    return JSON.parse(text.replaceAll(`PKEY:${county}`, projectId(county, name))) as Case;
  }

  async function prepare(base: Case): Promise<Case> {
    const c = await prepareProject(base);
    const body = JSON.stringify(c.payload ?? null);
    if (!body.includes('KEY')) return c;
    n++;
    const action = c.url.split('/').pop()!;
    const status = {
      submit: 'draft',
      review: 'submitted',
      approve: 'reviewed',
      return: 'submitted',
    }[action] as 'draft';
    const keys = (
      c.payload as { keys: { region: string; indicator: string; period: string }[] }
    ).keys.map((k) => ({
      region: k.region,
      indicator: k.indicator === 'KEY' ? 'gdp' : k.indicator,
      period:
        k.period === 'KEY'
          ? `2030-${String((n % 12) + 1).padStart(2, '0')}`
          : k.period.replace(/^2027/, String(2040 + n)),
    }));
    await applyValues(
      ctx.store,
      keys.map((k) => ({ ...k, value: 1 })),
      { actor: 'test', source: 'test', at: new Date().toISOString(), status },
    );
    return { ...c, payload: { ...(c.payload as object), keys } };
  }

  async function call(method: string, c: Case, s: Session | undefined) {
    const headers: Record<string, string> = s ? as(s) : {};
    if (c.multipart) {
      const boundary = 'leitaiboundary';
      const fields = Object.entries(c.multipart.fields ?? {})
        .map(
          ([k, v]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
        )
        .join('');
      const body = `${fields}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${c.multipart.name}"\r\nContent-Type: text/csv\r\n\r\n${c.multipart.content}\r\n--${boundary}--\r\n`;
      return ctx.app.inject({
        method: method as 'POST',
        url: c.url,
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
    }
    return ctx.app.inject({
      method: method as 'GET',
      url: c.url,
      headers,
      ...(c.payload !== undefined ? { payload: c.payload as object } : {}),
    });
  }

  it('covers every route of the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const missing = routes.filter((r) => !MATRIX[r] && !PUBLIC.has(r));
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(MATRIX).length);
  });

  for (const [route, cases] of Object.entries(MATRIX)) {
    const method = route.split(' ')[0]!;
    it(`${route}: 401 without a session, and the expected 2xx/403 for each role`, async () => {
      for (const base of cases) {
        expect(
          (await call(method, base, undefined)).statusCode,
          `${base.url} without session`,
        ).toBe(401);
        for (const who of USERS) {
          const c = await prepare(base);
          const s = await login(ctx.app, who);
          const r = await call(method, c, s);
          const want = c.expect[who]!;
          const got = r.statusCode >= 200 && r.statusCode < 300 ? 2 : r.statusCode;
          expect(got, `${who} ${method} ${c.url} → ${r.statusCode} ${r.body.slice(0, 200)}`).toBe(
            want,
          );
        }
      }
    }, 60_000);
  }
});
