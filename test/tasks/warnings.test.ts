// The task_overdue warnings: every overdue task of the plan, named with its lead and how late,
// on the plan's own region: listed on the board, never counted in a county's tally.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate/index.js';
import { ObservationSet } from '../../src/core/observations/index.js';
import { preparePlan } from '../../src/core/plans/index.js';
import { taskOverdueSource } from '../../src/core/tasks/warnings.js';
import { warnings } from '../../src/core/warnings/index.js';
import { findPlan, loadBuiltinPlans, loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';

describe('task_overdue warnings', () => {
  const register = loadRegister();
  const prepared = preparePlan(findPlan(loadBuiltinPlans(), 'hlj-2011'), loadIndicators());
  const obs = new ObservationSet();
  const evaluation = evaluate({ prepared, register, obs, period: '2011-05' });
  const rules = [{ id: 'task_overdue', name: '任务逾期', type: 'task_overdue', level: 'red' }];
  const board = (now: string, reports: { task: number; date: string; done: boolean }[]) =>
    warnings({
      evaluation,
      prepared,
      obs,
      register,
      now,
      rules,
      sources: { task_overdue: taskOverdueSource(reports) },
    });

  it('warns of each task past its date, with its lead and days late, at the province', () => {
    // 2011-05-01: due by then are task 5 (2011-03 → 03-31) and tasks 1, 2, 4 (2011-04 → 04-30);
    // task 1 was reported done. Recurring: 每年2月 (14, 28) due 02-28, 62 days late; 每年4次 (15)
    // first due 03-31, 31 days late.
    const r = board('2011-05-01', [{ task: 1, date: '2011-04-28', done: true }]);
    expect(
      r.warnings.map((w) => [w.region, w.regionName, w.evidence.task, w.evidence.daysLate]),
    ).toEqual([
      ['230000', '黑龙江省', 2, 1],
      ['230000', '黑龙江省', 4, 1],
      ['230000', '黑龙江省', 5, 31],
      ['230000', '黑龙江省', 14, 62],
      ['230000', '黑龙江省', 15, 31],
      ['230000', '黑龙江省', 28, 62],
    ]);
    expect(r.warnings[1]!.message).toBe(
      '任务4「建立十大产业指标体系和省重点推进产业项目投资月报」(牵头单位:省统计局)已逾期1天:期限2011年4月底前,应于2011-04-30前完成',
    );
    expect(r.warnings[1]!.evidence).toMatchObject({
      plan: 'hlj-2011',
      dueDate: '2011-04-30',
      title: expect.any(String),
    });
    // Plan-level: no county is red for the province's tasks.
    expect(r.counties.every((c) => c.level === 'green' && c.red === 0)).toBe(true);
  });

  it('is not applied without a day to judge on, and says so', () => {
    const r = warnings({
      evaluation,
      prepared,
      obs,
      register,
      rules,
      sources: { task_overdue: taskOverdueSource([]) },
    });
    expect(r.warnings).toEqual([]);
    expect(r.notes).toContain('规则「task_overdue」需要判断日期,未给出,未应用');
  });
});
