import { MILESTONES, MILESTONE_LABELS, PROJECT_TYPE_LABELS, type ProjectReport } from './types.js';

/** One field a revision changed, for people: its label and the old and new text. */
export interface FieldChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
}

type Read = (r: ProjectReport) => string | null;

const FIELDS: [string, string, Read][] = [
  ['name', '项目名称', (r) => r.name],
  ['company', '建设单位', (r) => r.company],
  ['industry', '所属产业', (r) => r.industry],
  ['type', '建设性质', (r) => (r.type ? PROJECT_TYPE_LABELS[r.type] : null)],
  ['flags', '标签', (r) => (r.flags.length ? r.flags.join('、') : null)],
  ['totalInvestment', '总投资(万元)', (r) => r.totalInvestment],
  ['plannedThisYear', '本年计划投资(万元)', (r) => r.plannedThisYear],
  ['completedYtd', '本年累计完成投资(万元)', (r) => r.completedYtd],
  ...MILESTONES.flatMap((m): [string, string, Read][] => [
    [`planned.${m}`, `${MILESTONE_LABELS[m]}计划`, (r) => r.planned[m] ?? null],
    [
      `actual.${m}`,
      `${MILESTONE_LABELS[m]}实际`,
      // Reached without a date reads as the ledger wrote it: 已开工.
      (r) => (Object.hasOwn(r.actual, m) ? (r.actual[m] ?? `已${MILESTONE_LABELS[m]}`) : null),
    ],
  ]),
  ['progress', '形象进度', (r) => r.progress],
  ['problems', '存在问题', (r) => r.problems],
  ['leader', '包联领导', (r) => r.leader],
];

/** The fields that differ between two revisions of a report (all of them against no old one). */
export function reportChanges(old: ProjectReport | null, next: ProjectReport): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, label, read] of FIELDS) {
    const a = old ? read(old) : null;
    const b = read(next);
    if (a !== b) out.push({ field, label, old: a, new: b });
  }
  return out;
}
