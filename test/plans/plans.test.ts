import { describe, it, expect } from 'vitest';
import { planSchema, type Plan } from '../../src/core/plans/schema.js';
import { loadIndicators, readJson, readText } from './load.js';

const indicators = loadIndicators();
const codes = new Set(indicators.map((i) => i.code));
const ids = ['hlj-2026', 'hlj-2025', 'hlj-2011'];
const plans = new Map<string, Plan>(ids.map((id) => [id, planSchema.parse(readJson(`plans/${id}.json`))]));

function plan(id: string): Plan {
  const p = plans.get(id);
  if (!p) throw new Error(id);
  return p;
}

describe('built-in plans', () => {
  it.each(ids)('%s validates and is consistent', (id) => {
    const p = plan(id);
    expect(p.id).toBe(id);
    expect(p.province).toBe('230000');
    const categoryCodes = new Set(p.categories.map((c) => c.code));
    for (const t of p.targets) {
      expect(codes, `${id} target ${t.no}`).toContain(t.indicator);
      if (t.section !== undefined) expect(p.sections).toContain(t.section);
      if (typeof t.scope === 'object' && 'category' in t.scope)
        expect(categoryCodes).toContain(t.scope.category);
      if (t.printed !== undefined) expect(t.printed).toContain(t.phrase);
    }
    expect(p.tasks.map((t) => t.no)).toEqual(p.tasks.map((_, i) => i + 1));
    for (const t of p.tasks) for (const g of t.goals ?? []) expect(t.text).toContain(g.printed);
  });

  it('hlj-2026 has the printed tables, categories and 33 tasks', () => {
    const p = plan('hlj-2026');
    const province = p.targets.filter((t) => t.table === 'province');
    expect(province.filter((t) => t.year === 2026)).toHaveLength(15);
    expect(province.filter((t) => t.year === 2030)).toEqual([
      expect.objectContaining({ no: 1, indicator: 'counties_gdp_over_100', phrase: '50' }),
    ]);
    const county = p.targets.filter((t) => t.table === 'county');
    expect(county.filter((t) => t.scope === 'all')).toHaveLength(11);
    const personal = county.filter((t) => typeof t.scope === 'object');
    expect(personal.map((t) => [t.scope, t.indicator, t.phrase, t.departments])).toEqual([
      [{ category: 'industrial' }, 'new_above_scale_enterprises', '至少新增3户', ['省工业和信息化厅']],
      [{ category: 'agricultural' }, 'new_projects_over_10m', '至少新开工2个', ['省农业农村厅']],
      [{ category: 'tourism' }, 'tourist_arrivals_growth', '增长15%以上', ['省文化和旅游厅']],
      [{ category: 'ecological' }, 'forest_economy_growth', '增长6%以上', ['省林草局']],
    ]);
    expect(p.categories.map((c) => c.code)).toEqual(['industrial', 'agricultural', 'tourism', 'ecological']);
    expect(p.tasks).toHaveLength(33);
    expect(p.tasks[12]?.text).toContain('组织有条件的县制定乡村旅游重点村镇建设工作方案');
    expect(p.tasks[29]?.group).toBe('(六)着力提高县域民生保障水平');
    expect(p.settings?.dueDay).toBe(10);
  });

  it('hlj-2026 keeps the printed baselines of 附件1', () => {
    const byNo = (no: number) => plan('hlj-2026').targets.find((t) => t.table === 'province' && t.no === no);
    expect(byNo(9)?.baseline).toEqual({ year: 2025, value: 651.4, printed: '651.4' });
    expect(byNo(13)?.baseline?.value).toBe(373.4);
    expect(byNo(10)?.departments).toHaveLength(3);
    expect(byNo(11)?.unit).toBe('户');
  });

  it('hlj-2025 has 21 province and 13 county rows, no tasks', () => {
    const p = plan('hlj-2025');
    expect(p.targets.filter((t) => t.table === 'province')).toHaveLength(21);
    expect(p.targets.filter((t) => t.table === 'county')).toHaveLength(13);
    expect(p.targets.every((t) => t.year === 2025)).toBe(true);
    expect(p.tasks).toEqual([]);
  });

  it('hlj-2011 has 33 dated tasks and the ten-industry table', () => {
    const p = plan('hlj-2011');
    expect(p.period).toEqual({ start: 2011, end: 2013 });
    expect(p.tasks).toHaveLength(33);
    expect(p.tasks.every((t) => t.deadline !== undefined && t.lead.length > 0)).toBe(true);
    expect(p.tasks[26]?.lead).toEqual(['省物价监管局', '省工业和信息化委员会', '省电力公司']);
    expect(p.tasks[13]?.deadline).toEqual({ printed: '每年2月', kind: 'recurring', perYear: 1, month: 2 });
    const industries = p.industries;
    expect(industries?.rows).toHaveLength(11);
    // The 合计 row is the column sums of the ten industries, as printed.
    const [total, ...rest] = industries?.rows ?? [];
    expect(total?.values.every((v) => v !== null)).toBe(true);
    total?.values.forEach((v, k) => {
      expect(rest.reduce((s, r) => s + (r.values[k] ?? 0), 0)).toBe(v);
    });
  });
});

describe('docs/plan-format.md', () => {
  it('its example is a valid plan', () => {
    const doc = readText('docs/plan-format.md');
    const example = doc.split('## A short example')[1]?.match(/```json\n([\s\S]*?)\n```/)?.[1];
    expect(example).toBeDefined();
    const p = planSchema.parse(JSON.parse(example ?? ''));
    expect(p.id).toBe('example-2027');
  });
});
