import { describe, expect, it } from 'vitest';
import catalogueFile from '../../../plans/indicators.json' with { type: 'json' };
import hlj2011 from '../../../plans/hlj-2011.json' with { type: 'json' };
import hlj2026 from '../../../plans/hlj-2026.json' with { type: 'json' };
import industriesFile from '../../../data/industries.json' with { type: 'json' };
import type { Indicator } from '../indicators/index.js';
import { dec } from '../numeric/index.js';
import { validatePlan } from '../plans/schema.js';
import { makeRegister, type Region } from '../regions/index.js';
import { generateDemo } from './index.js';
import { generateDemoLedgers } from './ledgers.js';

const indicators = (catalogueFile as unknown as { indicators: Indicator[] }).indicators;
const industries = industriesFile.industries.map((i) => i.name);
const plans = [validatePlan(hlj2011, 'hlj-2011.json'), validatePlan(hlj2026, 'hlj-2026.json')];

/** 67 counties under one prefecture (the demo calibrates 67 县域 units), enough to hold the deliberate problems. */
function register() {
  const list: Region[] = [
    {
      code: '230000',
      name: '黑龙江省',
      level: 'province',
      parent: null,
      kind: '省',
      attributes: {},
    },
    {
      code: '230100',
      name: '市1',
      level: 'prefecture',
      parent: '230000',
      kind: '地级市',
      attributes: {},
    },
  ];
  for (let i = 0; i < 67; i++) {
    const code = `2301${String(21 + i).padStart(2, '0')}`;
    list.push({
      code,
      name: `样例${i}县`,
      level: 'county',
      parent: '230100',
      kind: '县',
      attributes: {},
    });
  }
  return makeRegister(list);
}

const reg = register();
const demo = generateDemo({ seed: 7, scale: 'province', register: reg, indicators });
const counties = [...reg.regions.values()]
  .filter((r) => r.level === 'county')
  .map((r) => ({ code: r.code, name: r.name }));
const run = () =>
  generateDemoLedgers({ seed: 7, observations: demo.observations, counties, industries, plans });
const ledgers = run();

const reported = (county: string, period: string) =>
  demo.observations.find(
    (o) =>
      o.region === county && o.period === period && o.indicator === 'industrial_project_investment',
  )!.value!;

/** Σ completedYtd of a county's reports of a month, 万元 → 亿元. */
function projectSum(county: string, period: string) {
  return ledgers.reports
    .filter((r) => r.report.county === county && r.period === period)
    .reduce((s, r) => s.plus(r.report.completedYtd ?? 0), dec(0))
    .div(10000);
}

