import type { Plan } from '../src/core/plans/index.js';

/**
 * A made-up plan written only as data, with targets its departments judge (人工评定): a county
 * target of 省财政厅 (the demo's department user), one of 省发展改革委, and a province target.
 */
export const MANUAL_PLAN: Plan = {
  id: 'manual-test',
  title: '人工评定测试方案',
  issuer: '测试',
  issued: '2026-01',
  period: { start: 2026, end: 2026 },
  source: 'test',
  province: '230000',
  countyScope: { kinds: ['县', '自治县', '县级市'] },
  targets: [
    {
      table: 'county',
      indicator: 'general_budget_revenue',
      name: '财源建设',
      unit: '亿元',
      scope: 'all',
      year: 2026,
      phrase: '实现突破',
      departments: ['省财政厅'],
      judgement: 'manual',
    },
    {
      table: 'county',
      indicator: 'new_projects_over_10m',
      name: '重点项目建设',
      unit: '个',
      scope: 'all',
      year: 2026,
      phrase: '达到上级要求',
      departments: ['省发展改革委'],
      judgement: 'manual',
    },
    {
      table: 'province',
      indicator: 'tech_transfers',
      name: '科技成果转化',
      unit: '项',
      scope: 'province',
      year: 2026,
      phrase: '实现突破',
      departments: ['省科技厅'],
      judgement: 'manual',
    },
  ],
  categories: [],
  tasks: [],
};
