import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/db.js';
import type { TestDb } from '../store/dialects.js';
import { as, demoDb, login, type Session } from './setup.js';

const SHANGZHI = '230183';
const EVALUATION = '/api/evaluation?plan=hlj-2026&period=2026-09&limit=1';

interface Evaluation {
  categories: Record<string, string[]>;
  categoryReasons: Record<string, { category: string; reason: string }[]>;
}
interface Entry {
  at: string;
  actor: string;
  action: string;
  target: string;
  old: unknown;
  new: unknown;
  reason: string | null;
}

/**
 * PUT /api/regions/:code/attributes: the province sets the attributes category rules read; the
 * evaluation judges with them at once, on this instance and on another one on the same database.
 */
describe('admin: region attributes', () => {
  let t: TestDb;
  let store: Store;
  let other: Store;
  let app: FastifyInstance;
  /** A second instance on the same database file that keeps reference data for an hour. */
  let second: FastifyInstance;
  let province: Session;
  let provinceThere: Session;

  beforeAll(async () => {
    t = demoDb();
    store = await t.open();
    app = await buildApp({ store });
    other = await t.open();
    second = await buildApp({ store: other, referenceTtlMs: 3_600_000, versionMs: 0 });
    province = await login(app, 'province');
    provinceThere = await login(second, 'province');
  });
  afterAll(async () => {
    await second.close();
    await app.close();
    await other.close();
    await store.close();
    await t.drop();
  });

  const put = (body: unknown, code = SHANGZHI, s = province) =>
    app.inject({
      method: 'PUT',
      url: `/api/regions/${code}/attributes`,
      headers: as(s),
      payload: body as object,
    });
  const evaluation = async (on: FastifyInstance, s: Session) => {
    const r = await on.inject({ method: 'GET', url: EVALUATION, headers: as(s) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Evaluation;
  };
  const history = async () => {
    const r = await app.inject({
      method: 'GET',
      url: `/api/regions/${SHANGZHI}/history`,
      headers: as(province),
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Entry[];
  };
  const attributesOf = async (code = SHANGZHI) => {
    const r = await app.inject({
      method: 'GET',
      url: '/api/regions?parent=230100',
      headers: as(province),
    });
    const found = (r.json() as { code: string; attributes: Record<string, unknown> }[]).find(
      (x) => x.code === code,
    );
    return found!.attributes;
  };

  it('4A景区 on 尚志市 makes it a 旅游县 in the next evaluation, here and on a second instance', async () => {
    // The demo draws 尚志市 without a 4A scenic area or a heritage area: not a tourism county.
    expect((await evaluation(app, province)).categories[SHANGZHI]).not.toContain('tourism');
    expect((await evaluation(second, provinceThere)).categories[SHANGZHI]).not.toContain('tourism');
    const r = await put({ attributes: { scenic_4a: true }, reason: '亚布力滑雪旅游度假区' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      code: SHANGZHI,
      name: '尚志市',
      attributes: { border: false, eco_zone: false, scenic_4a: true, heritage_area: false },
      changed: ['scenic_4a'],
    });
    for (const [on, s] of [
      [app, province],
      [second, provinceThere],
    ] as const) {
      const ev = await evaluation(on, s);
      expect(ev.categories[SHANGZHI]).toContain('tourism');
      expect(ev.categoryReasons[SHANGZHI]).toContainEqual(
        expect.objectContaining({ category: 'tourism', reason: '有4A级景区' }),
      );
    }
  });

  it('records the change in the admin log with who, old, new and why', async () => {
    const log = await history();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actor: 'province',
      action: 'region.attributes',
      target: 'region:230183',
      old: { scenic_4a: false },
      new: { scenic_4a: true },
      reason: '亚布力滑雪旅游度假区',
    });
  });

  it('null makes an attribute unknown again: membership cannot be judged', async () => {
    const r = await put({ attributes: { scenic_4a: null } });
    expect(r.statusCode, r.body).toBe(200);
    expect((await evaluation(app, province)).categories[SHANGZHI]).not.toContain('tourism');
    expect((await evaluation(second, provinceThere)).categories[SHANGZHI]).not.toContain('tourism');
    expect(await attributesOf()).toMatchObject({ scenic_4a: null });
    const log = await history();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      old: { scenic_4a: true },
      new: { scenic_4a: null },
      reason: null,
    });
  });

  it('setting what is already so changes nothing and logs nothing', async () => {
    const r = await put({ attributes: { scenic_4a: null, border: false } });
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as { changed: string[] }).changed).toEqual([]);
    expect(await history()).toHaveLength(2);
  });

  it.each([
    ['an unknown attribute', { attributes: { capital: true } }],
    ['a known and an unknown one', { attributes: { scenic_4a: true, capital: true } }],
    ['a value that is not true, false or null', { attributes: { scenic_4a: 'yes' } }],
    ['no attribute at all', { attributes: {} }],
    ['a field besides attributes and reason', { attributes: { scenic_4a: true }, by: 'x' }],
  ])('refuses %s (400) and changes nothing', async (_, body) => {
    const before = await attributesOf();
    const r = await put(body);
    expect(r.statusCode, r.body).toBe(400);
    expect((r.json() as { code: string; message: string }).message).toMatch(/请求无效/);
    expect(await attributesOf()).toEqual(before);
    expect(await history()).toHaveLength(2);
  });

  it('refuses a prefecture (attributes are for counties) and an unknown code', async () => {
    const pref = await put({ attributes: { border: true } }, '230100');
    expect(pref.statusCode).toBe(400);
    expect((pref.json() as { message: string }).message).toContain('哈尔滨市');
    expect((pref.json() as { message: string }).message).toContain('不是县级区划');
    const unknown = await put({ attributes: { border: true } }, '239999');
    expect(unknown.statusCode).toBe(404);
    expect((unknown.json() as { message: string }).message).toContain('239999');
  });

  it('refuses everyone but the province (403), changing nothing', async () => {
    for (const who of ['finance', 'harbin', 'shangzhi', 'observer']) {
      const s = await login(app, who);
      expect((await put({ attributes: { scenic_4a: true } }, SHANGZHI, s)).statusCode).toBe(403);
      const h = await app.inject({
        method: 'GET',
        url: `/api/regions/${SHANGZHI}/history`,
        headers: as(s),
      });
      expect(h.statusCode).toBe(403);
    }
    expect(await attributesOf()).toMatchObject({ scenic_4a: null });
  });
});
