// Task reports and leading industries in the store, on SQLite and PostgreSQL: a report keeps who
// made it and when; a county's list is replaced whole in one transaction, with the old and new
// list in the admin log, and an unchanged list writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadingIndustry } from '../../src/core/industries/types.js';
import { adminLog } from '../../src/store/admin-log.js';
import type { Store } from '../../src/store/db.js';
import { leadingIndustries, replaceLeadingIndustries } from '../../src/store/industries.js';
import { addTaskReport, taskReports } from '../../src/store/tasks.js';
import { DIALECTS, testDb, type TestDb } from './dialects.js';

const SHANGZHI = '230183';
const WUCHANG = '230184';

const food: LeadingIndustry = {
  county: SHANGZHI,
  position: 1,
  industry: '绿色食品产业',
  policy: '一业一策:做强鲜食玉米',
  enterprises: ['尚志某食品公司'],
  figures: [{ year: 2025, output: '35.20', growth: '8.5' }],
};
const wood: LeadingIndustry = {
  ...food,
  position: 2,
  industry: '林产品加工业',
  policy: null,
  enterprises: [],
  figures: [],
};

describe.each(DIALECTS)('task reports and leading industries on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
  });
  afterAll(async () => {
    await store.close();
    await t.drop();
  });

  it('keeps each task report with its author and time, listed by task and date', async () => {
    const base = {
      plan: 'hlj-2011',
      department: '省发展和改革委员会',
      evidence: null,
      percent: null,
    };
    await addTaskReport(
      store,
      { ...base, task: 3, date: '2011-05-20', text: '已完成方案', percent: 100, done: true },
      { actor: 'fgw', at: '2011-05-20T08:00:00.000Z' },
    );
    await addTaskReport(
      store,
      {
        ...base,
        task: 3,
        date: '2011-04-10',
        text: '起草中',
        percent: 40,
        evidence: '黑发改〔2011〕12号',
        done: false,
      },
      { actor: 'fgw', at: '2011-04-10T08:00:00.000Z' },
    );
    await addTaskReport(
      store,
      { ...base, task: 5, date: '2011-03-01', text: '启动', done: false },
      { actor: 'admin', at: '2011-03-01T08:00:00.000Z', synthetic: true },
    );
    const three = await taskReports(store, { plan: 'hlj-2011', task: 3 });
    expect(three.map((r) => [r.date, r.percent, r.done, r.actor, r.evidence])).toEqual([
      ['2011-04-10', 40, false, 'fgw', '黑发改〔2011〕12号'],
      ['2011-05-20', 100, true, 'fgw', null],
    ]);
    const all = await taskReports(store, { plan: 'hlj-2011' });
    expect(all.map((r) => [r.task, r.synthetic])).toEqual([
      [3, false],
      [3, false],
      [5, true],
    ]);
    expect(await taskReports(store, { plan: 'hlj-2026' })).toEqual([]);
  });

  it('replaces a county list whole, logging old and new, and leaves an unchanged list alone', async () => {
    const by = { actor: 'shangzhi', at: '2026-03-01T00:00:00.000Z' };
    expect(await replaceLeadingIndustries(store, new Map([[SHANGZHI, [food, wood]]]), by)).toEqual([
      SHANGZHI,
    ]);
    expect(await replaceLeadingIndustries(store, new Map([[SHANGZHI, [food, wood]]]), by)).toEqual(
      [],
    );
    const one = [
      { ...food, figures: [...food.figures, { year: 2026, output: '38.0', growth: null }] },
    ];
    const later = { actor: 'admin', at: '2026-04-01T00:00:00.000Z', synthetic: true };
    expect(
      await replaceLeadingIndustries(
        store,
        new Map([
          [SHANGZHI, one],
          [WUCHANG, [{ ...food, county: WUCHANG }]],
        ]),
        later,
      ),
    ).toEqual([SHANGZHI, WUCHANG]);
    const rows = await leadingIndustries(store, [SHANGZHI]);
    expect(rows.map((r) => [r.position, r.industry, r.updatedBy, r.synthetic])).toEqual([
      [1, '绿色食品产业', 'admin', true],
    ]);
    expect(rows[0]!.figures).toEqual([
      { year: 2025, output: '35.20', growth: '8.5' },
      { year: 2026, output: '38.0', growth: null },
    ]);
    expect(rows[0]!.enterprises).toEqual(['尚志某食品公司']);
    const log = await adminLog(store, { target: `region:${SHANGZHI}` });
    expect(log.map((e) => [e.actor, e.action])).toEqual([
      ['admin', 'industries.replace'],
      ['shangzhi', 'industries.replace'],
    ]);
    expect((log[0]!.old as { industry: string }[]).map((x) => x.industry)).toEqual([
      '绿色食品产业',
      '林产品加工业',
    ]);
    expect(log[1]!.old).toBeNull();
    expect((await leadingIndustries(store)).map((r) => r.county)).toEqual([SHANGZHI, WUCHANG]);
  });
});
