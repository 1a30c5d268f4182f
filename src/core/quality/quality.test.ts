import { describe, expect, it } from 'vitest';
import catalogueFile from '../../../plans/indicators.json' with { type: 'json' };
import { catalogue, type Indicator } from '../indicators/index.js';
import { ObservationSet, type Observation } from '../observations/index.js';
import { makeRegister, type Region } from '../regions/index.js';
import {
  checkCodes,
  checkQuality,
  findingsByValue,
  qualityPeriods,
  shortText,
  type Finding,
  type QualityOptions,
  type Revision,
  withoutPeerValues,
} from './index.js';

const indicators = catalogue((catalogueFile as unknown as { indicators: Indicator[] }).indicators);

/** Twelve counties under one prefecture of one province. */
const COUNTIES = Array.from({ length: 12 }, (_, i) => `2301${String(i + 1).padStart(2, '0')}`);
const register = makeRegister([
  { code: '230000', name: '某省', level: 'province', parent: null, kind: '省', attributes: {} },
  {
    code: '230100',
    name: '某市',
    level: 'prefecture',
    parent: '230000',
    kind: '地级市',
    attributes: {},
  },
  ...COUNTIES.map((code, i): Region => ({
    code,
    name: `第${i + 1}县`,
    level: 'county',
    parent: '230100',
    kind: '县',
    attributes: {},
  })),
]);

const o = (
  region: string,
  indicator: string,
  period: string,
  value: number | null,
): Observation => ({
  region,
  indicator,
  period,
  value,
});

/** Every county gets `f(i)` for the indicator and period. */
const each = (indicator: string, period: string, f: (i: number) => number | null) =>
  COUNTIES.map((c, i) => o(c, indicator, period, f(i)));

function run(list: Observation[], over: Partial<QualityOptions> = {}) {
  return checkQuality({
    indicators,
    register,
    obs: new ObservationSet(list),
    period: '2026-09',
    counties: COUNTIES,
    ...over,
  });
}

const only = (findings: Finding[], check: string) => findings.filter((f) => f.check === check);

describe('range and share_bounds', () => {
  it('flags a county value outside the indicator range, not a province value', () => {
    const r = run([o('230101', 'gdp', '2026-09', 3500), o('230000', 'gdp', '2026-09', 3500)]);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      region: '230101',
      regionName: '第1县',
      indicator: 'gdp',
      check: 'range',
      severity: 'error',
      evidence: { value: 3500, min: 0, max: 3000 },
    });
    expect(r.findings[0]!.message).toContain('3500.0亿元');
    expect(r.checked).toBe(2);
  });

  it('reports a share above 100 once, as share_bounds, for any region', () => {
    const r = run([
      o('230102', 'secondary_tertiary_share', '2026-09', 100.1),
      o('230000', 'industry_va_share_of_gdp', '2026-09', -0.1),
      o('230103', 'secondary_tertiary_share', '2026-09', 100),
    ]);
    expect(r.findings.map((f) => [f.region, f.check])).toEqual([
      ['230000', 'share_bounds'],
      ['230102', 'share_bounds'],
    ]);
  });

  it('leaves growth rates (unit % but not shares) to their ranges', () => {
    const r = run([o('230101', 'fdi_growth', '2026-09', 250)]);
    expect(r.findings).toEqual([]);
  });
});

describe('cross-indicator rules', () => {
  it('tax revenue above general budget revenue is an error with both values', () => {
    const r = run([
      o('230101', 'tax_revenue', '2026-09', 5.3),
      o('230101', 'general_budget_revenue', '2026-09', 4.1),
      o('230102', 'tax_revenue', '2026-09', 4.1),
      o('230102', 'general_budget_revenue', '2026-09', 4.1),
    ]);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      region: '230101',
      indicator: 'tax_revenue',
      check: 'tax_le_budget',
      severity: 'error',
      related: ['general_budget_revenue'],
      evidence: { value: 5.3, general_budget_revenue: 4.1, difference: 1.2 },
    });
    expect(r.findings[0]!.message).toBe(
      '税收收入 5.3亿元 大于一般公共预算收入 4.1亿元(应 税收收入 ≤ 一般公共预算收入)',
    );
  });

  it('shows exact values when rounding would hide the difference', () => {
    const r = run([
      o('230101', 'tax_revenue', '2026-09', 4.12),
      o('230101', 'general_budget_revenue', '2026-09', 4.1),
    ]);
    expect(r.findings[0]!.message).toContain('4.12亿元 大于一般公共预算收入 4.1亿元');
    expect(r.findings[0]!.evidence.difference).toBe(0.02);
  });

  it('takes further rules as data', () => {
    const rule = {
      code: 'growth_ge_primary',
      left: 'gdp_growth',
      op: '>=' as const,
      right: 'primary_va_growth',
      severity: 'warning' as const,
    };
    const r = run(
      [o('230101', 'gdp_growth', '2026-09', 3), o('230101', 'primary_va_growth', '2026-09', 4)],
      { settings: { crossRules: [rule] } },
    );
    expect(r.findings.map((f) => [f.check, f.severity])).toEqual([
      ['growth_ge_primary', 'warning'],
    ]);
    expect(checkCodes({ crossRules: [rule] })).toContain('growth_ge_primary');
    expect(checkCodes({ crossRules: [rule] })).not.toContain('tax_le_budget');
  });
});

