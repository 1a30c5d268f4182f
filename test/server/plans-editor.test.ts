// The plan editor's API: a table pasted from seed 000 附件1 read with each phrase's reading and the
// unreadable line named; the preview of a changed county target phrase on a small store whose
// values are set here (two counties, one indicator), worked out by hand; the save recorded in the
// admin log, a refused save changing nothing; only the province may use them. On SQLite and
// PostgreSQL.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plans/index.js';
import { loadBuiltinPlans } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { buildApp } from '../../src/server/app.js';
import { demoUsers } from '../../src/server/demo-users.js';
import { adminLog } from '../../src/store/admin-log.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import { applyValues } from '../../src/store/observations.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from '../store/dialects.js';
import { as, login, type Session } from './setup.js';

/** Seed 000 附件1, its caption, header and first three rows as printed; row 4's phrase made unreadable. */
const EXCERPT = [
  '附件1',
  '',
  '全省深化县域经济发展突破年行动主要指标表',
  '',
  '序号\t主要指标\t省“十五五”规划预期目标\t2025年完成\t2026年目标\t责任部门',
  '1\t超100亿元县(个)\t50\t35\t38\t省发展改革委',
  '2\t超200亿元县(个)\t—\t7\t8\t省发展改革委',
  '3\t县域地区生产总值增速(%)\t—\t4.5\t5以上\t省发展改革委',
  '4\t县域第一产业增加值增速(%)\t—\t3.5\t达到上级要求\t省农业农村厅',
].join('\n');

const REGIONS = new Set(['230000', '230100', '230183', '230184']);

