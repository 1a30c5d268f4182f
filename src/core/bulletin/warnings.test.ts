import { describe, expect, it } from 'vitest';
import { composeBulletin, type Block, type Bulletin, type BulletinTable } from './index.js';
import {
  baseInput,
  completenessOf,
  finding,
  warning,
  warningsResult,
} from '../testing/bulletin-input.js';

// 三、预警与问题 from hand-made warnings, findings and reporting tallies.

const section = (b: Bulletin) => b.sections[2]!.blocks;
const texts = (blocks: Block[]) => blocks.flatMap((x) => (x.kind === 'paragraph' ? [x.text] : []));
const tables = (blocks: Block[]): BulletinTable[] =>
  blocks.flatMap((x) => (x.kind === 'table' ? [x.table] : []));

const NEGATIVE = '工业增加值增速 2026年1-9月 -2.0%,负增长';
const SHORT = '地区生产总值增速 4.6%,目标「5以上」,未完成,差0.4个百分点';

const input = () =>
  baseInput({
    warnings: warningsResult([
      warning('230124', 'red', NEGATIVE),
      warning('230124', 'yellow', SHORT),
      warning('230221', 'yellow', SHORT),
    ]),
    findings: [
      finding('230123', 'warning', '规模以上工业企业 2户,远低于同组县(市)的中位数'),
      finding('230223', 'error', '税收收入 12.0亿元大于一般公共预算收入 10.0亿元'),
      finding('230221', 'info', '提示'),
    ],
    completeness: completenessOf({
      '230124': { received: 8, approved: 8, missing: 2 },
      '230221': { late: 3 },
    }),
  });

describe('warnings, data quality and reporting', () => {
  const b = composeBulletin(input());
  const blocks = section(b);

  it('counts the counties by level and names the red ones with their messages', () => {
    const [counts, red, yellow] = texts(blocks);
    expect(counts).toBe(
      '按预警规则,全省4个县(市)中,红色预警1个、黄色预警1个、绿色2个;' +
        '共触发红色预警1条、黄色预警2条,其中目标未完成2条、负增长1条。',
    );
    expect(red).toBe(`红色预警县(市):方正县(${NEGATIVE})。`);
    // A yellow county's messages are in the table only.
    expect(yellow).toBe('黄色预警县(市):龙江县(1条),主要是目标未完成1条,详见表2。');
  });

  it('maps every county with its level and tables the red and yellow ones', () => {
    const map = blocks.find((x) => x.kind === 'chart')!;
    if (map.kind !== 'chart' || map.chart.kind !== 'map') throw new Error('no map');
    expect(map.chart.province).toBe('230000');
    expect(map.chart.regions.map((r) => [r.name, r.level])).toEqual([
      ['依兰县', 'green'],
      ['方正县', 'red'],
      ['龙江县', 'yellow'],
      ['依安县', 'green'],
    ]);
    const [warned] = tables(blocks);
    expect(warned!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['方正县', '红色', '1', '1', `${NEGATIVE};${SHORT}`],
      ['龙江县', '黄色', '0', '1', SHORT],
    ]);
    expect(warned!.rows[0]![1]).toMatchObject({ status: 'red' });
  });

  it('lists the findings that need attention, errors first, information left out', () => {
    const quality = texts(blocks)[3]!;
    expect(quality).toBe(
      '本期数据质量检查发现需要核实的问题2条(错误1条、存疑1条),涉及依安县和依兰县;' +
        '按检查项分,税收收入大于一般公共预算收入1条、县际异常值1条。' +
        '主要有:依安县税收收入 12.0亿元大于一般公共预算收入 10.0亿元;' +
        '依兰县规模以上工业企业 2户,远低于同组县(市)的中位数。',
    );
    const findings = tables(blocks)[1]!;
    expect(findings.rows.map((r) => [r[0]!.text, r[1]!.text])).toEqual([
      ['依安县', '错误'],
      ['依兰县', '存疑'],
    ]);
  });

  it('says which counties are missing values past the due date and which were late', () => {
    const reporting = texts(blocks)[4]!;
    // 4 × 10 expected; 方正县 received 8 (2 missing); 龙江县 3 late.
    expect(reporting).toBe(
      '全省各县(市)本期应报数据40项,已报38项,其中已核定38项;' +
        '尚缺2项,已超过报送截止日期(2026年10月10日),涉及方正县(2项);迟报3项,涉及龙江县(3项)。',
    );
    const behind = tables(blocks)[2]!;
    expect(behind.columns).toEqual(['县(市)', '应报', '已报', '已核定', '迟报', '缺报']);
    expect(behind.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['方正县', '10', '8', '8', '0', '2'],
      ['龙江县', '10', '10', '10', '3', '0'],
    ]);
  });

  it('says so when there is nothing to report', () => {
    const quiet = section(composeBulletin(baseInput()));
    expect(texts(quiet)).toEqual([
      '按预警规则,全省4个县(市)本期均未触发预警。',
      '本期数据质量检查未发现需要核实的问题。',
      '全省各县(市)本期应报数据40项,已报40项,其中已核定40项;均按时报送。',
    ]);
    expect(tables(quiet)).toEqual([]);
  });

  it('a prefecture sees only its own counties', () => {
    const mine = composeBulletin({
      ...input(),
      scope: { code: '230100', name: '哈尔滨市', level: 'prefecture' },
      counties: ['230123', '230124'],
    });
    const json = JSON.stringify(section(mine));
    expect(json).not.toContain('龙江县');
    expect(json).not.toContain('依安县');
    expect(texts(section(mine))[0]).toBe(
      '按预警规则,哈尔滨市2个县(市)中,红色预警1个、绿色1个;共触发红色预警1条、黄色预警1条,' +
        '其中负增长1条、目标未完成1条。',
    );
  });
});