describe('demo ledgers', () => {
  it('gives every county 10 to 30 projects, each with a report every month from its first year', () => {
    for (const c of counties) {
      const names = new Set(
        ledgers.reports.filter((r) => r.report.county === c.code).map((r) => r.report.name),
      );
      expect(names.size).toBeGreaterThanOrEqual(10);
      expect(names.size).toBeLessThanOrEqual(30);
    }
    const sep = ledgers.reports.filter((r) => r.period === '2026-09');
    const sepNames = new Set(sep.map((r) => `${r.report.county}|${r.report.name}`));
    expect(sep.length).toBe(sepNames.size);
  });

  it('matches each county’s 产业项目投资 within 5% every month, except the deliberate county', () => {
    const months = [...new Set(ledgers.reports.map((r) => r.period))];
    expect(months).toContain('2026-09');
    expect(months).toContain('2025-12');
    for (const c of counties) {
      for (const m of months) {
        const value = dec(reported(c.code, m));
        const off = projectSum(c.code, m).minus(value).abs();
        const agrees = off.lte(value.times('0.05'));
        expect(agrees, `${c.code} ${m}`).toBe(
          !(c.code === ledgers.mismatch && m.startsWith('2026')),
        );
      }
    }
  });

  it('never lets a project’s year to date fall or exceed its total investment', () => {
    const by = new Map<string, { period: string; ytd: string | null; total: string }[]>();
    for (const r of ledgers.reports) {
      const k = `${r.report.county}|${r.report.name}`;
      by.set(k, [
        ...(by.get(k) ?? []),
        { period: r.period, ytd: r.report.completedYtd, total: r.report.totalInvestment },
      ]);
    }
    for (const rows of by.values()) {
      rows.sort((a, b) => (a.period < b.period ? -1 : 1));
      let prev = dec(0);
      let year = '';
      for (const row of rows) {
        if (row.period.slice(0, 4) !== year) [year, prev] = [row.period.slice(0, 4), dec(0)];
        const v = dec(row.ytd ?? 0);
        expect(v.gte(prev)).toBe(true);
        expect(v.lte(row.total)).toBe(true);
        prev = v;
      }
    }
  });

  it('keeps milestones in order and reached ones not after the report’s month', () => {
    const order = ['plan', 'sign', 'start', 'operate', 'full'] as const;
    for (const { period, report } of ledgers.reports) {
      const planned = order.map((m) => report.planned[m]!);
      expect([...planned].sort()).toEqual(planned);
      const actual = order.filter((m) => m in report.actual);
      expect(actual).toEqual(order.slice(0, actual.length));
      const dates = actual.map((m) => report.actual[m]!);
      expect([...dates].sort()).toEqual(dates);
      expect(dates.every((d) => d <= period)).toBe(true);
    }
  });

  it('leaves exactly the deliberate milestones late at the end of the last month', () => {
    // Late: a planned month before 2026-09 (its end is before 2026-09-30) and no actual entry.
    const late = ledgers.reports
      .filter((r) => r.period === '2026-09')
      .flatMap((r) =>
        (['plan', 'sign', 'start', 'operate', 'full'] as const)
          .filter((m) => r.report.planned[m]! < '2026-09' && !(m in r.report.actual))
          .map((m) => `${r.report.name}|${m}`),
      );
    expect(late.sort()).toEqual(ledgers.late.map((l) => `${l.name}|${l.milestone}`).sort());
    expect(ledgers.late).toHaveLength(5);
    expect(ledgers.late.every((l) => l.planned >= '2026-03' && l.planned <= '2026-06')).toBe(true);
  });

  it('names fictional companies after the county and labels the source', () => {
    const r = ledgers.reports.find((x) => x.report.county === '230121')!.report;
    expect(r.name.startsWith('样例0县')).toBe(true);
    expect(r.company).toMatch(/^样例0县.某.+有限公司$/);
    expect(industries).toContain(r.industry);
    expect(ledgers.source).toBe('synthetic-demo:seed=7');
    expect(ledgers.note).toContain('synthetic');
  });

  it('reports on the plans’ tasks with one overdue: the 2011 lead units, the 2026 task force', () => {
    const { reports, overdue } = ledgers.tasks;
    expect(overdue?.plan).toBe('hlj-2011');
    const mine = reports.filter((r) => r.plan === overdue!.plan && r.task === overdue!.task);
    expect(mine.some((r) => r.done)).toBe(false);
    const first = reports.find((r) => r.plan === 'hlj-2011' && r.task === 1)!;
    expect(first.department).toBe('省发改委');
    expect(reports.find((r) => r.plan === 'hlj-2026')!.department).toBe('省县域经济突破年专班');
    expect(reports.every((r) => r.date <= '2026-09-30')).toBe(true);
  });

  it('gives every county 1–2 leading industries with 1–3 enterprises and 2024–25 output', () => {
    for (const c of counties) {
      const rows = ledgers.industries.filter((i) => i.county === c.code);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.length).toBeLessThanOrEqual(2);
      for (const row of rows) {
        expect(row.enterprises.length).toBeGreaterThanOrEqual(1);
        expect(row.enterprises.length).toBeLessThanOrEqual(3);
        expect(row.figures.map((f) => f.year)).toEqual([2024, 2025]);
        expect(row.policy).toContain('一业一策');
      }
    }
  });

  it('is the same for the same seed', () => {
    expect(run()).toEqual(ledgers);
  });
});
