import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../evaluate/index.js';
import { SYNTHETIC_NOTE } from '../demo/note.js';
import { composeBulletin, type Bulletin, type BulletinInput } from './index.js';
import {
  baseInput,
  completenessOf,
  evaluation,
  finding,
  provinceRow,
  ranking,
  rankedCounty,
  stability,
  warning,
  warningsResult,
} from '../testing/bulletin-input.js';

// The document as a whole: title, dates, the synthetic note, the empty bulletin, numbering,
// what a prefecture's bulletin may name, and no broken text whatever the numbers.

/** A full input: province targets, a ranking, warnings, findings and late reporting. */
function fullInput(over: Partial<BulletinInput> = {}): BulletinInput {
  const rows = [
    provinceRow('gdp_growth', '县域地区生产总值增速', { value: 4.8, gap: -0.2, status: 'not_met' }),
    ...baseInput().evaluation.results,
  ];
  return baseInput({
    evaluation: evaluation(rows),
    earlier: evaluation(
      [provinceRow('gdp_growth', '县域地区生产总值增速', { value: 4.5 })],
      '2026-06',
    ),
    ranking: ranking([
      rankedCounty('230123', 1, { advanced: true }),
      rankedCounty('230124', 2, { advanced: true, improved: true, change: 1 }),
      rankedCounty('230221', 3),
      rankedCounty('230223', 4),
    ]),
    stability: stability({
      '230123': [1, 2],
      '230124': [1, 3],
      '230221': [3, 3],
      '230223': [4, 4],
    }),
    warnings: warningsResult([warning('230124', 'red', '工业增加值增速 -2.0%,负增长')]),
    findings: [finding('230223', 'error', '税收收入大于一般公共预算收入')],
    completeness: completenessOf({ '230221': { late: 2 } }),
    ...over,
  });
}

const allText = (b: Bulletin) =>
  b.sections.flatMap((s) => [
    s.heading,
    ...s.blocks.flatMap((x) =>
      x.kind === 'paragraph' || x.kind === 'heading'
        ? [x.text]
        : x.kind === 'table'
          ? [x.table.caption, ...x.table.rows.flatMap((r) => r.map((c) => c.text))]
          : [x.chart.caption],
    ),
  ]);

describe('the document', () => {
  it('has its title, subtitle, issuer and date in words', () => {
    const b = composeBulletin(fullInput());
    expect(b).toMatchObject({
      plan: 'hlj-2026',
      period: '2026-09',
      periodWords: '2026年1-9月',
      scope: 'province',
      title: '全省县域经济运行情况通报',
      subtitle: '(2026年1-9月)',
      issuer: '黑龙江省县域经济发展工作专班',
      date: '2026-11-30',
      dateWords: '2026年11月30日',
      synthetic: false,
      syntheticNote: null,
      empty: null,
    });
  });

  it('a year’s bulletin says the year; a synthetic one carries the note', () => {
    const input = fullInput({ synthetic: true, date: '2027-02-05' });
    input.evaluation = { ...input.evaluation, period: '2026' };
    const b = composeBulletin(input);
    expect(b.subtitle).toBe('(2026年)');
    expect(b.dateWords).toBe('2027年2月5日');
    expect(b.syntheticNote).toBe(SYNTHETIC_NOTE);
  });

  it('numbers the sections, sub-headings, tables and charts in order', () => {
    const b = composeBulletin(fullInput());
    expect(b.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、擂台赛排名',
      '三、预警与问题',
      '四、下一步工作',
    ]);
    for (const s of b.sections) {
      const subs = s.blocks.flatMap((x) => (x.kind === 'heading' ? [x.text] : []));
      const numbers = subs.map((t) => /^\((.)\)/.exec(t)?.[1]);
      expect(numbers).toEqual(['一', '二', '三', '四'].slice(0, subs.length));
    }
    const blocks = b.sections.flatMap((s) => s.blocks);
    const tables = blocks.flatMap((x) => (x.kind === 'table' ? [x.table] : []));
    const charts = blocks.flatMap((x) => (x.kind === 'chart' ? [x.chart] : []));
    expect(tables.map((t) => /^表(\d+) /.exec(t.caption)?.[1])).toEqual(
      tables.map((_, i) => String(i + 1)),
    );
    expect(charts.map((c) => c.caption.slice(0, 3))).toEqual(['图1 ', '图2 ']);
    expect(charts.map((c) => c.kind)).toEqual(['ranking', 'map']);
    const sheets = tables.map((t) => t.sheet);
    expect(new Set(sheets).size).toBe(sheets.length);
    for (const s of sheets) expect(s.length).toBeLessThanOrEqual(31);
    for (const t of tables) for (const r of t.rows) expect(r).toHaveLength(t.columns.length);
  });

  it('says plainly when no county has a value, with no sections', () => {
    const rows = baseInput().evaluation.results.map((r) => ({ ...r, value: null, gap: null }));
    const b = composeBulletin(fullInput({ evaluation: evaluation(rows) }));
    expect(b.empty).toBe('2026年1-9月尚无县(市)报送数据,暂不能形成通报。');
    expect(b.sections).toEqual([]);
    const mine = composeBulletin(
      fullInput({
        evaluation: evaluation(rows),
        scope: { code: '230100', name: '哈尔滨市', level: 'prefecture' },
        counties: ['230123', '230124'],
      }),
    );
    expect(mine.empty).toBe('2026年1-9月哈尔滨市尚无县(市)报送数据,暂不能形成通报。');
    expect(mine.title).toBe('哈尔滨市县域经济运行情况通报');
  });

  it('a prefecture’s bulletin speaks of its counties only, and of no province figure', () => {
    const b = composeBulletin(
      fullInput({
        scope: { code: '230200', name: '齐齐哈尔市', level: 'prefecture' },
        counties: ['230221', '230223'],
      }),
    );
    expect(b.scope).toBe('230200');
    const text = allText(b).join('\n');
    for (const other of ['依兰县', '方正县', '哈尔滨市']) expect(text).not.toContain(other);
    expect(text).not.toContain('全省县域地区生产总值');
    expect(text).toContain('龙江县');
    expect(text).toContain('依安县');
  });

  it('never prints a code for a county', () => {
    const text = allText(composeBulletin(fullInput())).join('\n');
    expect(text).not.toMatch(/2302\d\d/);
  });
});

