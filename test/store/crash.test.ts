import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStore } from '../../src/store/db.js';
import { leitai, ROOT, tempDir } from '../helpers.js';
import { DIALECTS, testDb, type TestDb } from './dialects.js';

// Six kills at points spread over the import on each database (ten doubled the file's time).
const KILLS = 6;

/** Deterministic "random" kill points, so a failure can be replayed. */
function* points(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x / 2147483648;
  }
}

function importAndKill(
  file: string,
  db: string,
  afterMs: number,
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/leitai'), 'import', file, '--db', db], {
      stdio: 'ignore',
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, afterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed: killed && code === null, code });
    });
  });
}

describe.each(DIALECTS)('an import killed with SIGKILL on %s', (dialect) => {
  let t: TestDb;
  const dir = tempDir('leitai-crash-');
  const file = join(dir, 'big.csv');
  let rows = 0;

  beforeAll(() => {
    t = testDb(dialect);
    expect(leitai('db', 'init', '--db', t.url).code).toBe(0);
    const counties = [
      '230123',
      '230124',
      '230125',
      '230126',
      '230127',
      '230128',
      '230129',
      '230183',
      '230184',
    ];
    const codes = [
      'gdp',
      'industry_va',
      'general_budget_revenue',
      'tax_revenue',
      'industrial_project_investment',
      'tech_transfers',
    ];
    const lines = ['region,indicator,period,value'];
    // 150 years of months within the periods the program accepts (1949–2100).
    for (let y = 1950; y < 1950 + 150; y++)
      for (let m = 1; m <= 12; m++)
        for (const c of counties)
          for (const code of codes)
            lines.push(
              // tech_transfers is a count: whole numbers only.
              `${c},${code},${y}-${String(m).padStart(2, '0')},${code === 'tech_transfers' ? lines.length % 90 : (lines.length % 900) / 10}`,
            );
    rows = lines.length - 1;
    writeFileSync(file, `${lines.join('\n')}\n`);
  });
  afterAll(async () => {
    await t.drop();
  });

  async function check(): Promise<number> {
    const store = await openStore(t.url);
    try {
      if (store.dialect === 'sqlite') {
        const r = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
        expect(r.rows[0]?.integrity_check).toBe('ok');
      }
      let n = 0;
      for (const table of ['observation', 'observation_history'] as const) {
        const c = await store.db
          .selectFrom(`${table} as o` as 'observation as o')
          .innerJoin('change_set as c', 'c.id', 'o.change_set')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('c.source', 'like', 'file:big.csv%')
          .executeTakeFirstOrThrow();
        n += Number(c.n);
      }
      return n;
    } finally {
      await store.close();
    }
  }

  it(`holds none or all of the file after each of ${KILLS} kills, and all after a full run`, async () => {
    const started = Date.now();
    const full = await importAndKill(file, t.url, 120_000);
    const duration = Date.now() - started;
    expect(full.code).toBe(0);
    expect(await check()).toBe(rows);
    // Start afresh for the kills: a new value for every row, so an interrupted run would show.
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /,(\d+(\.\d)?)\n/g,
        (_m, v: string) => `,${Number(v) + 1}\n`,
      ),
    );
    const seen: number[] = [];
    const at = points(dialect === 'sqlite' ? 7 : 11);
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      const r = await importAndKill(file, t.url, 150 + at.next().value * duration);
      if (r.killed) killed++;
      const n = await check();
      expect([rows, 2 * rows]).toContain(n);
      seen.push(n);
    }
    expect(killed).toBeGreaterThanOrEqual(KILLS / 2);
    const done = await importAndKill(file, t.url, 120_000);
    expect(done.code).toBe(0);
    expect(await check()).toBe(2 * rows);
  }, 300_000);
});
