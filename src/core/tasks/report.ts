import { LeitaiError } from '../errors/index.js';
import { compareDates, parseDate } from '../periods/index.js';
import type { Actor } from '../review/index.js';

/**
 * Who reports on a task and what a report must hold (issue 16 contract): the province, or a
 * department user whose canonical department is among the task's canonical lead units.
 */
export function mayReport(
  actor: Actor,
  lead: readonly string[],
  canonical: (name: string) => string,
): boolean {
  if (actor.role === 'province') return true;
  if (actor.role !== 'department' || actor.department === undefined) return false;
  const own = canonical(actor.department);
  return lead.some((l) => canonical(l) === own);
}

/** The refusal of a report on another unit's task, naming the task and its lead. */
export function reportDenied(
  actor: Actor,
  task: { no: number; title: string; lead: readonly string[] },
) {
  const lead = task.lead.length ? task.lead.join('、') : '未列明牵头单位';
  const who = actor.department ?? actor.name;
  return new LeitaiError(
    'SCOPE_DENIED',
    `${who} 不是任务${task.no}「${task.title}」的牵头单位(牵头:${lead}),不能报告其进展`,
    { task: task.no, lead: [...task.lead], reason: 'not a lead unit of the task' },
  );
}

export const MAX_REPORT_TEXT = 2000;

export interface ReportInput {
  date: string;
  text: string;
  percent?: number | null;
  evidence?: string | null;
  done?: boolean;
}

const invalid = (field: string, value: string, message: string) =>
  new LeitaiError('INPUT_INVALID', message, { field, value, reason: message });

/** A report checked for `today`: a real date not after today, text, a percentage 0–100. */
export function checkReport(r: ReportInput, today: string): Required<ReportInput> {
  const date = parseDate(r.date, '报告日期');
  if (compareDates(date, today) > 0) {
    throw invalid('date', date, `报告日期 ${date} 晚于今天 ${today}`);
  }
  const text = r.text.trim();
  if (!text) throw invalid('text', r.text, '进展说明不能为空');
  if (text.length > MAX_REPORT_TEXT) {
    throw invalid('text', `${text.length}`, `进展说明过长(不超过${MAX_REPORT_TEXT}字)`);
  }
  const percent = r.percent ?? null;
  if (percent !== null && (!Number.isInteger(percent) || percent < 0 || percent > 100)) {
    throw invalid('percent', String(percent), `完成百分比「${percent}」应为0至100的整数`);
  }
  return {
    date,
    text,
    percent,
    evidence: r.evidence?.trim() || null,
    done: r.done ?? false,
  };
}
