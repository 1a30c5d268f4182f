// A hand-made bulletin of Heilongjiang's 县域 counties (real codes and names from the register),
// with every kind of block: 3 sections, 2 tables, the ranking chart and the map, the synthetic note.
import { readFileSync } from 'node:fs';
import type { Bulletin, Cell } from '../../src/core/bulletin/model.js';
import { ROOT } from '../helpers.js';

export interface County {
  code: string;
  name: string;
  prefecture: string;
}

/** The register's 县, 自治县 and 县级市 (67), in code order. */
export function registerCounties(): County[] {
  const lines = readFileSync(`${ROOT}data/regions/heilongjiang-regions.csv`, 'utf8')
    .trim()
    .split('\n');
  const rows = lines.slice(1).map((l) => l.split(','));
  const names = new Map(rows.map((r) => [r[0]!, r[1]!]));
  return rows
    .filter((r) => r[2] === 'county' && ['县', '自治县', '县级市'].includes(r[4]!))
    .map((r) => ({ code: r[0]!, name: r[1]!, prefecture: names.get(r[3]!)! }));
}

export type Level = 'red' | 'yellow' | 'green' | 'none';

/** The fixture's warning level of the i-th county (0-based). */
export function levelOf(i: number): Level {
  if (i % 7 === 0) return 'red';
  if (i % 5 === 0) return 'yellow';
  if (i % 11 === 3) return 'none';
  return 'green';
}

export const LEVEL_WORDS: Record<Level, string> = {
  red: '红色',
  yellow: '黄色',
  green: '绿色',
  none: '无数据',
};

/** Scores fall by 0.73 a place from 91.35, in hundredths so they stay exact. */
export function scoreOf(i: number): number {
  return (9135 - 73 * i) / 100;
}

const NOTE = '本结果基于合成演示数据(synthetic demo data),不是官方统计数据。';

function headline(): Cell[][] {
  return [
    [
      { text: '地区生产总值增速' },
      { text: '%' },
      { text: '5.0', value: 5, places: 1 },
      { text: '4.8', value: 4.8, places: 1 },
      { text: '基本完成', status: 'nearly_met' },
      { text: '−0.2', value: -0.2, places: 1 },
    ],
    [
      { text: '县域一般公共预算收入' },
      { text: '亿元' },
      { text: '360.0', value: 360, places: 1 },
      { text: '373.4', value: 373.4, places: 1 },
      { text: '完成', status: 'met' },
      { text: '+13.4', value: 13.4, places: 1 },
    ],
    [
      { text: '县域税收收入' },
      { text: '亿元' },
      { text: '160.0', value: 160, places: 1 },
      { text: '148.9', value: 148.9, places: 1 },
      { text: '未完成', status: 'not_met' },
      { text: '−11.1', value: -11.1, places: 1 },
    ],
    [
      { text: '超100亿元县' },
      { text: '个' },
      { text: '35', value: 35, places: 0 },
      { text: '35', value: 35, places: 0 },
      { text: '完成', status: 'met' },
      { text: '0', value: 0, places: 0 },
    ],
    [
      { text: '产业项目投资' },
      { text: '亿元' },
      { text: '700.0', value: 700, places: 1 },
      { text: '—' },
      { text: '无数据', status: 'no_data' },
      { text: '—' },
    ],
  ];
}

function rankingRows(counties: County[]): Cell[][] {
  return counties.map((c, i) => {
    const level = levelOf(i);
    return [
      { text: String(i + 1), value: i + 1, places: 0 },
      { text: c.name },
      { text: c.prefecture },
      { text: scoreOf(i).toFixed(2), value: scoreOf(i), places: 2 },
      level === 'none'
        ? { text: '无数据', status: 'no_data' }
        : { text: LEVEL_WORDS[level], status: level },
    ];
  });
}

const HEADER = {
  plan: 'hlj-county-2026',
  planName: '黑龙江省县域经济高质量发展三年行动方案',
  period: '2026-09',
  periodWords: '2026年1-9月',
  scope: 'province',
  scopeName: '黑龙江省',
  title: '全省县域经济运行情况通报',
  subtitle: '(2026年1-9月)',
  issuer: '黑龙江省县域经济发展工作专班',
  date: '2026-11-30',
  dateWords: '2026年11月30日',
} as const;

/** The bulletin of the first `n` counties (10–67); `synthetic` adds the note. */
export function fixtureBulletin(o: { n?: number; synthetic?: boolean } = {}): Bulletin {
  const counties = registerCounties().slice(0, o.n ?? 20);
  const synthetic = o.synthetic ?? true;
  const red = counties.filter((_, i) => levelOf(i) === 'red').map((c) => c.name);
  return {
    ...HEADER,
    synthetic,
    syntheticNote: synthetic ? NOTE : null,
    empty: null,
    sections: [
      {
        heading: '一、总体情况',
        blocks: [
          {
            kind: 'paragraph',
            text: '1-9月,全省县域地区生产总值同比增长4.8%,低于年度目标0.2个百分点,较1-6月回升0.3个百分点。',
          },
          { kind: 'heading', level: 2, text: '(一)主要指标' },
          {
            kind: 'paragraph',
            text: '5项主要指标中,完成2项,基本完成1项,未完成1项,无数据1项。',
          },
          {
            kind: 'table',
            table: {
              sheet: '主要指标',
              caption: '表1 全省主要指标完成情况',
              columns: ['指标', '单位', '年度目标', '1-9月完成', '状态', '差距'],
              rows: headline(),
              note: '注:差距为完成值减目标值;增速的差距单位为个百分点。',
            },
          },
          { kind: 'heading', level: 3, text: '1.地区生产总值' },
          {
            kind: 'paragraph',
            text: '县域一般公共预算收入完成373.4亿元,超出目标13.4亿元;税收收入148.9亿元,低于目标11.1亿元。',
          },
        ],
      },
      {
        heading: '二、擂台赛排名',
        blocks: [
          {
            kind: 'paragraph',
            text: `${counties[0]!.name}、${counties[1]!.name}、${counties[2]!.name}位居前三。`,
          },
          {
            kind: 'chart',
            chart: {
              kind: 'ranking',
              caption: '图1 擂台赛综合得分',
              bars: counties.map((c, i) => ({ region: c.code, name: c.name, score: scoreOf(i) })),
            },
          },
          {
            kind: 'table',
            table: {
              sheet: '擂台赛排名',
              caption: '表2 擂台赛综合排名',
              columns: ['名次', '县(市)', '所属市(地)', '综合得分', '预警'],
              rows: rankingRows(counties),
            },
          },
        ],
      },
      {
        heading: '三、预警与问题',
        blocks: [
          {
            kind: 'paragraph',
            text: `红色预警${red.length}个:${red.join('、')}。`,
          },
          {
            kind: 'chart',
            chart: {
              kind: 'map',
              caption: '图2 各县预警等级',
              province: '230000',
              regions: counties.map((c, i) => ({ code: c.code, name: c.name, level: levelOf(i) })),
            },
          },
          { kind: 'paragraph', text: '请相关县(市)对照目标查找差距,按月报送整改情况。' },
        ],
      },
    ],
  };
}

export const EMPTY_SENTENCE = '2026年1-9月,全省各县尚无已报送的数据,本期暂无可通报的内容。';

export function emptyBulletin(): Bulletin {
  return {
    ...HEADER,
    synthetic: false,
    syntheticNote: null,
    empty: EMPTY_SENTENCE,
    sections: [],
  };
}
