import { describe, expect, it } from 'vitest';
import type { CountyRanking } from '../ranking/index.js';
import { composeBulletin, type Block, type Bulletin } from './index.js';
import { baseInput, ranking, rankedCounty, stability } from '../testing/bulletin-input.js';

// 二、擂台赛排名 from a hand-made ranking of the four counties: 依兰县 1st (先进县), 方正县 2nd
// (先进县, up 3 places: 进步县), 龙江县 3rd (down 2), 依安县 4th (no previous rank).

const counties = (): CountyRanking[] => [
  rankedCounty('230123', 1, { advanced: true }),
  rankedCounty('230124', 2, { advanced: true, improved: true, change: 3, previousRank: 5 }),
  rankedCounty('230221', 3, { change: -2, previousRank: 1 }),
  rankedCounty('230223', 4, { change: null, previousRank: null }),
];

const section = (b: Bulletin) => b.sections[1]!.blocks;
const texts = (blocks: Block[]) => blocks.flatMap((x) => (x.kind === 'paragraph' ? [x.text] : []));

describe('the 擂台赛 section', () => {
  const b = composeBulletin(
    baseInput({
      ranking: ranking(counties()),
      stability: stability({
        '230123': [1, 1],
        '230124': [2, 3],
        '230221': [2, 4],
        '230223': [4, 4],
      }),
    }),
  );

  it('names the 先进县 and 进步县 with the places gained', () => {
    expect(texts(section(b))[0]).toBe(
      '2026年1-9月擂台赛共有4个县(市)参加排名;综合得分前2名为先进县:依兰县、方正县;' +
        '进步县1个:方正县(上升3位)。',
    );
  });

  it('counts the rank changes since the previous period', () => {
    expect(texts(section(b))[1]).toBe(
      '与2026年1-8月相比,名次上升的1个、下降的1个、持平的1个;' +
        '上升较多的有方正县(上升3位);下降较多的有龙江县(下降2位)。',
    );
  });

  it('says which neighbouring ranks the weight draws cannot tell apart', () => {
    // [1,1] is clear of [2,3]; [2,3], [2,4] and [4,4] overlap in a run: 第2至第4名.
    expect(texts(section(b))[2]).toBe(
      '按各项权重在±25%内随机浮动、轮换归一化与汇总方法抽样200次测算,' +
        '第2至第4名相邻县(市)的名次区间(5%–95%)相互重叠,得分差距小于权重变化带来的波动,' +
        '名次差异不宜过度解读;依兰县的名次区间与相邻县(市)不重叠,名次较为稳定。',
    );
  });

  it('charts the scores best first and tables every county', () => {
    const chart = section(b).find((x) => x.kind === 'chart')!;
    if (chart.kind !== 'chart' || chart.chart.kind !== 'ranking') throw new Error('no chart');
    expect(chart.chart.caption).toBe('图1 全省各县(市)擂台赛综合得分');
    expect(chart.chart.bars.map((x) => [x.name, x.score])).toEqual([
      ['依兰县', 105],
      ['方正县', 100],
      ['龙江县', 95],
      ['依安县', 90],
    ]);
    const tables = section(b).filter((x) => x.kind === 'table');
    const [overall, byCategory] = tables.map((x) => (x.kind === 'table' ? x.table : null));
    expect(overall!.columns).toEqual([
      '名次',
      '县(市)',
      '所属市(地)',
      '综合得分',
      '较上期变化',
      '备注',
    ]);
    expect(overall!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['1', '依兰县', '哈尔滨市', '105.0', '持平', '先进县'],
      ['2', '方正县', '哈尔滨市', '100.0', '上升3位', '先进县、进步县'],
      ['3', '龙江县', '齐齐哈尔市', '95.0', '下降2位', ''],
      ['4', '依安县', '齐齐哈尔市', '90.0', '—', ''],
    ]);
    expect(overall!.rows[1]![4]).toMatchObject({ value: 3, places: 0 });
    expect(byCategory!.columns).toEqual(['类别', '类别内名次', '县(市)', '综合得分', '全省名次']);
    expect(byCategory!.rows.map((r) => r[2]!.text)).toEqual([
      '依兰县',
      '方正县',
      '龙江县',
      '依安县',
    ]);
  });

  it('caps the chart at 30 bars', () => {
    const many = Array.from({ length: 35 }, (_, i) =>
      rankedCounty('230123', i + 1, {
        region: `2399${String(i).padStart(2, '0')}`,
        regionName: `县${i + 1}`,
      }),
    );
    const input = baseInput({
      ranking: ranking(many),
      counties: [...baseInput().counties, ...many.map((c) => c.region)],
    });
    const chart = section(composeBulletin(input)).find((x) => x.kind === 'chart')!;
    if (chart.kind !== 'chart' || chart.chart.kind !== 'ranking') throw new Error('no chart');
    expect(chart.chart.bars).toHaveLength(30);
    expect(chart.chart.bars[0]!.name).toBe('县1');
    expect(chart.chart.caption).toBe('图1 全省各县(市)擂台赛综合得分(前30名)');
  });

  it('says plainly when nothing could be ranked', () => {
    const none = composeBulletin(baseInput({ ranking: null }));
    expect(texts(section(none))).toEqual([
      '2026年1-9月没有可排名的县(市)数据,本期未进行擂台赛排名。',
    ]);
  });
});

