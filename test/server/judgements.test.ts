import { describe, expect, it } from 'vitest';
import { MANUAL_PLAN } from '../manual-plan.js';
import { as, login, useDemoApp } from './setup.js';

// POST /api/judgements: the responsible department records a manual target's status (人工评定).
describe('recording a judgement through the API', () => {
  const ctx = useDemoApp();
  const body = {
    plan: 'manual-test',
    indicator: 'general_budget_revenue',
    region: '230183',
    period: '2026',
    status: 'met',
    note: '税源培育目标全部完成',
    evidence: 'https://example.gov.cn/doc/8',
  };
  const post = async (who: string, payload: object) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/judgements',
      headers: as(await login(ctx.app, who)),
      payload,
    });

  it('the plan with manual targets is accepted and read without parsing', async () => {
    const r = await ctx.app.inject({
      method: 'PUT',
      url: '/api/plans/manual-test',
      headers: as(await login(ctx.app, 'province')),
      payload: MANUAL_PLAN,
    });
    expect(r.statusCode, r.body).toBe(200);
    const readings = (r.json() as { targets: { reading: string }[] }).targets.map((t) => t.reading);
    expect(readings).toEqual(Array(3).fill('由责任部门评定(人工评价)'));
  });

  it('the responsible department records it; a revision keeps the first in the history', async () => {
    const first = await post('finance', body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'met', statusLabel: '完成', revision: 1 });
    const second = await post('finance', {
      ...body,
      status: 'not_met',
      note: '复核发现口径不符',
      evidence: undefined,
      expectedRevision: 1,
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ statusLabel: '未完成', revision: 2, evidence: null });

    const h = await ctx.app.inject({
      method: 'GET',
      url: '/api/review/history?region=230183&indicator=general_budget_revenue.judgement&period=2026',
      headers: as(await login(ctx.app, 'province')),
    });
    expect(h.statusCode, h.body).toBe(200);
    const history = h.json() as {
      indicatorName: string;
      revisions: {
        actorName: string;
        oldValue: number | null;
        newValue: number;
        reason: string;
        evidence: string | null;
      }[];
    };
    expect(history.indicatorName).toBe('一般公共预算收入(人工评定)');
    // 完成 = 2, 未完成 = 0: the second revision's old value is the first's.
    expect(
      history.revisions.map((v) => [v.actorName, v.oldValue, v.newValue, v.reason, v.evidence]),
    ).toEqual([
      ['省财政厅', null, 2, '税源培育目标全部完成', 'https://example.gov.cn/doc/8'],
      ['省财政厅', 2, 0, '复核发现口径不符', null],
    ]);
  });

  it('the evaluation shows the recorded status with its note', async () => {
    const r = await ctx.app.inject({
      method: 'GET',
      url: '/api/evaluation?plan=manual-test&period=2026&region=230183',
      headers: as(await login(ctx.app, 'province')),
    });
    expect(r.statusCode, r.body).toBe(200);
    const ev = r.json() as {
      results: { target: number; status: string; judgement?: { note: string; by: string } }[];
      targets: { indicator: string; reading: string }[];
    };
    const of = (code: string) => ev.results.find((x) => ev.targets[x.target]!.indicator === code)!;
    expect(of('general_budget_revenue').status).toBe('not_met');
    expect(of('general_budget_revenue').judgement).toMatchObject({
      note: '复核发现口径不符',
      by: 'finance',
    });
    expect(of('new_projects_over_10m').status).toBe('no_data');
  });

  it('a department outside the target’s departments is refused 403, and nothing is written', async () => {
    const r = await post('finance', { ...body, indicator: 'new_projects_over_10m' });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'SCOPE_DENIED' });
    expect((r.json() as { message: string }).message).toContain('省发展改革委');
  });

  it('a county user is refused 403', async () => {
    const r = await post('shangzhi', body);
    expect(r.statusCode).toBe(403);
  });

  it('a missing or blank note is 400 naming note', async () => {
    for (const note of [undefined, '   ']) {
      const r = await post('finance', { ...body, region: '230184', note });
      expect(r.statusCode, r.body).toBe(400);
      const e = r.json() as { message: string; details: { field: string } };
      expect(e.details.field).toBe('note');
      expect(e.message).toMatch(/^评定须填写说明 note/);
    }
    const h = await ctx.app.inject({
      method: 'GET',
      url: '/api/review/history?region=230184&indicator=general_budget_revenue.judgement&period=2026',
      headers: as(await login(ctx.app, 'province')),
    });
    expect(h.statusCode).toBe(404); // nothing saved
  });

  it('an unknown status or field is refused by the schema', async () => {
    expect((await post('finance', { ...body, status: 'done' })).statusCode).toBe(400);
    expect((await post('finance', { ...body, extra: 1 })).statusCode).toBe(400);
  });

  it('without the CSRF token the request is refused', async () => {
    const s = await login(ctx.app, 'finance');
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/judgements',
      headers: { cookie: s.cookie },
      payload: body,
    });
    expect(r.statusCode).toBe(403);
  });
});