describe.each(DIALECTS)('plan editor API on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  let app: FastifyInstance;
  let province: Session;
  let hlj2026: Plan;

  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    const register = loadRegister();
    const plans = loadBuiltinPlans();
    hlj2026 = plans.find((p) => p.id === 'hlj-2026')!;
    await initialise(store, {
      regions: [...register.regions.values()].filter((r) => REGIONS.has(r.code)),
      plans,
      at: '2026-10-01T00:00:00.000Z',
      users: await demoUsers(),
    });
    // 尚志市 5.5%, 五常市 7.0%: both meet 5以上; against 6以上 尚志市 does not.
    await applyValues(
      store,
      [
        { region: '230183', indicator: 'gdp_growth', period: '2026-09', value: 5.5 },
        { region: '230184', indicator: 'gdp_growth', period: '2026-09', value: 7 },
      ],
      {
        actor: 'test',
        source: 'test:plans-editor',
        at: '2026-10-02T00:00:00.000Z',
        synthetic: false,
        status: 'approved',
      },
    );
    app = await buildApp({ store });
    province = await login(app, 'province');
  });
  afterAll(() => cleanUp(t, app, store));

  const post = (s: Session, url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: as(s), payload });

  it('reads a pasted 附件1 excerpt: every target with its reading, the unreadable phrase named on its line', async () => {
    const r = await post(province, '/api/plans/read-table', { scope: 'province', text: EXCERPT });
    expect(r.statusCode).toBe(200);
    const body = r.json() as {
      targets: {
        line: number;
        indicator: string;
        year: number;
        phrase: string;
        reading: string | null;
        departments: string[];
      }[];
      problems: { line: number; text: string; reason: string }[];
      lines: { line: number; reasons: string[]; targets: unknown[] }[];
    };
    // The 2026 column first, then the 十五五 (2030) column where it prints a number.
    expect(body.targets.map((x) => [x.line, x.indicator, x.year, x.phrase, x.reading])).toEqual([
      [6, 'counties_gdp_over_100', 2026, '38', '数值不低于38个即为完成'],
      [6, 'counties_gdp_over_100', 2030, '50', '数值不低于50个即为完成'],
      [7, 'counties_gdp_over_200', 2026, '8', '数值不低于8个即为完成'],
      [8, 'gdp_growth', 2026, '5以上', '数值不低于5%即为完成'],
      [9, 'primary_va_growth', 2026, '达到上级要求', null],
    ]);
    expect(body.targets[3]!.departments).toEqual(['省发展改革委']);
    expect(body.problems).toHaveLength(1);
    expect(body.problems[0]!.line).toBe(9);
    expect(body.problems[0]!.text).toBe(EXCERPT.split('\n')[8]);
    expect(body.problems[0]!.reason).toContain('达到上级要求');
    expect(body.lines.map((l) => [l.line, l.targets.length, l.reasons.length])).toEqual([
      [6, 2, 0],
      [7, 1, 0],
      [8, 1, 0],
      [9, 1, 1],
    ]);
  });

  it('offers a phrase without a number to be judged by hand, and marks it manual when asked', async () => {
    type Body = {
      targets: {
        line: number;
        phrase: string;
        reading: string | null;
        offer?: string;
        judgement?: string;
      }[];
      problems: { line: number }[];
    };
    const first = (
      await post(province, '/api/plans/read-table', { scope: 'province', text: EXCERPT })
    ).json() as Body;
    // Line 9 (达到上级要求) is offered; readable phrases are not.
    expect(first.targets.filter((x) => x.offer === 'manual').map((x) => x.line)).toEqual([9]);
    const r = await post(province, '/api/plans/read-table', {
      scope: 'province',
      text: EXCERPT,
      manual: [8, 9],
    });
    expect(r.statusCode).toBe(200);
    const body = r.json() as Body;
    expect(body.problems).toEqual([]);
    // Only the unreadable phrase becomes manual: line 8's 5以上 reads by itself and stays computed.
    expect(
      body.targets
        .filter((x) => x.line >= 8)
        .map((x) => [x.line, x.phrase, x.judgement, x.reading]),
    ).toEqual([
      [8, '5以上', undefined, '数值不低于5%即为完成'],
      [9, '达到上级要求', 'manual', '由责任部门评定(人工评价)'],
    ]);
  });

  it('names a table without a header row, and refuses text that is empty or too long', async () => {
    const r = await post(province, '/api/plans/read-table', { scope: 'county', text: '没有表头' });
    expect(r.statusCode).toBe(200);
    const body = r.json() as { problems: { line: number; reason: string }[] };
    expect(body.problems).toEqual([expect.objectContaining({ line: 1 })]);
    expect(body.problems[0]!.reason).toContain('序号');
    for (const payload of [
      { scope: 'county', text: '' },
      { scope: 'county', text: 'x'.repeat(100_001) },
      { scope: 'city', text: 'x' },
      { scope: 'county', text: 'x', extra: 1 },
    ]) {
      const bad = await post(province, '/api/plans/read-table', payload);
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  const changed = (): Plan => ({
    ...hlj2026,
    targets: hlj2026.targets.map((x) =>
      x.table === 'county' && x.indicator === 'gdp_growth' ? { ...x, phrase: '6以上' } : x,
    ),
  });

  it('previews a changed county phrase: the target of both counties moves, 尚志市 from 完成 to 未完成', async () => {
    const r = await post(province, '/api/plans/hlj-2026/preview', changed());
    expect(r.statusCode).toBe(200);
    const p = r.json() as {
      replaces: boolean;
      period: string;
      dependsOnData: boolean;
      counts: { changed: number; statusChanged: number; added: number; removed: number };
      changes: unknown[];
      total: number;
      before: Record<string, number>;
      after: Record<string, number>;
    };
    expect(p.replaces).toBe(true);
    expect(p.period).toBe('2026-09');
    expect(p.dependsOnData).toBe(true);
    expect(p.counts).toMatchObject({ changed: 2, statusChanged: 1, added: 0, removed: 0 });
    expect(p.total).toBe(2);
    expect(p.changes).toEqual([
      {
        region: '230183',
        regionName: '尚志市',
        indicator: 'gdp_growth',
        name: '地区生产总值增速',
        scope: 'all',
        year: 2026,
        before: { phrase: '5以上', reading: '数值不低于5%即为完成', status: 'met' },
        after: { phrase: '6以上', reading: '数值不低于6%即为完成', status: 'not_met' },
      },
      {
        region: '230184',
        regionName: '五常市',
        indicator: 'gdp_growth',
        name: '地区生产总值增速',
        scope: 'all',
        year: 2026,
        before: { phrase: '5以上', reading: '数值不低于5%即为完成', status: 'met' },
        after: { phrase: '6以上', reading: '数值不低于6%即为完成', status: 'met' },
      },
    ]);
    // One met moved to not met; the totals otherwise the same.
    expect(p.after.met).toBe(p.before.met! - 1);
    expect(p.after.not_met).toBe(p.before.not_met! + 1);
    // Nothing was saved.
    const plan = (
      await app.inject({ url: '/api/plans/hlj-2026', headers: as(province) })
    ).json() as Plan;
    expect(
      plan.targets.find((x) => x.table === 'county' && x.indicator === 'gdp_growth')!.phrase,
    ).toBe('5以上');
  });

  it('previews a new plan over years without data as needing no confirmation', async () => {
    const r = await post(province, '/api/plans/hlj-2030/preview', {
      ...hlj2026,
      id: 'hlj-2030',
      period: { start: 2030, end: 2030 },
      targets: [],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      replaces: false,
      period: null,
      dependsOnData: false,
      total: 0,
    });
  });

  it('refuses a plan with an unreadable phrase, naming it, and saves and logs nothing', async () => {
    const bad = {
      ...hlj2026,
      targets: hlj2026.targets.map((x, i) => (i === 3 ? { ...x, phrase: '实现突破' } : x)),
    };
    for (const url of ['/api/plans/hlj-2026/preview']) {
      const r = await post(province, url, bad);
      expect(r.statusCode).toBe(400);
    }
    const r = await app.inject({
      method: 'PUT',
      url: '/api/plans/hlj-2026',
      headers: as(province),
      payload: bad,
    });
    expect(r.statusCode).toBe(400);
    const e = r.json() as {
      message: string;
      details: { problems: { path: string; value: string }[] };
    };
    expect(e.message).toContain('无法解读');
    expect(e.details.problems[0]).toMatchObject({ path: 'targets.3.phrase', value: '实现突破' });
    expect(await adminLog(store, { target: 'plan:hlj-2026' })).toEqual([]);
  });

  it('saves the changed plan and records who changed what in the admin log', async () => {
    const r = await app.inject({
      method: 'PUT',
      url: '/api/plans/hlj-2026',
      headers: as(province),
      payload: changed(),
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: 'hlj-2026', saved: true });
    const log = await adminLog(store, { target: 'plan:hlj-2026' });
    expect(log).toHaveLength(1);
    const entry = log[0]!;
    expect(entry).toMatchObject({
      actor: 'province',
      action: 'plan.save',
      target: 'plan:hlj-2026',
    });
    const old = entry.old as { phrases: string[]; targets: number; title: string };
    const now = entry.new as { phrases: string[]; targets: number };
    expect(old.title).toBe('黑龙江省深化县域经济发展突破年行动方案');
    expect(old.targets).toBe(31);
    expect(now.targets).toBe(31);
    expect(old.phrases).toContain('county:gdp_growth:all:2026=5以上');
    expect(now.phrases).toContain('county:gdp_growth:all:2026=6以上');
    expect(now.phrases).not.toContain('county:gdp_growth:all:2026=5以上');
    // The same plan again writes nothing and logs nothing.
    const again = await app.inject({
      method: 'PUT',
      url: '/api/plans/hlj-2026',
      headers: as(province),
      payload: changed(),
    });
    expect(again.json()).toMatchObject({ saved: false });
    expect(await adminLog(store, { target: 'plan:hlj-2026' })).toHaveLength(1);
    // Edited, it is the province's own now: the list no longer calls it the shipped plan (and
    // saving the shipped plans again at db init leaves the edit).
    const list = (await app.inject({ url: '/api/plans', headers: as(province) })).json() as {
      id: string;
      builtin: boolean;
    }[];
    expect(list.find((p) => p.id === 'hlj-2026')?.builtin).toBe(false);
  });

  it('lets no one but the province read tables, preview or save', async () => {
    for (const user of ['finance', 'harbin', 'shangzhi', 'observer']) {
      const s = await login(app, user);
      const read = await post(s, '/api/plans/read-table', { scope: 'province', text: EXCERPT });
      const preview = await post(s, '/api/plans/hlj-2026/preview', changed());
      const put = await app.inject({
        method: 'PUT',
        url: '/api/plans/hlj-2026',
        headers: as(s),
        payload: changed(),
      });
      expect([read.statusCode, preview.statusCode, put.statusCode]).toEqual([403, 403, 403]);
    }
  });

  it('shows every reader a category rule in words', async () => {
    const s = await login(app, 'observer');
    const plan = (await app.inject({ url: '/api/plans/hlj-2026', headers: as(s) })).json() as {
      categories: { code: string; reading: string }[];
    };
    expect(plan.categories.map((c) => [c.code, c.reading])).toEqual([
      ['industrial', '2025年工业增加值 > 10亿元'],
      ['agricultural', '2025年粮食产量 ≥ 20亿斤'],
      ['tourism', '(有历史文化资源富集区 或 有4A级景区)'],
      ['ecological', '属国家级重点生态功能区'],
    ]);
  });
});
