import { dec, num, type Decimal } from '../numeric/index.js';
import type { Milestone } from '../projects/types.js';
import { TASK_STATUS_LABELS, type TaskStatus } from '../tasks/types.js';
import type { Block, Cell } from './model.js';
import type { Scope } from './scope.js';
import { count, number, paragraph, table, text } from './tables.js';
import { dateWords, nameList, tallyWords } from './words.js';

// 项目建设 and 重点任务: the project ledger of the period by county (counts, 开工/投产, investment
// against plan, late projects named) and the plan's tasks by status (overdue ones named with
// their lead units). Both sections appear only when the input carries the ledgers.

/** A project as the bulletin reads it; the API's ProjectItem is one. */
export interface BulletinProject {
  county: string;
  countyName: string;
  name: string;
  /** 万元 decimal strings. */
  plannedThisYear: string | null;
  completedYtd: string | null;
  milestones: {
    milestone: Milestone;
    label: string;
    planned: string | null;
    reached: boolean;
    late: boolean;
    monthsLate: number | null;
  }[];
}

/** A task as the bulletin reads it; the API's TaskItem is one. */
export interface BulletinTask {
  no: number;
  title: string;
  lead: string[];
  status: TaskStatus;
  /** YYYY-MM-DD, null without a deadline. */
  dueDate: string | null;
}

export interface BulletinLedgers {
  /** The period's project reports the reader may see; null: no project ledger. */
  projects: readonly BulletinProject[] | null;
  /** The plan's tasks with their status on the bulletin's date; null: the plan lists none. */
  tasks: readonly BulletinTask[] | null;
}

/** Late projects named in the paragraph; the table counts them all. */
const LATE_SHOWN = 10;
/** 万元 → 亿元. */
const WAN_PER_YI = 10000;

export interface CountyProjects {
  county: string;
  countyName: string;
  projects: number;
  started: number;
  operating: number;
  /** 亿元, exact. */
  planned: Decimal;
  completed: Decimal;
  late: { name: string; label: string; planned: string; monthsLate: number }[];
}

const reached = (p: BulletinProject, m: Milestone) =>
  p.milestones.some((x) => x.milestone === m && x.reached);

/** The scope's projects by county, in the scope's county order; counties without any left out. */
export function countyProjects(
  scope: Pick<Scope, 'counties' | 'has'>,
  projects: readonly BulletinProject[],
): CountyProjects[] {
  const by = new Map<string, CountyProjects>();
  for (const p of projects.filter((x) => scope.has(x.county))) {
    let c = by.get(p.county);
    if (!c) {
      c = {
        county: p.county,
        countyName: p.countyName,
        projects: 0,
        started: 0,
        operating: 0,
        planned: dec(0),
        completed: dec(0),
        late: [],
      };
      by.set(p.county, c);
    }
    c.projects++;
    if (reached(p, 'start')) c.started++;
    if (reached(p, 'operate')) c.operating++;
    c.planned = c.planned.plus(dec(p.plannedThisYear ?? 0).div(WAN_PER_YI));
    c.completed = c.completed.plus(dec(p.completedYtd ?? 0).div(WAN_PER_YI));
    // The first late milestone says how far behind the project is.
    const late = p.milestones.find((m) => m.late);
    if (late) {
      const planned = late.planned ?? '';
      c.late.push({ name: p.name, label: late.label, planned, monthsLate: late.monthsLate ?? 0 });
    }
  }
  return scope.counties.flatMap((code) => by.get(code) ?? []);
}

/** completed / planned in %, one decimal as printed; null without a plan. */
function rate(completed: Decimal, planned: Decimal): Cell {
  if (planned.isZero()) return text('—');
  return number(num(completed.div(planned).times(100)), '%');
}

/** "2026-03" → "2026年3月". */
function monthWords(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return `${y}年${m}月`;
}

const lateWords = (c: CountyProjects, l: CountyProjects['late'][number]) =>
  `${l.name}(${c.countyName},计划${monthWords(l.planned)}${l.label},滞后${l.monthsLate}个月)`;

