import { describe, expect, it } from 'vitest';
import { isLeitaiError } from '../errors/index.js';
import { ObservationSet } from '../observations/index.js';
import { preparePlan, readPlan, type Plan } from '../plans/index.js';
import { makeRegister } from '../regions/index.js';
import { indicator, planShell, region } from '../testing/fixtures.js';
import { evaluate } from './index.js';

// Targets a person judges (人工评定): the department's recorded status counts like any other.
const INDICATORS = [indicator('breakthrough', { name: '突破', unit: '项', kind: 'count' })];

const REGISTER = makeRegister([
  region('230000', '省', null, '省'),
  region('230100', '市', '230000', '地级市'),
  region('230101', '甲县', '230100', '县'),
  region('230102', '乙县', '230100', '县'),
  region('230103', '丙县', '230100', '县'),
]);

function plan(judgement?: 'manual'): Plan {
  return planShell({
    targets: [
      {
        table: 'county',
        indicator: 'breakthrough',
        name: '重点领域突破',
        unit: '项',
        scope: 'all',
        year: 2026,
        phrase: '实现突破',
        departments: ['省发展改革委'],
        ...(judgement ? { judgement } : {}),
      },
    ],
  });
}

describe('manual targets (judgement: manual)', () => {
  it('are read as judged by their department, not parsed', () => {
    const { prepared, problems } = readPlan(plan('manual'), INDICATORS);
    expect(problems).toEqual([]);
    expect(prepared.targets[0]!.reading).toBe('由责任部门评定(人工评价)');
  });

  it('without the mark, an unreadable phrase stays an error naming the phrase', () => {
    const { problems } = readPlan(plan(), INDICATORS);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('targets.0.phrase');
    expect(problems[0]!.value).toBe('实现突破');
    try {
      preparePlan(plan(), INDICATORS);
      expect.unreachable();
    } catch (e) {
      expect(isLeitaiError(e) && e.code).toBe('PLAN_INVALID');
    }
  });

  it('count the recorded status; a county with none recorded is 无数据', () => {
    const obs = new ObservationSet([
      // 甲县 recorded 完成 (stored as 2) with a note and evidence; 乙县 未完成 (0); 丙县 nothing.
      {
        region: '230101',
        indicator: 'breakthrough.judgement',
        period: '2026',
        value: 2,
        note: '已完成省下达任务',
        evidence: '黑发改〔2026〕12号',
        by: 'dept',
        at: '2026-12-20T00:00:00.000Z',
      },
      {
        region: '230102',
        indicator: 'breakthrough.judgement',
        period: '2026',
        value: 0,
        note: '未达要求',
      },
      // Another period's judgement does not count for 2026.
      { region: '230103', indicator: 'breakthrough.judgement', period: '2025', value: 2 },
    ]);
    const ev = evaluate({
      prepared: preparePlan(plan('manual'), INDICATORS),
      register: REGISTER,
      obs,
      period: '2026',
    });
    const byRegion = new Map(ev.results.map((r) => [r.region, r]));
    expect(byRegion.get('230101')!.status).toBe('met');
    expect(byRegion.get('230101')!.judgement).toEqual({
      note: '已完成省下达任务',
      evidence: '黑发改〔2026〕12号',
      by: 'dept',
      at: '2026-12-20T00:00:00.000Z',
    });
    expect(byRegion.get('230102')!.status).toBe('not_met');
    expect(byRegion.get('230102')!.judgement?.note).toBe('未达要求');
    expect(byRegion.get('230103')!.status).toBe('no_data');
    expect(byRegion.get('230103')!.judgement).toBeUndefined();
    // 1 完成, 1 未完成, 1 无数据 — counted like any other targets.
    expect(ev.summary).toEqual({
      met: 1,
      nearly_met: 0,
      not_met: 1,
      no_data: 1,
      not_applicable: 0,
    });
  });

  it('基本完成 is stored as 1', () => {
    const obs = new ObservationSet([
      { region: '230101', indicator: 'breakthrough.judgement', period: '2026-09', value: 1 },
    ]);
    const ev = evaluate({
      prepared: preparePlan(plan('manual'), INDICATORS),
      register: REGISTER,
      obs,
      period: '2026-09',
    });
    expect(ev.results.find((r) => r.region === '230101')!.status).toBe('nearly_met');
  });
});