describe('ytd_decreasing', () => {
  it('flags a year-to-date level below the previous month', () => {
    const r = run([
      o('230101', 'gdp', '2026-08', 50),
      o('230101', 'gdp', '2026-09', 49.9),
      o('230102', 'gdp', '2026-08', 50),
      o('230102', 'gdp', '2026-09', 50),
    ]);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      region: '230101',
      check: 'ytd_decreasing',
      severity: 'error',
      evidence: { value: 49.9, previous: 50, previousPeriod: '2026-08', difference: -0.1 },
    });
    expect(r.findings[0]!.message).toContain(
      '2026年1-9月累计 49.9亿元,低于2026年1-8月累计 50.0亿元',
    );
  });

  it('compares with the latest earlier month that has a value, never with last year', () => {
    const r = run([
      o('230101', 'new_projects_over_10m', '2026-07', 12),
      o('230101', 'new_projects_over_10m', '2026-09', 11),
      o('230102', 'new_projects_over_10m', '2025-12', 40),
      o('230102', 'new_projects_over_10m', '2026-09', 11),
    ]);
    expect(r.findings.map((f) => [f.region, f.check, f.evidence.previousPeriod])).toEqual([
      ['230101', 'ytd_decreasing', '2026-07'],
    ]);
  });

  it('leaves stocks (not year-to-date) and growth rates alone', () => {
    const r = run([
      o('230101', 'above_scale_enterprises', '2026-08', 30),
      o('230101', 'above_scale_enterprises', '2026-09', 29),
      o('230101', 'gdp_growth', '2026-08', 6),
      o('230101', 'gdp_growth', '2026-09', 5),
    ]);
    expect(r.findings).toEqual([]);
  });
});

describe('growth_vs_levels', () => {
  const levels = (v: number, vp: number, g: number, code = 'general_budget_revenue') => [
    o('230101', code, '2026-09', v),
    o('230101', code, '2025-09', vp),
    o('230101', `${code}_growth`, '2026-09', g),
  ];

  it('warns when the reported growth is more than 1 point off the levels', () => {
    const r = run(levels(111.7, 100, 12.8));
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      indicator: 'general_budget_revenue_growth',
      check: 'growth_vs_levels',
      severity: 'warning',
      related: ['general_budget_revenue'],
      evidence: {
        value: 12.8,
        level: 111.7,
        previousLevel: 100,
        previousPeriod: '2025-09',
        implied: 11.7,
        difference: 1.1,
        tolerance: 1,
      },
    });
    expect(r.findings[0]!.message).toContain('增长 11.7%,相差 1.1 个百分点');
  });

  it('accepts exactly 1 point (decimal arithmetic: 12.7 − 11.7 is 1)', () => {
    expect(run(levels(111.7, 100, 12.7)).findings).toEqual([]);
    expect(run(levels(111.7, 100, 10.7)).findings).toEqual([]);
    expect(run(levels(111.7, 100, 10.6)).findings).toHaveLength(1);
  });

  it('allows for the rounding of small levels', () => {
    // 0.05 → 0.06 is anything from 0.055/0.065 − 1 (−15%) to 0.065/0.055 − 1 (+18%) … given to 0.01.
    expect(run(levels(0.06, 0.05, 25)).findings).toEqual([]);
    expect(run(levels(0.06, 0.05, 60)).findings).toHaveLength(1);
  });

  it('never pairs real growth rates with nominal levels', () => {
    const r = run([
      o('230101', 'gdp', '2026-09', 200),
      o('230101', 'gdp', '2025-09', 100),
      o('230101', 'gdp_growth', '2026-09', 5),
      o('230101', 'industry_va', '2026-09', 20),
      o('230101', 'industry_va', '2025-09', 10),
      o('230101', 'industry_va_growth', '2026-09', 5),
    ]);
    expect(only(r.findings, 'growth_vs_levels')).toEqual([]);
  });
});