function projectParagraph(scope: Scope, counties: CountyProjects[]): string {
  const sum = (f: (c: CountyProjects) => number) => counties.reduce((s, c) => s + f(c), 0);
  const planned = counties.reduce((s, c) => s.plus(c.planned), dec(0));
  const completed = counties.reduce((s, c) => s.plus(c.completed), dec(0));
  const share = rate(completed, planned);
  const head =
    `${scope.periodWords},${scope.where}${counties.length}个县(市)报送重点产业项目${sum((c) => c.projects)}个,` +
    `其中已开工${sum((c) => c.started)}个、已投产${sum((c) => c.operating)}个;` +
    `本年累计完成投资${number(num(completed), '亿元').text}亿元` +
    (share.value === undefined
      ? '。'
      : `,为年度计划投资${number(num(planned), '亿元').text}亿元的${share.text}%。`);
  const late = counties.flatMap((c) => c.late.map((l) => lateWords(c, l)));
  if (late.length === 0) return `${head}各项目均未滞后于计划节点。`;
  return `${head}${late.length}个项目滞后于计划节点:${nameList(late, LATE_SHOWN, '个项目')}。`;
}

/** 项目建设: a paragraph and the table of counties. */
export function projectSection(scope: Scope): Block[] {
  const projects = scope.input.ledgers?.projects ?? [];
  const counties = countyProjects(scope, projects);
  if (counties.length === 0) {
    return [paragraph(`${scope.periodWords}${scope.where}尚无县(市)报送重点产业项目台账。`)];
  }
  const rows = counties.map((c) => [
    text(c.countyName),
    count(c.projects),
    count(c.started),
    count(c.operating),
    number(num(c.planned), '亿元'),
    number(num(c.completed), '亿元'),
    rate(c.completed, c.planned),
    count(c.late.length),
  ]);
  return [
    paragraph(projectParagraph(scope, counties)),
    table(scope, {
      title: '各县(市)重点产业项目建设情况',
      columns: [
        '县(市)',
        '项目数',
        '已开工',
        '已投产',
        '本年计划投资',
        '累计完成投资',
        '完成率(%)',
        '滞后项目',
      ],
      rows,
      note: '投资单位:亿元(台账按万元报送,合计后折算);已开工、已投产按台账的实际节点计。',
    }),
  ];
}

/** "2011-06-30" → "2011年6月底" (deadlines fall on a month's end). */
const dueWords = (due: string | null) => (due ? `${monthWords(due.slice(0, 7))}底` : '—');

/** 重点任务: the tally by status and the overdue tasks with their lead units. */
export function taskSection(scope: Scope): Block[] {
  const tasks = scope.input.ledgers?.tasks ?? [];
  const n = (s: TaskStatus) => tasks.filter((t) => t.status === s).length;
  const order: TaskStatus[] = ['done', 'in_progress', 'overdue', 'not_started'];
  const tally = tallyWords(order.map((s) => [TASK_STATUS_LABELS[s], n(s)]));
  const overdue = tasks.filter((t) => t.status === 'overdue').sort((a, b) => a.no - b.no);
  const lead = (t: BulletinTask) => (t.lead.length > 0 ? t.lead.join('、') : '—');
  const head = `截至${dateWords(scope.input.date)},计划列出的${tasks.length}项重点任务中,${tally}。`;
  if (overdue.length === 0) return [paragraph(`${head}没有逾期任务。`)];
  const named = overdue.map(
    (t) => `第${t.no}项「${t.title}」${t.lead.length > 0 ? `(牵头单位:${lead(t)})` : ''}`,
  );
  return [
    paragraph(`${head}逾期任务:${nameList(named, LATE_SHOWN, '项任务')}。`),
    table(scope, {
      title: '逾期重点任务',
      columns: ['序号', '任务', '牵头单位', '应完成时间'],
      rows: overdue.map((t) => [
        count(t.no),
        text(t.title),
        text(lead(t)),
        text(dueWords(t.dueDate)),
      ]),
    }),
  ];
}
