import { round } from '../core/numeric/index.js';
import type { ProjectItem } from '../core/projects/item.js';
import { MILESTONES, MILESTONE_LABELS } from '../core/projects/types.js';

export type ExportCell = string | number | null;

/** 谋划计划, 谋划实际 … 达产实际. */
const MILESTONE_HEADERS = MILESTONES.flatMap((m) => [
  `${MILESTONE_LABELS[m]}计划`,
  `${MILESTONE_LABELS[m]}实际`,
]);

const HEADER = [
  '项目编号',
  '所属市(地)',
  '所在县',
  '项目名称',
  '建设单位',
  '所属产业',
  '建设性质',
  '标签',
  '总投资(万元)',
  '本年计划投资(万元)',
  '本年累计完成投资(万元)',
  '完成本年计划(%)',
  ...MILESTONE_HEADERS,
  '当前阶段',
  '是否滞后',
  '滞后月数',
  '形象进度',
  '存在问题',
  '包联领导',
  '审核状态',
  '版本',
  '数据性质',
];

const money = (v: string | null): number | null => (v === null ? null : Number(v));

/** A milestone's actual cell: the date, 已开工 when reached without one, blank when not reached. */
function actualCell(m: ProjectItem['milestones'][number]): string | null {
  if (!m.reached) return null;
  return m.actual ?? `已${m.label}`;
}

function row(p: ProjectItem): ExportCell[] {
  const late = p.milestones.map((m) => m.monthsLate ?? 0);
  return [
    p.id,
    p.prefectureName,
    p.countyName,
    p.name,
    p.company,
    p.industry,
    p.typeLabel,
    p.flags.join('、') || null,
    money(p.totalInvestment),
    money(p.plannedThisYear),
    money(p.completedYtd),
    p.shareOfPlan === null ? null : round(p.shareOfPlan, 1),
    ...p.milestones.flatMap((m) => [m.planned, actualCell(m)]),
    p.stageLabel,
    p.late ? '是' : '否',
    p.late ? Math.max(...late) : null,
    p.progress,
    p.problems,
    p.leader,
    p.statusLabel,
    p.revision,
    p.synthetic ? '合成演示数据' : '上报数据',
  ];
}

/**
 * A project list as a table with Chinese headers, for CSV and xlsx export (CLI and API alike).
 * Money stays in 万元 as the ledger has it; the share of plan is rounded once, here, to 0.1.
 */
export function projectRowsForExport(items: readonly ProjectItem[]): {
  header: string[];
  rows: ExportCell[][];
} {
  return { header: [...HEADER], rows: items.map(row) };
}
