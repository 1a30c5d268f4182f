import { dateOf, isOverdue } from '../periods/index.js';

/**
 * Completeness and timeliness of reporting (SPEC §5): for each county, prefecture and
 * department, how many values were expected for a period, received, approved, late, missing.
 */
export interface Expected {
  region: string;
  prefecture: string | null;
  indicator: string;
  departments: readonly string[];
}

export interface Received {
  region: string;
  indicator: string;
  value: number | null;
  status: string;
  /** When the value was first entered (ISO). */
  firstAt: string;
}

export interface Tally {
  expected: number;
  received: number;
  approved: number;
  late: number;
  missing: number;
}

export interface Completeness {
  due: string;
  overdue: boolean;
  total: Tally;
  byCounty: Map<string, Tally>;
  byPrefecture: Map<string, Tally>;
  byDepartment: Map<string, Tally>;
}

const empty = (): Tally => ({ expected: 0, received: 0, approved: 0, late: 0, missing: 0 });

export function completeness(opts: {
  expected: readonly Expected[];
  received: readonly Received[];
  /** Due date, YYYY-MM-DD; a value first entered after that day (in Asia/Shanghai) is late. */
  due: string;
  /** Now, ISO; decides whether missing values are already overdue. */
  now: string;
}): Completeness {
  const got = new Map(opts.received.map((r) => [`${r.region}|${r.indicator}`, r]));
  // Late and overdue by the calendar day in the province, the due day itself still in time.
  const late = (at: string) => isOverdue(opts.due, dateOf(at));
  const out: Completeness = {
    due: opts.due,
    overdue: late(opts.now),
    total: empty(),
    byCounty: new Map(),
    byPrefecture: new Map(),
    byDepartment: new Map(),
  };
  const bump = (map: Map<string, Tally>, key: string, f: (t: Tally) => void) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = empty()));
    f(t);
  };
  for (const e of opts.expected) {
    const r = got.get(`${e.region}|${e.indicator}`);
    const count = (t: Tally) => {
      t.expected++;
      if (!r || r.value === null) t.missing++;
      else {
        t.received++;
        if (r.status === 'approved') t.approved++;
        if (late(r.firstAt)) t.late++;
      }
    };
    count(out.total);
    bump(out.byCounty, e.region, count);
    if (e.prefecture) bump(out.byPrefecture, e.prefecture, count);
    for (const d of e.departments) bump(out.byDepartment, d, count);
  }
  return out;
}

/** The tally of several tallies (a prefecture's total from its counties). */
export function sumTallies(tallies: readonly Tally[]): Tally {
  const out = empty();
  for (const t of tallies) for (const k of Object.keys(out) as (keyof Tally)[]) out[k] += t[k];
  return out;
}

/**
 * Each county's missing values: the indicators expected of it with no value received (催报),
 * in the order they are expected. Counties with nothing missing are left out.
 */
export function missingByCounty(opts: {
  expected: readonly Expected[];
  received: readonly Pick<Received, 'region' | 'indicator' | 'value'>[];
}): Map<string, string[]> {
  const got = new Set(
    opts.received.filter((r) => r.value !== null).map((r) => `${r.region}|${r.indicator}`),
  );
  const out = new Map<string, string[]>();
  for (const e of opts.expected) {
    if (got.has(`${e.region}|${e.indicator}`)) continue;
    let list = out.get(e.region);
    if (!list) out.set(e.region, (list = []));
    list.push(e.indicator);
  }
  return out;
}

/**
 * The newest month whose reporting is overdue on `today` (its due day, `dueDay` of the next
 * month, has passed): the period an automatic reminder is about. Only this one, so reminders are
 * never made for old periods.
 */
export function newestOverdueMonth(today: string, dueDay = 10): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  // The month before today's is overdue once today's day is past the due day; else the one before.
  const back = d > dueDay ? 1 : 2;
  const total = y * 12 + (m - 1) - back;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