describe('a prefecture’s 擂台赛', () => {
  it('lists its counties with their province ranks and 市内名次, and no other county', () => {
    const b = composeBulletin(
      baseInput({
        scope: { code: '230200', name: '齐齐哈尔市', level: 'prefecture' },
        counties: ['230221', '230223'],
        ranking: ranking(counties()),
        stability: stability({
          '230123': [1, 1],
          '230124': [2, 3],
          '230221': [2, 4],
          '230223': [4, 4],
        }),
      }),
    );
    const blocks = section(b);
    expect(texts(blocks)[0]).toBe(
      '齐齐哈尔市2个县(市)参加全省擂台赛排名,市内名次依次为龙江县(全省第3名)、依安县(全省第4名);' +
        '暂无县(市)进入全省先进县(前2名)。',
    );
    expect(texts(blocks)[2]).toContain('龙江县、依安县相邻县(市)的名次区间(5%–95%)相互重叠');
    const table = blocks.find((x) => x.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.table.columns).toEqual([
      '市内名次',
      '县(市)',
      '全省名次',
      '综合得分',
      '较上期变化',
      '备注',
    ]);
    expect(table.table.rows.map((r) => r.slice(0, 3).map((c) => c.text))).toEqual([
      ['1', '龙江县', '3'],
      ['2', '依安县', '4'],
    ]);
    const json = JSON.stringify(blocks);
    expect(json).not.toContain('依兰县');
    expect(json).not.toContain('方正县');
  });
});

describe('the 擂台赛 section with per-category awards', () => {
  it('names each category`s 先进县 and 进步县 when the plan sets them', () => {
    const base = ranking(counties());
    const b = composeBulletin(
      baseInput({
        ranking: {
          ...base,
          method: { ...base.method, awards: { top: 1, improved: 1 } },
          categoryAwards: [
            {
              category: 'industrial',
              name: '工业县',
              advanced: [{ region: '230123', regionName: '依兰县', rank: 1 }],
              improved: [{ region: '230124', regionName: '方正县', rank: 2, change: 3 }],
            },
          ],
        },
      }),
    );
    expect(texts(section(b))).toContain(
      '按类别评选(各类别前1名为先进县,类别内名次上升最多的1个为进步县):' +
        '工业县先进县依兰县,进步县方正县(类别内上升3位)。',
    );
  });

  it('says nothing of them when the plan names awards overall only', () => {
    const b = composeBulletin(baseInput({ ranking: ranking(counties()) }));
    expect(texts(section(b)).join()).not.toContain('按类别评选');
  });
});
