import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../evaluate/index.js';
import { side, targetText, targetWords } from './rows.js';
import { provinceRow } from '../testing/bulletin-input.js';
import {
  amount,
  chineseNumber,
  dateWords,
  earlierWords,
  nameList,
  sectionHeading,
  signed,
  subHeading,
} from './words.js';

describe('Chinese numbers, dates and lists', () => {
  it('numbers headings as 公文 do', () => {
    expect([1, 4, 10, 11, 20, 23].map(chineseNumber)).toEqual([
      '一',
      '四',
      '十',
      '十一',
      '二十',
      '二十三',
    ]);
    expect(sectionHeading(3, '预警与问题')).toBe('三、预警与问题');
    expect(subHeading(2, '分类排名')).toBe('(二)分类排名');
  });

  it('writes dates and earlier periods in words', () => {
    expect(dateWords('2026-01-05')).toBe('2026年1月5日');
    expect(earlierWords('2026-06', '2026-09')).toBe('1-6月');
    expect(earlierWords('2026-01', '2026-02')).toBe('1月');
    expect(earlierWords('2025-12', '2026-01')).toBe('2025年1-12月');
  });

  it('says a sign in words, never a minus', () => {
    expect(signed(-0.3, '个百分点', ['回升', '回落'])).toBe('回落0.3个百分点');
    expect(signed(0.04, '个百分点', ['回升', '回落'])).toBeNull();
    expect(amount(-2.5, '亿元')).toBe('负2.5亿元');
    expect(amount(-0.04, '%')).toBe('0.0%');
  });

  it('lists names, cut short when long', () => {
    expect(nameList(['甲县'])).toBe('甲县');
    expect(nameList(['甲县', '乙县', '丙县'])).toBe('甲县、乙县和丙县');
    expect(nameList(['甲', '乙', '丙', '丁'], 2)).toBe('甲、乙等4个县(市)');
  });
});

describe('a row read for the text', () => {
  const row = (over: Partial<ResultRow>) => provinceRow('x', '县域指标', over);

  it('puts the unit into the target as printed', () => {
    expect(targetText(row({ phrase: '5以上' }))).toBe('5%以上');
    expect(targetText(row({ phrase: '750左右', unit: '亿元' }))).toBe('750亿元左右');
    expect(targetText(row({ phrase: '38', unit: '个' }))).toBe('38个');
    expect(targetText(row({ phrase: '增长6%以上' }))).toBe('增长6%以上');
    expect(targetText(row({ phrase: '0.5', unit: '个百分点' }))).toBe('比上年提高0.5个百分点');
    const ref = row({ phrase: '高于全省县域GDP增速', ref: 4.8 });
    expect(targetText(ref)).toBe('高于全省县域GDP增速(4.8%)');
    expect(targetWords(ref)).toBe('高于全省县域GDP增速,参照值4.8%');
  });

  it('tells above from below by the gap, for a lower-is-better target too', () => {
    expect(side(row({ phrase: '5以上', measured: 4.8, gap: -0.2 }))).toBe('below');
    expect(side(row({ phrase: '5以上', measured: 5.3, gap: 0.3 }))).toBe('above');
    expect(side(row({ phrase: '5以上', measured: 5.04, gap: 0.04 }))).toBe('level');
    expect(side(row({ phrase: '5以上', measured: null, gap: null }))).toBeNull();
    // 能耗下降: at most 3, measured 2.5, gap +0.5 on the good side, which is below the target.
    expect(side(row({ phrase: '3以下', measured: 2.5, gap: 0.5 }))).toBe('below');
    expect(side(row({ phrase: '3以下', measured: 3.4, gap: -0.4 }))).toBe('above');
  });
});
