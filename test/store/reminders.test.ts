// Reminders (催报) in the store, on SQLite and PostgreSQL: recorded with sender, time, plan,
// period, due date and missing count; listed newest first per region, paged, with counts;
// automatic ones made once per key however often and by however many writers; marked read only
// for the county's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import {
  addReminders,
  listReminders,
  markRemindersRead,
  type NewReminder,
} from '../../src/store/reminders.js';
import { DIALECTS, testDb, type TestDb } from './dialects.js';

const SHANGZHI = '230183';
const WUCHANG = '230184';

const base: NewReminder = {
  plan: 'hlj-2026',
  period: '2026-09',
  region: SHANGZHI,
  due: '2026-10-10',
  missing: 3,
  note: '请尽快报送',
  sentBy: 'harbin',
  sentAt: '2026-10-12T01:00:00.000Z',
};

describe.each(DIALECTS)('reminders on %s', (dialect) => {
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

  it('records manual reminders with who, when, plan, period, due date, missing count and note', async () => {
    expect(
      await addReminders(store, [
        base,
        { ...base, region: WUCHANG, missing: 1, note: null, sentAt: '2026-10-12T02:00:00.000Z' },
        { ...base, period: '2026-08', due: '2026-09-10', sentAt: '2026-09-11T00:00:00.000Z' },
      ]),
    ).toBe(3);
    const page = await listReminders(store, { regions: [SHANGZHI], limit: 10 });
    expect(page.total).toBe(2);
    expect(page.unread).toBe(2);
    expect(page.items.map((r) => [r.period, r.sentBy, r.sentAt, r.due, r.missing, r.note])).toEqual(
      [
        ['2026-09', 'harbin', '2026-10-12T01:00:00.000Z', '2026-10-10', 3, '请尽快报送'],
        ['2026-08', 'harbin', '2026-09-11T00:00:00.000Z', '2026-09-10', 3, '请尽快报送'],
      ],
    );
    expect(page.items.every((r) => !r.auto && r.readAt === null && typeof r.id === 'number')).toBe(
      true,
    );
  });

  it('filters by plan and period, pages newest first, and answers nothing for no regions', async () => {
    const all = await listReminders(store, { limit: 10 });
    expect(all.total).toBe(3);
    expect(all.items.map((r) => r.region)).toEqual([WUCHANG, SHANGZHI, SHANGZHI]);
    const second = await listReminders(store, { limit: 1, offset: 1 });
    expect(second.items.map((r) => r.sentAt)).toEqual(['2026-10-12T01:00:00.000Z']);
    expect(second.total).toBe(3);
    const sept = await listReminders(store, { plan: 'hlj-2026', period: '2026-09', limit: 10 });
    expect(sept.total).toBe(2);
    expect(await listReminders(store, { regions: [], limit: 10 })).toEqual({
      total: 0,
      unread: 0,
      items: [],
    });
  });

  it('makes an automatic reminder once per key, whoever writes it how often', async () => {
    const auto = (region: string): NewReminder => ({
      ...base,
      period: '2026-10',
      due: '2026-11-10',
      region,
      note: null,
      sentBy: 'system',
      sentAt: '2026-11-11T00:00:00.000Z',
      autoKey: `hlj-2026|2026-10|${region}`,
    });
    // Two writers at once, then one again: two reminders in all.
    const [a, b] = await Promise.all([
      addReminders(store, [auto(SHANGZHI), auto(WUCHANG)]),
      addReminders(store, [auto(WUCHANG), auto(SHANGZHI)]),
    ]);
    expect(a + b).toBe(2);
    expect(await addReminders(store, [auto(SHANGZHI)])).toBe(0);
    const oct = await listReminders(store, { period: '2026-10', limit: 10 });
    expect(oct.total).toBe(2);
    expect(oct.items.every((r) => r.auto && r.sentBy === 'system')).toBe(true);
  });

  it("marks read only the county's own unread reminders", async () => {
    const before = await listReminders(store, { regions: [WUCHANG], limit: 10 });
    expect(before.unread).toBe(2);
    const one = before.items[0]!.id;
    // An id of another county's reminder is not marked by this county.
    expect(
      await markRemindersRead(store, {
        region: SHANGZHI,
        by: 'shangzhi',
        at: '2026-11-12T00:00:00.000Z',
        ids: [one],
      }),
    ).toBe(0);
    expect(
      await markRemindersRead(store, {
        region: SHANGZHI,
        by: 'shangzhi',
        at: '2026-11-12T00:00:00.000Z',
      }),
    ).toBe(3);
    const mine = await listReminders(store, { regions: [SHANGZHI], limit: 10 });
    expect(mine.unread).toBe(0);
    expect(mine.items.every((r) => r.readBy === 'shangzhi')).toBe(true);
    expect((await listReminders(store, { regions: [WUCHANG], limit: 10 })).unread).toBe(2);
    expect(
      (await listReminders(store, { regions: [WUCHANG], unread: true, limit: 10 })).total,
    ).toBe(2);
    // Marking again changes nothing.
    expect(
      await markRemindersRead(store, { region: SHANGZHI, by: 'shangzhi', at: 'x', ids: [] }),
    ).toBe(0);
  });
});