describe('outlier_cross', () => {
  const sizes = [80, 95, 60, 120, 150, 70, 110, 90, 100, 85, 130, 75];

  it('flags a tenfold value by robust z across the counties', () => {
    const r = run(
      each('gdp', '2026-09', (i) => (i === 4 ? sizes[i]! * 10 : sizes[i]!)),
      {
        checks: ['outlier_cross'],
      },
    );
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ region: '230105', check: 'outlier_cross', severity: 'warning' });
    expect(f.evidence).toMatchObject({ value: 1500, n: 12, scale: 'log' });
    expect(f.evidence.z as number).toBeGreaterThan(3.5);
    expect(f.evidence.median).toBeCloseTo(92.47, 1);
  });

  it('does not judge fewer than 8 counties, or a sample whose MAD is 0', () => {
    const few = each('gdp', '2026-09', (i) => (i < 7 ? (i === 0 ? 5000 : sizes[i]!) : null));
    expect(only(run(few).findings, 'outlier_cross')).toEqual([]);
    const flat = each('tech_transfers', '2026-09', (i) => (i === 0 ? 90 : 0));
    expect(only(run(flat).findings, 'outlier_cross')).toEqual([]);
  });

  it('compares within peer groups when given', () => {
    const list = each('gdp_growth', '2026-09', (i) => (i < 6 ? 5 + i / 10 : 30 + i / 10));
    expect(only(run(list).findings, 'outlier_cross')).toEqual([]);
    const grouped = run(list, {
      peerGroup: (c) => (c < '230107' ? 'a' : 'b'),
      settings: { minPeers: 3 },
    });
    expect(only(grouped.findings, 'outlier_cross')).toEqual([]);
  });
});

describe('outlier_history', () => {
  const sizes = [80, 95, 60, 120, 150, 70, 110, 90, 100, 85, 130, 75];

  it('judges a year-to-date level against last year’s total, across counties', () => {
    const list = [
      ...each('gdp', '2025', (i) => sizes[i]!),
      ...each('gdp', '2026-09', (i) => sizes[i]! * (i === 2 ? 7.5 : 0.74 + i / 200)),
    ];
    const r = run(list, { checks: ['outlier_history'] });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      region: '230103',
      check: 'outlier_history',
      evidence: {
        value: 450,
        base: 60,
        basePeriod: '2025',
        basis: 'last_year_total',
        change: 7.5,
        rule: 'robust_z',
      },
    });
    expect(r.findings[0]!.message).toContain('为上年全年(2025年) 60.0亿元 的 750.0%');
  });

  it('flags a level more than doubling year on year even without peers', () => {
    const r = run(
      [
        o('230101', 'gdp', '2025', 100),
        o('230101', 'gdp', '2026', 201),
        o('230102', 'gdp', '2025', 100),
        o('230102', 'gdp', '2026', 200),
      ],
      { period: '2026' },
    );
    expect(r.findings.map((f) => [f.region, f.check, f.evidence.rule])).toEqual([
      ['230101', 'outlier_history', 'year_on_year'],
    ]);
  });

  it('judges a growth rate by its change from the previous month', () => {
    const list = [
      ...each('gdp_growth', '2026-08', (i) => 5 + i / 10),
      ...each('gdp_growth', '2026-09', (i) => (i === 6 ? 15.6 : 5 + i / 10 + (i % 3) / 10)),
    ];
    const r = run(list, { checks: ['outlier_history'] });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      region: '230107',
      evidence: {
        value: 15.6,
        base: 5.6,
        basePeriod: '2026-08',
        basis: 'previous_period',
        change: 10,
      },
    });
    expect(r.findings[0]!.message).toContain('比上期(2026年1-8月) 5.6% 上升 10.0 个百分点');
  });

  it('ignores a change that is extreme in z but small in size', () => {
    const list = [
      ...each('gdp_growth', '2026-08', () => 5),
      ...each('gdp_growth', '2026-09', (i) => (i === 0 ? 8 : 5 + (i % 2) / 100)),
    ];
    expect(run(list, { checks: ['outlier_history'] }).findings).toEqual([]);
  });
});

