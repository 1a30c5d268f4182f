import type { TaskGoal } from './types.js';

/**
 * Quantitative sub-goals (量化目标) read from a task's text: a subject, a number, a unit and how
 * the number binds (以上 / 左右 / 以内 / as printed). General rules over the phrase, never one
 * per example; a clause without a number gives no goal.
 *
 * A range (1—2个) keeps both ends in `value` ("1—2") with relation `reach`: the task asks for a
 * number within it, and nothing here picks one.
 */

// A number, or a range of two joined by a dash or 至/到.
const NUMBER = String.raw`\d+(?:\.\d+)?(?:\s*[—–\-~～至到]\s*\d+(?:\.\d+)?)?`;
// Counting words: the counted thing may follow them (建成7000个服务站).
const CLASSIFIERS = '个|家|项|所|座|处|条|张|户|套|台|辆|床';
const MEASURES = '千瓦|公里|亿元|元|亩次|亩|头|只|斤|吨|人次|人|次|平方米|立方米|千伏';
const UNIT = String.raw`[%％]|个百分点|(?:万|亿|千|百)?(?:${MEASURES}|${CLASSIFIERS})`;
const GOAL = new RegExp(
  String.raw`(增长|提高(?!到)|提升(?!至)|下降|降低|减少)?(突破|超过|达到|不低于|不少于|至少|力争|约|提升至|提高到|控制在)?(${NUMBER})(${UNIT})(以上|以下|以内|左右|上下)?`,
  'gu',
);
const IS_CLASSIFIER = new RegExp(String.raw`^(?:万|亿|千|百)?(?:${CLASSIFIERS})$`, 'u');

const AT_LEAST_BEFORE = ['突破', '超过', '不低于', '不少于', '至少'];

function relationOf(before: string | undefined, after: string | undefined): TaskGoal['relation'] {
  if (after === '以上') return 'at_least';
  if (after === '左右' || after === '上下' || before === '约') return 'about';
  if (after === '以下' || after === '以内' || before === '控制在') return 'at_most';
  if (before && AT_LEAST_BEFORE.includes(before)) return 'at_least';
  return 'reach';
}

// Clause breaks; 、 is not one (中药材、食用菌等高价产品), but a goal ends where the next may start.
const BREAKS = /[,,。;;::]/u;
// Words that only introduce or scope what is counted (力争, 全省, 建成 …), and verbs left
// between the subject and its number (达到, 同比).
const LEAD_WORDS =
  /^(?:力争|确保|实现|完成|新增培育|累计|全年|年内|全省|县域|争取|推动|再支持|支持|建成|建设|新建)+/u;
const TRAILING_WORDS =
  /(?:达到|突破|超过|实现|完成|提升至|提高到|控制在|不低于|不少于|至少|力争|约|同比)+$/u;

const trimmed = (s: string) => s.replace(LEAD_WORDS, '').replace(TRAILING_WORDS, '').trim();

/** What is counted: the phrase after a counting word (7000个服务站), else the words before. */
function subjectOf(clause: string, tail: string, unit: string): string {
  const after = (tail.split(BREAKS)[0] ?? '').trim();
  if (IS_CLASSIFIER.test(unit) && after !== '') return after;
  return trimmed(clause);
}

/** The words before a goal in its clause: from the last break or the goal before it. */
function clauseOf(text: string, from: number, at: number): string {
  const head = text.slice(from, at);
  return (head.split(BREAKS).pop() ?? '').replace(/^[、\s]+/u, '');
}

/** The goals of one text (a task's text or one printed goal), in order of appearance. */
export function parseGoals(text: string): TaskGoal[] {
  const goals: TaskGoal[] = [];
  let from = 0;
  for (const m of text.matchAll(GOAL)) {
    const whole = m[0];
    const [change, before, value, unit, after] = [m[1], m[2], m[3]!, m[4]!, m[5]];
    const at = m.index;
    const clause = clauseOf(text, from, at);
    from = at + whole.length;
    // 鹅出栏突破7000万只,增长10%以上: a growth clause without its own subject is the one before's.
    const subject = subjectOf(clause, text.slice(from), unit) || goals.at(-1)?.subject;
    goals.push({
      printed: (clause + whole).trim(),
      subject: subject ?? change ?? '',
      value: value.replace(/\s+/g, '').replace(/[–\-~～至到]/u, '—'),
      unit: unit === '％' ? '%' : unit,
      relation: relationOf(before, after),
      growth: change !== undefined,
    });
  }
  return goals;
}

/** The goals of a task: from its printed goals when the plan lists them, else from its text. */
export function taskGoals(task: { text?: string; goals?: { printed: string }[] }): TaskGoal[] {
  if (task.goals && task.goals.length > 0) return task.goals.flatMap((g) => parseGoals(g.printed));
  return task.text ? parseGoals(task.text) : [];
}
