import { describe, expect, it } from 'vitest';
import type { ProjectReport } from '../../src/core/projects/types.js';
import { qualityFor } from '../../src/services/quality.js';
import { loadReference } from '../../src/services/reference.js';
import { warningsFor } from '../../src/services/warnings.js';
import { applyValues } from '../../src/store/observations.js';
import { projectId, writeReports } from '../../src/store/projects.js';
import { useDemoApp } from './setup.js';

// The ledger's findings on the boards: a late milestone on the warnings board naming the
// project, a county's project sum against its reported investment on the quality board.
const SHANGZHI = '230183';
const report = (name: string, ytd: string, over: Partial<ProjectReport> = {}): ProjectReport => ({
  name,
  company: null,
  county: SHANGZHI,
  industry: '生物产业',
  type: 'new',
  flags: [],
  totalInvestment: '100000',
  plannedThisYear: '50000',
  completedYtd: ytd,
  planned: {},
  actual: {},
  progress: null,
  problems: null,
  leader: null,
  ...over,
});
const at = '2026-10-05T00:00:00Z';

describe('project warnings and the project sum check', () => {
  const ctx = useDemoApp();
  const services = async () => ({ store: ctx.store, ...(await loadReference(ctx.store)) });

  it('warns of a milestone past its planned month, naming the project and the months late', async () => {
    await writeReports(
      ctx.store,
      '2026-09',
      [
        report('生物基材料项目', '12000', { planned: { start: '2026-03' }, actual: {} }),
        report('已开工项目', '8000', { planned: { start: '2026-03' }, actual: { start: null } }),
      ],
      { actor: 'test', source: 'test', at },
    );
    const board = await warningsFor(await services(), {
      plan: 'hlj-2026',
      period: '2026-09',
      now: '2026-10-15',
    });
    const late = board.warnings.filter((w) => w.type === 'project_behind_milestone');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({
      region: SHANGZHI,
      level: 'yellow',
      message: '项目「生物基材料项目」计划2026年3月开工,至今未开工,已滞后6个月',
      evidence: {
        project: projectId(SHANGZHI, '生物基材料项目'),
        projectName: '生物基材料项目',
        milestone: 'start',
        planned: '2026-03',
        monthsLate: 6,
      },
    });
    // Judged at `now` when it comes before the end of the month: 2026-09-10 is 5 months late.
    const early = await warningsFor(await services(), {
      plan: 'hlj-2026',
      period: '2026-09',
      now: '2026-09-10',
    });
    expect(
      early.warnings.find((w) => w.type === 'project_behind_milestone')?.evidence.monthsLate,
    ).toBe(5);
  });

  it('finds a county whose projects disagree with its reported 产业项目投资 beyond 5 %', async () => {
    // 12000 + 8000 万元 = 2 亿元. Reported 2.1: within 5 % (|−0.1| ≤ 0.105); 2.2: not (|−0.2| > 0.11).
    const set = async (value: number) =>
      applyValues(
        ctx.store,
        [
          {
            region: SHANGZHI,
            indicator: 'industrial_project_investment',
            period: '2026-09',
            value,
          },
        ],
        { actor: 'test', source: 'test', at, reason: 'test' },
      );
    await set(2.1);
    const ok = await qualityFor(await services(), { period: '2026-09', checks: ['project_sum'] });
    expect(ok.findings).toEqual([]);
    await set(2.2);
    const bad = await qualityFor(await services(), { period: '2026-09', checks: ['project_sum'] });
    expect(bad.findings).toMatchObject([
      {
        region: SHANGZHI,
        check: 'project_sum',
        indicator: 'industrial_project_investment',
        evidence: { projects: 2, sum: '2', reported: '2.2', difference: '-0.2', tolerance: 0.05 },
      },
    ]);
    expect(bad.findings[0]!.message).toContain('合计2亿元');
  });
});
