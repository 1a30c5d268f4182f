import { describe, expect, it } from 'vitest';
import { checkAgainstPrevious, checkReport } from './checks.js';
import type { ProjectReport } from './types.js';

const base: ProjectReport = {
  name: '年产5万吨石墨负极材料项目',
  company: '某新材料公司',
  county: '230183',
  industry: '新材料产业',
  type: 'new',
  flags: [],
  totalInvestment: '50000',
  plannedThisYear: '20000',
  completedYtd: '12000.5',
  planned: { sign: '2026-03', start: '2026-03-20', operate: '2027-06' },
  actual: { sign: '2026-03-10', start: null },
  progress: null,
  problems: null,
  leader: null,
};
const ctx = { period: '2026-09', today: '2026-10-15' };
const fields = (r: ProjectReport, c = ctx) => checkReport(r, c).map((p) => p.field);

describe('checkReport', () => {
  it('accepts a clean row, a skipped 谋划 and dates compared at the coarser precision', () => {
    // 签约 2026-03 and 开工 2026-03-20 are the same month: in order.
    expect(checkReport(base, ctx)).toEqual([]);
  });

  it('names the later milestone when planned dates are out of order', () => {
    const r = { ...base, planned: { sign: '2026-05', start: '2026-04', full: '2026-01' } };
    const problems = checkReport(r, ctx);
    expect(problems.map((p) => p.field)).toEqual(['planned.start', 'planned.full']);
    expect(problems[0]!.reason).toContain('开工计划时间「2026-04」早于签约计划时间「2026-05」');
  });

  it('refuses an actual date earlier than an earlier actual, in the future, or after the month', () => {
    expect(fields({ ...base, actual: { sign: '2026-04', start: '2026-03' } })).toEqual([
      'actual.start',
    ]);
    expect(fields({ ...base, actual: { sign: '2026-10-20' } })).toEqual(['actual.sign']);
    // Not after today (2026-10-15) but after the report's month 2026-09.
    expect(fields({ ...base, actual: { sign: '2026-10-01' } })).toEqual(['actual.sign']);
  });

  it('refuses negative money and completed or planned above the total, exactly', () => {
    expect(fields({ ...base, completedYtd: '50000.01' })).toEqual(['completedYtd']);
    expect(fields({ ...base, completedYtd: '50000' })).toEqual([]);
    expect(fields({ ...base, plannedThisYear: '60000' })).toEqual(['plannedThisYear']);
    expect(fields({ ...base, completedYtd: '-1' })).toEqual(['completedYtd']);
  });
});

describe('checkAgainstPrevious', () => {
  const prev = { ...base, completedYtd: '12000.6' };
  it('refuses a year-to-date figure that falls within the year', () => {
    const p = checkAgainstPrevious(base, prev, { period: '2026-09', previousPeriod: '2026-08' });
    expect(p.map((x) => x.field)).toEqual(['completedYtd']);
  });
  it('lets January start over and accepts an equal or larger figure', () => {
    expect(
      checkAgainstPrevious(base, prev, { period: '2027-01', previousPeriod: '2026-12' }),
    ).toEqual([]);
    expect(
      checkAgainstPrevious(prev, base, { period: '2026-09', previousPeriod: '2026-08' }),
    ).toEqual([]);
    expect(
      checkAgainstPrevious(base, undefined, { period: '2026-09', previousPeriod: '2026-08' }),
    ).toEqual([]);
  });
});
