import { WARNING_RULE_TYPES } from '../../../../src/core/warnings/rule-types.js';
import { defineMessages } from '../../i18n/index.js';

export const m = defineMessages({
  zh: {
    title: '预警',
    counties: '{n} 个县',
    countiesShown: '显示 {n} 个县(共 {total} 个)',
    due: '报送截止 {date}',
    partial: '本期尚未公布:只显示您范围内的县。',
    notesTitle: '未应用的规则',
    level: '等级',
    allLevels: '全部等级',
    rule: '规则',
    allRules: '全部规则',
    red: '红色预警(条)',
    yellow: '黄色预警(条)',
    fired: '触发的规则(条)',
    none: '无预警',
    message: '说明',
    times: '{n} 条',
    empty: '{period}没有可显示的县。',
    emptyFiltered: '没有符合筛选条件的县。',
    ruleLevel: '{level}规则',
    expand: '展开后列出每条预警的说明',
    filterByLevel: '只看{level}的县',
    'rule.target': '目标未完成',
    'rule.behind_pace': '落后序时进度',
    'rule.negative_growth': '负增长',
    'rule.below_average': '低于县域平均',
    'rule.missing_after_due': '逾期未报',
    'rule.project_behind_milestone': '项目滞后节点',
    'rule.task_overdue': '任务逾期',
    'desc.target': '本县一项目标在本期未达到计划要求(按规则设定的状态,如“未完成”)。',
    'desc.behind_pace':
      '年内累计值低于“时间过半、任务过半”的序时进度:全年目标 × 已过时间的占比(有上年数据时按上年季节占比)。',
    'desc.negative_growth': '增速类指标在本期低于 0。',
    'desc.below_average': '指标差于计划内各县(或同类县)的简单平均值。',
    'desc.missing_after_due': '已过报送截止日期,本县应报的数值仍未报送。',
    'desc.project_behind_milestone': '重点项目未按节点推进(需接入项目台账)。',
    'desc.task_overdue': '重点任务超过完成时限(需接入任务台账)。',
    'desc.other': '计划设定的预警规则。',
  },
  en: {
    title: 'Warnings',
    counties: 'Counties: {n}',
    countiesShown: 'Shown: {n} of {total} counties',
    due: 'Reports due {date}',
    partial: 'This period is not published yet: only the counties in your scope are shown.',
    notesTitle: 'Rules not applied',
    level: 'Level',
    allLevels: 'All levels',
    rule: 'Rule',
    allRules: 'All rules',
    red: 'Red (count)',
    yellow: 'Yellow (count)',
    fired: 'Rules that fired (count)',
    none: 'No warnings',
    message: 'Message',
    times: '{n}',
    empty: 'No counties to show for {period}.',
    emptyFiltered: 'No county matches the filters.',
    ruleLevel: '{level} rule',
    expand: 'Expand a row to list each warning',
    filterByLevel: 'Show only counties with {level}',
    'rule.target': 'Target not met',
    'rule.behind_pace': 'Behind pace',
    'rule.negative_growth': 'Negative growth',
    'rule.below_average': 'Below the county average',
    'rule.missing_after_due': 'Overdue report',
    'rule.project_behind_milestone': 'Project behind milestone',
    'rule.task_overdue': 'Task overdue',
    'desc.target':
      'A target of the county is not reached at this period (the status the rule names, e.g. not met).',
    'desc.behind_pace':
      'A year-to-date value is below the pace of the year: the annual target × the share of the year elapsed (last year’s seasonal share when known).',
    'desc.negative_growth': 'A growth rate is below 0 at this period.',
    'desc.below_average':
      'The indicator is worse than the simple mean of the plan’s counties (or of the county’s category).',
    'desc.missing_after_due': 'The due date has passed and a value the county owes is missing.',
    'desc.project_behind_milestone':
      'A key project is behind its milestone (needs the project ledger).',
    'desc.task_overdue': 'A key task is past its deadline (needs the task ledger).',
    'desc.other': 'A warning rule set by the plan.',
  },
});

export type RuleType = (typeof WARNING_RULE_TYPES)[number];

/** The rule type, when it is one the messages know (docs/warnings.md). */
export function knownType(type: string | undefined): RuleType | undefined {
  return WARNING_RULE_TYPES.find((t) => t === type);
}
