import type { DemoLedgers } from '../core/demo/ledgers.js';
import { dueDate, parsePeriod } from '../core/periods/index.js';
import { PROJECT_INVESTMENT_INDICATOR, type ProjectReport } from '../core/projects/types.js';
import type { Status } from '../core/review/index.js';
import type { LeadingIndustry } from '../core/industries/types.js';
import type { Store } from './db.js';
import { replaceLeadingIndustries } from './industries.js';
import { demoStatus } from './init.js';
import { writeReports } from './projects.js';
import { addTaskReport, taskReports } from './tasks.js';

export interface DemoLedgerSummary {
  projectReports: number;
  taskReports: number;
  industryCounties: number;
}

const REASON = '合成演示数据 (synthetic demo data)';

/**
 * Stores the demo's ledgers through the ledgers' own store functions, labelled synthetic. A
 * county's project reports of a month take the review state of its 产业项目投资 value that month
 * (demoStatus), so published months are approved and the newest year's are under review. Running
 * it twice changes nothing: identical reports and industry lists are not written again, and a
 * plan that already has task reports gets no demo ones.
 */
export async function saveDemoLedgers(
  store: Store,
  ledgers: DemoLedgers,
  at: string,
): Promise<DemoLedgerSummary> {
  const summary = { projectReports: 0, taskReports: 0, industryCounties: 0 };
  const by = { actor: 'demo', source: ledgers.source, synthetic: true, reason: REASON };
  for (const g of projectGroups(ledgers)) {
    const c = await writeReports(store, g.period, g.reports, {
      ...by,
      at: atOf(g.period, at),
      status: g.status,
    });
    summary.projectReports += c.created + c.changed;
  }
  for (const plan of new Set(ledgers.tasks.reports.map((r) => r.plan))) {
    if ((await taskReports(store, { plan })).length > 0) continue;
    for (const r of ledgers.tasks.reports.filter((x) => x.plan === plan)) {
      await addTaskReport(store, r, { ...by, at: r.date < at ? `${r.date}T08:00:00.000Z` : at });
      summary.taskReports++;
    }
  }
  const lists = new Map<string, LeadingIndustry[]>();
  for (const i of ledgers.industries) lists.set(i.county, [...(lists.get(i.county) ?? []), i]);
  summary.industryCounties = (await replaceLeadingIndustries(store, lists, { ...by, at })).length;
  return summary;
}

/** A month's reports by review state, months in order. */
function projectGroups(ledgers: DemoLedgers) {
  const newest = Math.max(...ledgers.reports.map((r) => parsePeriod(r.period).year));
  const groups = new Map<string, { period: string; status: Status; reports: ProjectReport[] }>();
  for (const { period, report } of ledgers.reports) {
    const status = demoStatus(report.county, PROJECT_INVESTMENT_INDICATOR, period, newest);
    const key = `${period}|${status}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { period, status, reports: [] }));
    g.reports.push(report);
  }
  return [...groups.values()].sort((a, b) =>
    a.period < b.period ? -1 : a.period > b.period ? 1 : 0,
  );
}

/** When a month's ledger was entered: its due day, never after the database's creation. */
function atOf(period: string, now: string): string {
  const at = `${dueDate(parsePeriod(period))}T02:00:00.000Z`;
  return at < now ? at : now;
}
