import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * The database, table by table. Values are stored as reported: PostgreSQL `numeric`, SQLite
 * TEXT; both come back as decimal strings, so no value changes on its way through the store.
 * Times are ISO-8601 text in UTC.
 */
export interface Database {
  region: RegionTable;
  plan: PlanTable;
  change_set: ChangeSetTable;
  observation: CurrentObservationTable;
  observation_history: ObservationTable;
  meta: MetaTable;
  app_user: UserTable;
  app_session: SessionTable;
  login_attempt: LoginAttemptTable;
  login_throttle: LoginThrottleTable;
  publication: PublicationTable;
  reminder: ReminderTable;
  admin_log: AdminLogTable;
  bulletin: BulletinTable;
  project: ProjectTable;
  project_report: ProjectReportTable;
  project_report_history: ProjectReportTable;
  task_report: TaskReportTable;
  leading_industry: LeadingIndustryTable;
}

export interface UserTable {
  username: string;
  password_hash: string;
  role: string;
  region: string | null;
  department: string | null;
  display_name: string;
  demo: number;
  created_at: string;
  disabled: Generated<number>;
}

export interface SessionTable {
  id_hash: string;
  username: string;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  address: string;
  at: string;
  ok: number;
}

/** Failed login attempts in the current window; `username` '' is the address's own count. */
export interface LoginThrottleTable {
  username: string;
  address: string;
  window_start: string;
  failures: number;
}

export interface PublicationTable {
  period: string;
  published_at: string;
  published_by: string;
}

/** A reminder (催报) to a county; `auto_key` marks (and de-duplicates) automatic ones. */
export interface ReminderTable {
  id: Generated<number>;
  plan: string;
  period: string;
  region: string;
  /** Due date, YYYY-MM-DD. */
  due: string;
  /** Values still missing when it was sent. */
  missing: number;
  note: string | null;
  sent_by: string;
  sent_at: string;
  auto_key: string | null;
  read_by: string | null;
  read_at: string | null;
}

/** A stored bulletin version; `body` is the core's Bulletin as JSON. */
export interface BulletinTable {
  id: Generated<number>;
  plan: string;
  period: string;
  /** `province` or a prefecture's code. */
  scope: string;
  version: number;
  /** `publish` (made when the period was published) or `regenerate`. */
  reason: string;
  created_at: string;
  created_by: string | null;
  synthetic: number;
  body: string;
}

/** One change to reference data: region attributes, users, plans. `old`/`new` are JSON. */
export interface AdminLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string;
  old: string | null;
  new: string | null;
  reason: string | null;
}

export interface RegionTable {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  kind: string;
  /** JSON object of tri-state attributes (border, eco_zone …). */
  attributes: string;
  synthetic: number;
}

export interface PlanTable {
  id: string;
  /** The plan file as JSON text. */
  body: string;
  builtin: number;
  updated_at: string;
}

/**
 * One act of one person: an import, an edit, a review step. Who, when, why and from what; the
 * revisions it made point to it. Kept apart so a million-row import writes its story once.
 */
export interface ChangeSetTable {
  id: Generated<number>;
  actor: string;
  at: string;
  action: string;
  reason: string | null;
  /** file:name#sha256, user:name, plan:id, synthetic-demo:seed=N. */
  source: string;
  synthetic: number;
  /** What a recorded judgement (人工评定) rests on: a document number, link or file name. */
  evidence: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * Values: `observation` holds the current revision of each (region, indicator, period);
 * `observation_history` every earlier one, moved there unchanged when it is superseded. Nothing
 * is ever updated in place without its predecessor being kept, so with its change set each
 * revision is the audit record (who, when, old value, new value, why). Splitting current from
 * history keeps a first import to one index, which is most of an import's cost.
 */
export interface ObservationTable {
  id: Generated<number>;
  region: string;
  indicator: string;
  period: string;
  revision: number;
  value: string | null;
  status: string;
  change_set: number;
  old_value: string | null;
  old_status: string | null;
}

/**
 * The current revision, with the value published for it: the newest approved revision's value,
 * revision and change set (null when none was ever approved). A pending revision on top of an
 * approved one leaves these alone until it is approved itself.
 */
export interface CurrentObservationTable extends ObservationTable {
  approved_value: string | null;
  approved_revision: number | null;
  approved_change_set: number | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export type ObservationRow = Selectable<CurrentObservationTable>;
export type NewObservationRow = Insertable<CurrentObservationTable>;
export type HistoryRow = Insertable<ObservationTable>;
export type ChangeSetRow = Selectable<ChangeSetTable>;
export type RegionRow = Selectable<RegionTable>;

/** A project of the ledger (项目台账); `name_key` is its name without spaces, unique per county. */
export interface ProjectTable {
  id: string;
  county: string;
  name: string;
  name_key: string;
  created_at: string;
  change_set: number;
  synthetic: number;
}

/**
 * A project's report for a month (YYYY-MM): `body` is the core's ProjectReport as JSON, with its
 * year-to-date investment (万元) beside it for sums. Current revision in `project_report`, every
 * superseded one in `project_report_history`, as values are kept.
 */
export interface ProjectReportTable {
  id: Generated<number>;
  project: string;
  county: string;
  period: string;
  revision: number;
  body: string;
  completed_ytd: string | null;
  status: string;
  change_set: number;
  old_body: string | null;
  old_status: string | null;
}

/** A progress report on a plan's task, by its lead unit; never edited. */
export interface TaskReportTable {
  id: Generated<number>;
  plan: string;
  task: number;
  date: string;
  department: string;
  text: string;
  percent: number | null;
  evidence: string | null;
  done: number;
  change_set: number;
}

/** A county's leading industry; `enterprises` and `figures` are JSON. */
export interface LeadingIndustryTable {
  county: string;
  position: number;
  industry: string;
  policy: string | null;
  enterprises: string;
  figures: string;
  updated_at: string;
  updated_by: string;
  synthetic: number;
}
