import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../evaluate/index.js';
import { composeBulletin, type Block, type Bulletin } from './index.js';
import { baseInput, countyRow, evaluation, provinceRow } from '../testing/bulletin-input.js';

// 四、下一步工作: the targets projected short, ordered by how far short, with what the remaining
// months must deliver (worked out here: 112.45 over 3 months is 37.48…, printed 37.5).

const section = (b: Bulletin) => b.sections[3]!.blocks;
const texts = (blocks: Block[]) => blocks.flatMap((x) => (x.kind === 'paragraph' ? [x.text] : []));

/** A year-to-date level projected to `projection` against `target`, `value` done so far. */
function level(
  indicator: string,
  name: string,
  unit: string,
  target: number,
  value: number,
  projection: number,
): ResultRow {
  const gap = Number((projection - target).toFixed(6));
  return provinceRow(indicator, name, {
    unit,
    phrase: `${target}左右`,
    value,
    measured: projection,
    gap,
    status: gap >= 0 ? 'met' : 'not_met',
    progress: {
      basis: 'seasonal',
      share: 0.72,
      done: value / target,
      expected: target * 0.72,
      projection,
      remaining: Number((target - value).toFixed(6)),
      remainingMonths: 3,
    },
  });
}

const budget = level('general_budget_revenue', '县域一般公共预算收入', '亿元', 400, 287.55, 399.3);
// 6 short of 170 is 3.5%: further short than the budget's 0.7 of 400 (0.2%).
const smes = level('new_innovative_smes', '县域新增创新型中小企业', '户', 170, 113, 164);
const investment = level(
  'industrial_project_investment',
  '县域产业项目投资',
  '亿元',
  750,
  543.8,
  756.2,
);
const industry = provinceRow('industry_va_growth', '县域工业增加值增速', {
  phrase: '5.5以上',
  value: 4.1,
  gap: -1.4,
  status: 'not_met',
});

function bulletin(rows: ResultRow[]): Bulletin {
  return composeBulletin(
    baseInput({ evaluation: evaluation([...rows, ...baseInput().evaluation.results]) }),
  );
}

describe('下一步工作', () => {
  const b = bulletin([budget, smes, investment, industry]);

  it('orders the targets projected short by how far short, with what each month must deliver', () => {
    expect(texts(section(b))[0]).toBe(
      '按全年预计值,' +
        '全省县域新增创新型中小企业预计全年完成164户,低于年度目标6户(目标为170户左右),后3个月需完成57户,月均19户;' +
        '全省县域一般公共预算收入预计全年完成399.3亿元,低于年度目标0.7亿元(目标为400亿元左右),' +
        '后3个月需完成112.5亿元,月均37.5亿元。',
    );
  });

  it('names the targets judged on their value and below target now', () => {
    expect(texts(section(b))[1]).toBe(
      '此外,全省县域工业增加值同比增长4.1%,低于年度目标1.4个百分点,需在后3个月加快追赶。',
    );
  });

  it('tables the targets projected short; the one on course is left out', () => {
    const table = section(b).find((x) => x.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.table.columns).toEqual([
      '指标',
      '年度目标',
      '2026年1-9月完成',
      '预计全年',
      '差距',
      '后3个月需完成',
      '月均需完成',
      '单位',
    ]);
    expect(table.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['县域新增创新型中小企业', '170户左右', '113', '164', '\u22126', '57', '19', '户'],
      [
        '县域一般公共预算收入',
        '400亿元左右',
        '287.6',
        '399.3',
        '\u22120.7',
        '112.5',
        '37.5',
        '亿元',
      ],
    ]);
    expect(JSON.stringify(section(b))).not.toContain('县域产业项目投资');
  });

  it('a count’s small monthly need keeps its decimal: 2 over 3 months is 0.7 a month', () => {
    const county = countyRow('230124', {
      indicator: 'tech_transfers',
      name: '转化重大科技成果',
      unit: '项',
      phrase: '2',
      value: 0,
      measured: 0,
      gap: -2,
      status: 'not_met',
      progress: {
        basis: 'linear',
        share: 0.75,
        done: 0,
        expected: 1.5,
        projection: 0,
        remaining: 2,
        remainingMonths: 3,
      },
    });
    const mine = composeBulletin(
      baseInput({
        scope: { code: '230100', name: '哈尔滨市', level: 'prefecture' },
        counties: ['230123', '230124'],
        evaluation: evaluation([...baseInput().evaluation.results, county]),
      }),
    );
    expect(texts(section(mine))[0]).toBe(
      '按全年预计值,方正县转化重大科技成果预计全年完成0项,低于年度目标2项(目标为2项),后3个月需完成2项,月均0.7项。',
    );
    const table = section(mine).find((x) => x.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.table.rows[0]![7]).toMatchObject({ text: '0.7', places: 1 });
  });

  it('numbers the asks, each from what the bulletin found', () => {
    const asks = texts(section(b)).filter((t) => /^\d\./.test(t));
    expect(asks).toEqual([
      '1.围绕县域新增创新型中小企业、县域一般公共预算收入、县域工业增加值增速预计难以完成或尚未达到目标的指标,' +
        '有关部门和县(市)要分析原因、细化措施,确保完成全年目标任务。',
    ]);
  });

  it('after the year, names the targets not met and asks for the reasons', () => {
    const revenue = provinceRow('general_budget_revenue', '县域一般公共预算收入', {
      unit: '亿元',
      phrase: '380以上',
      value: 373.4,
      gap: -6.6,
      status: 'not_met',
    });
    const input = baseInput({
      evaluation: evaluation([revenue, ...baseInput().evaluation.results], '2025'),
    });
    const blocks = section(composeBulletin(input));
    expect(blocks[0]).toEqual({ kind: 'heading', level: 2, text: '(一)未完成目标的指标' });
    expect(texts(blocks)).toEqual([
      '全年未达到年度目标的有:全省县域一般公共预算收入为373.4亿元,低于年度目标6.6亿元。',
      '1.围绕县域一般公共预算收入未完成年度目标的指标,有关部门和县(市)要深入分析原因,' +
        '在下一年度工作中加以改进。',
    ]);
  });
});