describe('outliers for readers who may not see other counties', () => {
  it('drops the peers’ median from the message and the evidence', () => {
    const sizes = [80, 95, 60, 120, 150, 70, 110, 90, 100, 85, 130, 75];
    const list = [
      ...each('gdp', '2025', (i) => sizes[i]!),
      ...each('gdp', '2026-09', (i) => sizes[i]! * (i === 4 ? 7.5 : 0.74 + i / 200)),
    ];
    const r = run(list, { checks: ['outlier_cross', 'outlier_history'] });
    expect(r.findings.map((f) => f.check)).toEqual(['outlier_cross', 'outlier_history']);
    for (const f of r.findings) {
      const hidden = withoutPeerValues(f);
      expect(f.message).toContain('中位数');
      expect(hidden.message).not.toContain('中位数');
      expect(hidden.message).toContain(`稳健z=`);
      expect(hidden.evidence).not.toHaveProperty('median');
      expect(hidden.evidence).not.toHaveProperty('typicalChange');
      expect(hidden.evidence.value).toBe(f.evidence.value);
    }
    const own = run([o('230101', 'gdp', '2026-09', 3500)]).findings[0]!;
    expect(withoutPeerValues(own)).toBe(own);
  });

  it('does not judge small counts against their history', () => {
    const list = [
      ...each('new_projects_over_10m', '2025', (i) => (i === 0 ? 0 : 20 + i)),
      ...each('new_projects_over_10m', '2026-09', (i) => (i === 0 ? 9 : 15 + i)),
    ];
    expect(run(list, { checks: ['outlier_history'] }).findings).toEqual([]);
    list[12] = o('230101', 'new_projects_over_10m', '2026-09', 90);
    expect(run(list, { checks: ['outlier_history'] }).findings[0]).toMatchObject({
      region: '230101',
      message: expect.stringContaining('而上年全年(2025年)为 0个'),
      evidence: { change: null, base: 0 },
    });
  });
});

describe('revision_after_approval', () => {
  const rev = (over: Partial<Revision>): Revision => ({
    region: '230101',
    indicator: 'gdp',
    period: '2026-09',
    approvedValue: 100,
    approvedRevision: 4,
    approvedAt: '2026-10-12T08:00:00.000Z',
    approvedBy: 'caizheng',
    value: 106,
    revision: 5,
    status: 'submitted',
    revisedBy: 'county1',
    revisedAt: '2026-10-20T08:00:00.000Z',
    reason: '统计口径调整',
    ...over,
  });

  it('warns above 5%, lists smaller changes as info, and any change of a count', () => {
    const r = run([], {
      revisions: [
        rev({}),
        rev({ region: '230102', value: 104 }),
        rev({ region: '230103', indicator: 'new_projects_over_10m', approvedValue: 10, value: 11 }),
        rev({ region: '230104', value: 100 }),
        rev({ region: '230105', period: '2026-08' }),
      ],
    });
    expect(r.findings.map((f) => [f.region, f.severity])).toEqual([
      ['230101', 'warning'],
      ['230102', 'info'],
      ['230103', 'warning'],
    ]);
    expect(r.findings[0]!.evidence).toMatchObject({
      approvedValue: 100,
      value: 106,
      relativeChange: 0.06,
      threshold: 0.05,
      approvedBy: 'caizheng',
      revisedBy: 'county1',
      reason: '统计口径调整',
    });
    expect(r.findings[0]!.message).toBe(
      '核定值 100.0亿元(第4版,caizheng 2026-10-12)后被 county1 于 2026-10-20 改为 106.0亿元,+6.0%;原因:统计口径调整',
    );
  });
});

describe('the report', () => {
  it('names the periods it reads', () => {
    expect(qualityPeriods('2026-03')).toEqual(['2026-03', '2025-03', '2025', '2026-02', '2026-01']);
    expect(qualityPeriods('2026-01')).toEqual(['2026-01', '2025-01', '2025', '2025-12']);
    expect(qualityPeriods('2026Q2')).toEqual(['2026Q2', '2025Q2', '2025', '2026Q1']);
    expect(qualityPeriods('2026')).toEqual(['2026', '2025']);
  });

  it('runs only the checks asked for, and indexes findings by every value they rest on', () => {
    const list = [
      o('230101', 'tax_revenue', '2026-09', 5.3),
      o('230101', 'general_budget_revenue', '2026-09', 4.1),
      o('230101', 'gdp', '2026-09', 3500),
    ];
    expect(run(list, { checks: ['range'] }).findings.map((f) => f.check)).toEqual(['range']);
    const all = run(list);
    expect(all.findings.map((f) => f.check)).toEqual(['range', 'tax_le_budget']);
    const by = findingsByValue(all.findings);
    expect(by.get('230101|general_budget_revenue|2026-09')?.map((f) => f.check)).toEqual([
      'tax_le_budget',
    ]);
    expect(shortText(all.findings[1]!)).toBe('错误:税收收入大于一般公共预算收入');
  });
});
