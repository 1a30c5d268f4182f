// 约束性 / 预期性 in the bulletin: the composer adds a 属性 column beside the target when the plan
// prints attributes, and the Word file read back through mammoth carries it.
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import {
  composeBulletin,
  type Bulletin,
  type BulletinTable,
} from '../../src/core/bulletin/index.js';
import {
  baseInput,
  countyRow,
  COUNTIES,
  evaluation,
  provinceRow,
} from '../../src/core/testing/bulletin-input.js';
import { renderBulletin } from '../../src/io/bulletin/index.js';

const tablesOf = (b: Bulletin): BulletinTable[] =>
  b.sections.flatMap((s) => s.blocks).flatMap((k) => (k.kind === 'table' ? [k.table] : []));

/** The province's GDP growth binding (4.8 < 5: 未完成), its budget revenue expected. */
function bulletin(withAttributes: boolean): Bulletin {
  const attr = (a: 'binding' | 'expected') => (withAttributes ? { attribute: a } : {});
  const rows = [
    provinceRow('gdp_growth', '县域地区生产总值增速', {
      value: 4.8,
      gap: -0.2,
      status: 'not_met',
      ...attr('binding'),
    }),
    provinceRow('revenue_growth', '县域一般公共预算收入增速', {
      value: 6,
      gap: 1,
      status: 'met',
      ...attr('expected'),
    }),
    ...COUNTIES.map((c, i) =>
      countyRow(c.code, {
        value: 4 + i,
        status: i >= 1 ? 'met' : 'not_met',
        gap: i - 1,
        ...attr('binding'),
      }),
    ),
  ];
  return composeBulletin(baseInput({ evaluation: evaluation(rows) }));
}

describe('the bulletin shows each target’s 属性', () => {
  it('adds a 属性 column after 目标 in the province and county target tables', () => {
    const [province, counties] = tablesOf(bulletin(true));
    expect(province!.columns.slice(0, 3)).toEqual(['指标', '目标', '属性']);
    expect(province!.rows.map((r) => [r[0]!.text, r[2]!.text])).toEqual([
      ['县域地区生产总值增速', '约束性'],
      ['县域一般公共预算收入增速', '预期性'],
    ]);
    expect(counties!.columns.slice(0, 3)).toEqual(['指标', '目标', '属性']);
    expect(counties!.rows[0]![2]!.text).toBe('约束性');
  });

  it('leaves the tables as they were for a plan without attributes', () => {
    for (const t of tablesOf(bulletin(false))) expect(t.columns).not.toContain('属性');
  });

  it('prints 约束性 and 预期性 in the Word file', async () => {
    const docx = await renderBulletin(bulletin(true), 'docx');
    const { value } = await mammoth.extractRawText({ buffer: docx });
    expect(value).toContain('属性');
    expect(value).toContain('约束性');
    expect(value).toContain('预期性');
    const plain = await mammoth.extractRawText({
      buffer: await renderBulletin(bulletin(false), 'docx'),
    });
    expect(plain.value).not.toContain('约束性');
  });
});
