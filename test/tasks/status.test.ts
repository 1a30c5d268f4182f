// Deadlines and status of tasks, for an explicit today: months are due at their end, 全年工作 at
// the end of the plan's last year, recurring tasks by occurrence (each date worked out by hand).
import { describe, expect, it } from 'vitest';
import { occurrenceDates, taskState, type Deadline } from '../../src/core/tasks/status.js';

const april: Deadline = { printed: '2011年4月', kind: 'date', date: '2011-04' };
const twice: Deadline = { printed: '每年2次', kind: 'recurring', perYear: 2 };
const feb: Deadline = { printed: '每年2月', kind: 'recurring', perYear: 1, month: 2 };
const allYear: Deadline = { printed: '全年工作', kind: 'continuous' };
const state = (
  deadline: Deadline | undefined,
  today: string,
  reports: { date: string; done: boolean }[] = [],
) => taskState({ deadline, planEnd: 2013, reports, today });

describe('task status', () => {
  it('dates a month deadline at the month’s end, overdue from the next day', () => {
    expect(state(april, '2011-04-30')).toMatchObject({
      status: 'not_started',
      dueDate: '2011-04-30',
      deadlineLabel: '2011年4月底前',
    });
    expect(state(april, '2011-05-01')).toMatchObject({
      status: 'overdue',
      statusLabel: '逾期',
      daysLate: 1,
    });
    expect(state(april, '2011-06-15', [{ date: '2011-04-10', done: false }])).toMatchObject({
      status: 'overdue',
      daysLate: 46,
    });
    expect(state(april, '2011-06-15', [{ date: '2011-05-10', done: true }])).toMatchObject({
      status: 'done',
      statusLabel: '已完成',
    });
    expect(state(april, '2011-04-15', [{ date: '2011-04-10', done: false }]).status).toBe(
      'in_progress',
    );
  });

  it('ignores reports dated after today', () => {
    expect(state(april, '2011-04-15', [{ date: '2011-04-20', done: true }]).status).toBe(
      'not_started',
    );
  });

  it('puts the occurrences of 每年n次 at the end of months ceil(12k/n), or of the month printed', () => {
    expect(occurrenceDates(twice, 2012)).toEqual(['2012-06-30', '2012-12-31']);
    expect(occurrenceDates({ ...twice, perYear: 4 }, 2011)).toEqual([
      '2011-03-31',
      '2011-06-30',
      '2011-09-30',
      '2011-12-31',
    ]);
    expect(occurrenceDates({ ...twice, perYear: 5 }, 2011)).toEqual([
      '2011-03-31',
      '2011-05-31',
      '2011-08-31',
      '2011-10-31',
      '2011-12-31',
    ]);
    expect(occurrenceDates(feb, 2012)).toEqual(['2012-02-29']);
  });

  it('counts this year’s done occurrences against those due by today', () => {
    const one = [{ date: '2011-05-01', done: true }];
    expect(state(twice, '2011-07-01', one)).toMatchObject({
      status: 'in_progress',
      occurrences: { due: 1, done: 1, perYear: 2 },
      deadlineLabel: '每年2次(已完成1次,应完成1次)',
      dueDate: '2011-12-31',
    });
    expect(state(twice, '2011-07-01')).toMatchObject({
      status: 'overdue',
      dueDate: '2011-06-30',
      daysLate: 1,
      deadlineLabel: '每年2次(已完成0次,应完成1次)',
    });
    const both = [...one, { date: '2011-11-01', done: true }];
    expect(state(twice, '2011-11-02', both).status).toBe('done');
    // Last year's occurrences do not count for this year.
    expect(state(twice, '2012-07-01', both)).toMatchObject({
      status: 'overdue',
      occurrences: { due: 1, done: 0, perYear: 2 },
    });
    expect(state(feb, '2012-02-29')).toMatchObject({
      status: 'not_started',
      deadlineLabel: '每年2月底前(已完成0次,应完成0次)',
    });
    expect(state(feb, '2012-03-01').status).toBe('overdue');
  });

  it('dates 全年工作 at the end of the plan’s last year, and a task without deadline never late', () => {
    expect(state(allYear, '2013-12-31')).toMatchObject({
      status: 'not_started',
      dueDate: '2013-12-31',
      deadlineLabel: '全年工作',
    });
    expect(state(allYear, '2014-01-01').status).toBe('overdue');
    expect(state(undefined, '2030-01-01')).toMatchObject({
      status: 'not_started',
      dueDate: null,
      deadlineLabel: '未定期限',
    });
  });

  it('refuses a today that is not a date', () => {
    expect(() => state(april, '2011-13-01')).toThrow(/今天/);
  });
  it('judges a recurring task of an ended plan on the plan’s last year, not on today’s', () => {
    // planEnd 2013: in 2026 the 每年2次 owed are 2013's two (due 2013-06-30 and 2013-12-31).
    const bothDone = [
      { date: '2013-05-20', done: true },
      { date: '2013-11-20', done: true },
    ];
    expect(state(twice, '2026-09-30', bothDone)).toMatchObject({
      status: 'done',
      occurrences: { due: 2, done: 2, perYear: 2, year: 2013 },
      deadlineLabel: '每年2次(2013年已完成2次,应完成2次)',
    });
    // One of 2013's two held: the second, due 2013-12-31, is 4,656 days late on 2026-09-30.
    expect(state(twice, '2026-09-30', bothDone.slice(0, 1))).toMatchObject({
      status: 'overdue',
      dueDate: '2013-12-31',
      daysLate: 4656,
    });
  });
});
