// Quantitative sub-goals read from task texts: the seeds' own phrases and made-up ones, with the
// subject, number, unit and relation a reader of the plan would write down.
import { describe, expect, it } from 'vitest';
import { parseGoals, taskGoals } from '../../src/core/tasks/goals.js';

const brief = (text: string) =>
  parseGoals(text).map((g) => [g.subject, g.value, g.unit, g.relation, g.growth]);

describe('parseGoals', () => {
  it('reads the seed phrases of the 2026 plan', () => {
    expect(brief('力争县域新增新能源装机容量500万千瓦')).toEqual([
      ['新增新能源装机容量', '500', '万千瓦', 'reach', false],
    ]);
    expect(brief('2026年下达的县域高标准农田1025万亩建设任务尽快全面开工建设')).toEqual([
      ['2026年下达的县域高标准农田', '1025', '万亩', 'reach', false],
    ]);
    expect(brief('大垄密植栽培面积突破4420万亩')).toEqual([
      ['大垄密植栽培面积', '4420', '万亩', 'at_least', false],
    ]);
    expect(brief('全省新增培育县级以上数字化车间和智能工厂10家以上')).toEqual([
      ['县级以上数字化车间和智能工厂', '10', '家', 'at_least', false],
    ]);
    expect(brief('全省县域转化重大科技成果170项左右')).toEqual([
      ['转化重大科技成果', '170', '项', 'about', false],
    ]);
    expect(brief('县域社会消费品零售总额增长4%以上')).toEqual([
      ['社会消费品零售总额', '4', '%', 'at_least', true],
    ]);
  });

  it('keeps a range as printed, both ends, to be reached', () => {
    expect(brief('推动各县集中力量发展1—2个主导工业')).toEqual([
      ['主导工业', '1—2', '个', 'reach', false],
    ]);
    expect(brief('每县建设3-5个示范村')).toEqual([['示范村', '3—5', '个', 'reach', false]]);
  });

  it('gives a growth clause without its own subject the subject before it', () => {
    expect(brief('鹅出栏突破7000万只,增长10%以上')).toEqual([
      ['鹅出栏', '7000', '万只', 'at_least', false],
      ['鹅出栏', '10', '%', 'at_least', true],
    ]);
    expect(brief('中药材、食用菌等高价产品产量达到150万吨、增长20%以上')).toEqual([
      ['中药材、食用菌等高价产品产量', '150', '万吨', 'reach', false],
      ['中药材、食用菌等高价产品产量', '20', '%', 'at_least', true],
    ]);
  });

  it('reads levels, bounds and the counted thing after a counting word', () => {
    expect(brief('比重提升至35%左右')).toEqual([['比重', '35', '%', 'about', false]]);
    expect(brief('单位能耗下降3%以内')).toEqual([['单位能耗', '3', '%', 'at_most', true]]);
    expect(brief('建成7000个“一点多能”村级寄递物流综合服务站')).toEqual([
      ['“一点多能”村级寄递物流综合服务站', '7000', '个', 'reach', false],
    ]);
    expect(brief('年内建成110(66)千伏线路700公里以上')).toEqual([
      ['110(66)千伏线路', '700', '公里', 'at_least', false],
    ]);
    expect(brief('全年培训农民不少于1.5万人次')).toEqual([
      ['培训农民', '1.5', '万人次', 'at_least', false],
    ]);
  });

  it('never guesses a goal from text without a number', () => {
    expect(parseGoals('规模以上制造业企业数字化转型全覆盖')).toEqual([]);
    expect(parseGoals('加快推动办学条件达标')).toEqual([]);
    expect(parseGoals('2026年底前完成')).toEqual([]);
  });

  it('takes a task’s printed goals when listed, else its text', () => {
    const task = { text: '建设农村公路3500公里', goals: [{ printed: '突破30亿元' }] };
    expect(taskGoals(task).map((g) => g.value)).toEqual(['30']);
    expect(taskGoals({ text: '建设农村公路3500公里' })[0]!.printed).toBe('建设农村公路3500公里');
    expect(taskGoals({})).toEqual([]);
  });
});
