import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/db.js';
import { tempDir } from '../helpers.js';

/**
 * Every storage test runs on both databases through the same code. PostgreSQL is the local
 * server (LEITAI_TEST_PG, default postgres://postgres@127.0.0.1:5432/test); each run gets its own
 * schema, dropped afterwards. PostgreSQL missing is a failure, never a skip.
 */
export const PG_URL = process.env.LEITAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export const DIALECTS = (process.env.LEITAI_TEST_DIALECTS ?? 'sqlite,postgres').split(',') as (
  'sqlite' | 'postgres'
)[];

export interface TestDb {
  url: string;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

let n = 0;

export function testDb(dialect: 'sqlite' | 'postgres'): TestDb {
  if (dialect === 'sqlite') {
    const dir = tempDir('leitai-db-');
    const url = join(dir, 'test.db');
    return {
      url,
      open: () => openStore(url),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${n++}`;
  const url = `${PG_URL}?schema=${schema}`;
  return {
    url,
    open: () => openStore(url),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}
