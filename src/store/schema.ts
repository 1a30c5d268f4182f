import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The database, table by table. Values are stored as reported: PostgreSQL `numeric`, SQLite
 * TEXT; both come back as decimal strings, so no value changes on its way through the store.
 * Times are ISO-8601 text in UTC.
 */
export interface Database {
  region: RegionTable;
  plan: PlanTable;
  observation: ObservationTable;
  import_batch: ImportBatchTable;
  meta: MetaTable;
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
 * Every revision of every value: the current one has `current = 1`. A change never updates a
 * value in place; it closes the current revision and adds the next, which is also the audit
 * record (who, when, old value, new value, why).
 */
export interface ObservationTable {
  id: Generated<number>;
  region: string;
  indicator: string;
  period: string;
  revision: number;
  value: string | null;
  status: string;
  action: string;
  reason: string | null;
  source: string;
  actor: string;
  at: string;
  old_value: string | null;
  old_status: string | null;
  current: number;
  synthetic: number;
}

export interface ImportBatchTable {
  id: Generated<number>;
  file: string;
  sha256: string;
  actor: string;
  at: string;
  rows: number;
  changes: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export type ObservationRow = Selectable<ObservationTable>;
export type NewObservationRow = Insertable<ObservationTable>;
export type RegionRow = Selectable<RegionTable>;
