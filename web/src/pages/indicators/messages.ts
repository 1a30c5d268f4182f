import { defineMessages } from '../../i18n/index.js';

export const m = defineMessages({
  zh: {
    title: '指标',
    choose: '选择指标',
    appliesTo: '适用范围',
    allCounties: '全部县',
    perCounty: '各县目标',
    unknownTitle: '没有这个指标',
    unknownText: '地址中的指标代码「{code}」不是本计划的县级指标。',
    firstIndicator: '查看第一个指标:',
    noTargets: '本计划没有县级目标。',
    change: '比上年变化',
    bars: '各县数值(从高到低)',
    barsLabel: '{name}各县数值柱状图,从高到低',
    histogram: '分布',
    histogramLabel: '{name}各县数值分布直方图',
    countAxis: '县数',
    targetLine: '目标 {value}',
    lineNote: '虚线为目标({phrase})。',
    refNote: '虚线为目标所比较的数值({phrase}):{value}。',
    differsNote: '各县或各类别的目标不同,图中不画统一的目标线;每个县的目标见表格。',
    noLineNote:
      '目标不是一个统一的数值(如区间、累计或下达指标),图中不画目标线;每个县的目标见表格。',
    progressNote: '部分县按全年预计值判定完成情况(时间过半、任务过半);表中数值为本期累计值。',
    changeNote: '目标按比上年变化评价,图表和表格显示的是比上年的变化。',
    outlierNote:
      '标「离群」的县由服务器的数据质量检查(跨县稳健离群值)判定,悬停查看说明;浏览器不另行计算。',
    outlierHidden:
      '离群值只来自服务器的数据质量检查;您的角色无权查看数据质量,因此本页不标离群值(浏览器不另行计算)。',
    outlier: '离群',
    outliers: '离群值',
    quality: '数据质量',
    county: '县(市)',
    summary: '{n} 个县:完成 {met},基本完成 {nearly},未完成 {not},无数据 {none}',
    rankNote: '名次按差距排列(差距为正即好于目标),不是擂台赛名次。',
    sheet: '指标',
    code: '代码',
  },
  en: {
    title: 'Indicators',
    choose: 'Choose an indicator',
    appliesTo: 'Applies to',
    allCounties: 'all counties',
    perCounty: 'county by county',
    unknownTitle: 'No such indicator',
    unknownText:
      'The indicator code "{code}" in the address is not a county indicator of this plan.',
    firstIndicator: 'Open the first indicator: ',
    noTargets: 'This plan has no county targets.',
    change: 'change on last year',
    bars: 'Values by county (highest first)',
    barsLabel: 'Bar chart of {name} by county, highest first',
    histogram: 'Distribution',
    histogramLabel: 'Histogram of {name} across the counties',
    countAxis: 'Counties',
    targetLine: 'Target {value}',
    lineNote: 'The dashed line is the target ({phrase}).',
    refNote: 'The dashed line is the value the target compares with ({phrase}): {value}.',
    differsNote:
      "Targets differ by county or category, so no single target line is drawn; each county's target is in the table.",
    noLineNote:
      "The target is not one number (a range, a cumulative or an assigned quota), so no target line is drawn; each county's target is in the table.",
    progressNote:
      'Some counties are judged on their year-end projection (on pace); the values are year-to-date.',
    changeNote:
      'The target is a change on last year: the charts and the table show the change on last year.',
    outlierNote:
      'Counties marked "outlier" were flagged by the server\'s data-quality check (robust outlier across counties); hover for the reason. The browser computes none.',
    outlierHidden:
      "Outliers come only from the server's data-quality check, which your role may not see, so none are marked here (the browser computes none).",
    outlier: 'outlier',
    outliers: 'Outliers',
    quality: 'Data quality',
    county: 'County',
    summary: '{n} counties: met {met}, nearly met {nearly}, not met {not}, no data {none}',
    rankNote:
      'Ranks follow the gap to the target (positive is better); they are not contest ranks.',
    sheet: 'Indicator',
    code: 'Code',
  },
});
