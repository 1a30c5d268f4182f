import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it is, without any password: for messages. */
  label: string;
  /** PostgreSQL `?schema=`: where this installation's tables, migration tables included, live. */
  schema?: string;
  /** How to open it again (password included, never shown): a worker opens its own store. */
  url?: string;
  /** The underlying SQLite handle, for the bulk path. */
  sqlite?: SqliteDatabase.Database;
  /** The PostgreSQL pool, for the bulk path (COPY needs the raw client). */
  pool?: pg.Pool;
  close(): Promise<void>;
}