/** A number as the data may hold it: a few decimals, either sign, or missing. */
const maybe = fc.option(
  fc.integer({ min: -99999, max: 99999 }).map((n) => n / 100),
  { nil: null },
);

describe('whatever the numbers', () => {
  it('no NaN, undefined, null, Infinity or a dash inside a sentence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(maybe, maybe, maybe, maybe, maybe, fc.boolean()), {
          minLength: 1,
          maxLength: 6,
        }),
        maybe,
        (cells, earlier) => {
          const rows: ResultRow[] = cells.map(([v, gap, previous, e, ref, ytd], i) => {
            // Year-to-date levels and counts (what the engine projects) are not negative.
            const value = ytd && v !== null ? Math.abs(v) : v;
            const expected = e === null ? null : Math.abs(e);
            return provinceRow(`ind${i}`, `县域指标${i}增速`, {
              unit: ytd ? '亿元' : i % 2 ? '个百分点' : '%',
              phrase: i % 3 ? `${i}左右` : '高于全省县域GDP增速',
              value,
              gap,
              measured: value,
              status: value === null ? 'no_data' : gap !== null && gap < 0 ? 'not_met' : 'met',
              ...(ytd
                ? {
                    progress: {
                      basis: 'linear',
                      share: 0.75,
                      done: value === null ? null : value / 100,
                      expected,
                      projection: value ?? 0,
                      remaining: expected,
                      remainingMonths: 3,
                    },
                  }
                : { previous, ref }),
            });
          });
          const input = fullInput({
            // The warnings' own messages print signed numbers ("-2.0%,负增长"): none here.
            warnings: warningsResult([]),
            // The same numbers as one county's targets too (section 四 counts those short).
            evaluation: evaluation([
              ...rows,
              ...rows.map((r) => ({ ...r, region: '230124', regionName: '方正县', scope: 'all' })),
              ...baseInput().evaluation.results,
            ]),
            earlier: evaluation(
              rows.map((r) => ({ ...r, value: earlier })),
              '2026-06',
            ),
          });
          const b = composeBulletin(input);
          expect(JSON.stringify(b.sections)).not.toMatch(/NaN|undefined|null|Infinity/);
          for (const s of b.sections)
            for (const x of s.blocks)
              if (x.kind === 'paragraph') {
                expect(x.text).not.toContain('—');
                // A sign is said in words (增长/下降, 高于/低于): no minus before a number.
                expect(x.text).not.toMatch(/(^|[^\d])[-−]\d/);
              }
        },
      ),
      { numRuns: 300 },
    );
  });
});
