import { describe, expect, it } from 'vitest';
import { LeitaiError } from '../errors/index.js';
import {
  PERIOD_MAX_YEAR,
  PERIOD_PATTERN,
  PERIOD_MIN_YEAR,
  periodLabelEn,
  comparisonPeriod,
  compareDates,
  dateOf,
  dueDate,
  earlierInYear,
  findPeriod,
  formatPeriod,
  isDate,
  isOverdue,
  isPeriod,
  parseDate,
  parsePeriod,
  periodOrder,
  periodText,
  todayIn,
  utcDate,
} from './index.js';

const refusal = (f: () => unknown): LeitaiError => {
  try {
    f();
  } catch (e) {
    if (e instanceof LeitaiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('periods are real periods within 1949–2100', () => {
  it('reads years, quarters and months in range', () => {
    expect(parsePeriod('1949')).toEqual({ kind: 'year', year: 1949 });
    expect(parsePeriod('2100-12')).toEqual({ kind: 'month', year: 2100, month: 12 });
    expect(periodText(' 2026Q3 ')).toBe('2026Q3');
    expect([PERIOD_MIN_YEAR, PERIOD_MAX_YEAR]).toEqual([1949, 2100]);
  });

  it.each(['9999-12', '0000', '1800', '1948', '2101Q1'])(
    'refuses %s, naming it and the range',
    (t) => {
      const e = refusal(() => parsePeriod(t));
      expect(e.code).toBe('PERIOD_INVALID');
      expect(e.message).toContain(`「${t}」`);
      expect(e.message).toContain('1949–2100');
      expect(isPeriod(t)).toBe(false);
    },
  );

  it.each(['2026-13', '2026Q5', '2026-00', '26-09', '2026-9'])('refuses the malformed %s', (t) => {
    const e = refusal(() => parsePeriod(t));
    expect(e.code).toBe('PERIOD_INVALID');
    expect(e.message).toContain(`「${t}」`);
    expect(isPeriod(t)).toBe(false);
  });

  it('PERIOD_PATTERN (for API schemas) accepts exactly what isPeriod does', () => {
    const pattern = new RegExp(PERIOD_PATTERN);
    for (let y = 1900; y <= 2200; y++)
      for (const suffix of ['', 'Q1', 'Q4', 'Q5', '-01', '-12', '-13'])
        expect(pattern.test(`${y}${suffix}`), `${y}${suffix}`).toBe(isPeriod(`${y}${suffix}`));
  });

  it('gives the last period in range a real due date', () => {
    expect(dueDate(parsePeriod('2100-12'))).toBe('2101-01-10');
    expect(dueDate(parsePeriod('2100'), 15)).toBe('2101-02-15');
  });
});

describe('dates', () => {
  it('today in Asia/Shanghai is already the next day at 16:30 UTC', () => {
    expect(todayIn(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(todayIn(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(todayIn(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('refuses dates that are not on the calendar, naming the field', () => {
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2100-02-29')).toBe(false);
    const e = refusal(() => parseDate('2026-02-30', '--now'));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toContain('--now「2026-02-30」');
  });

  it('reads a timestamp as its date in the province', () => {
    expect(dateOf('2026-10-10')).toBe('2026-10-10');
    expect(dateOf('2026-10-10T20:00:00Z')).toBe('2026-10-11');
    expect(dateOf('2026-10-10T20:00:00+08:00')).toBe('2026-10-10');
    expect(dateOf('2026-10-10T23:30')).toBe('2026-10-10');
    expect(refusal(() => dateOf('15/10/2026', 'now')).message).toContain('now「15/10/2026」');
  });

  it('compares dates as dates, the due day itself still in time', () => {
    expect(compareDates('2026-10-09', '2026-10-10')).toBeLessThan(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
    expect(compareDates('2026-10-10', '2026-10-10')).toBe(0);
    expect(isOverdue('2026-10-10', '2026-10-10')).toBe(false);
    expect(isOverdue('2026-10-10', '2026-10-11')).toBe(true);
    expect(isOverdue('2101-01-10', '2026-10-11')).toBe(false);
  });
});

describe('periods in order and in labels', () => {
  it('orders periods by their last month, a quarter with its last month', () => {
    expect(periodOrder('2026Q3')).toBe(periodOrder('2026-09'));
    expect(periodOrder('2025')).toBeLessThan(periodOrder('2026-01'));
    expect(periodOrder('9999-12')).toBe(0);
  });

  it('lists the earlier months of the year, nearest first', () => {
    expect(earlierInYear(parsePeriod('2026-03')).map((p) => p)).toEqual([
      { kind: 'month', year: 2026, month: 2 },
      { kind: 'month', year: 2026, month: 1 },
    ]);
  });

  it('finds a period in a Chinese title, but not one outside 1949–2100', () => {
    expect(findPeriod('2026年1-9月 县域主要指标')).toBe('2026-09');
    expect(findPeriod('2026年前三季度')).toBe('2026Q3');
    expect(findPeriod('9999年1-12月')).toBeNull();
    expect(findPeriod('180001')).toBeNull();
  });

  it('reads a spreadsheet date cell as its UTC calendar date', () => {
    expect(utcDate(new Date(Date.UTC(2026, 9, 15)))).toBe('2026-10-15');
  });

  it('labels periods in English as well as Chinese', () => {
    expect(periodLabelEn(parsePeriod('2026-09'))).toBe('Jan–Sep 2026');
    expect(periodLabelEn(parsePeriod('2026-01'))).toBe('Jan 2026');
    expect(periodLabelEn(parsePeriod('2026Q3'))).toBe('Q3 2026');
    expect(periodLabelEn(parsePeriod('2025'))).toBe('2025');
  });
});

describe('the period a bulletin compares with', () => {
  const cmp = (t: string) => {
    const p = comparisonPeriod(parsePeriod(t));
    return p ? formatPeriod(p) : null;
  };
  it('is the previous quarter end for a month after March, the month before within Q1', () => {
    expect(['2026-09', '2026-07', '2026-06', '2026-04', '2026-12'].map(cmp)).toEqual([
      '2026-06',
      '2026-06',
      '2026-03',
      '2026-03',
      '2026-09',
    ]);
    expect(['2026-03', '2026-02', '2026-01'].map(cmp)).toEqual(['2026-02', '2026-01', null]);
  });
  it('is the quarter before for a quarter; nothing for Q1 and a year', () => {
    expect(['2026Q3', '2026Q1', '2026'].map(cmp)).toEqual(['2026Q2', null, null]);
  });
});
