// bench/statements: 20,000 point selects through Kysely on SQLite, with every statement prepared
// anew (Kysely's own SqliteDialect over the plain better-sqlite3 handle) and with the store's
// statement cache (src/store/statements.ts). Run: npm run bench:statements (builds first).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { loadRegister } from '../dist/io/regions.js';
import { openStore } from '../dist/store/db.js';
import { saveRegions } from '../dist/store/regions.js';
import { cachingStatements } from '../dist/store/statements.js';

const N = 20_000;
const ROUNDS = 5;
const dir = mkdtempSync(join(tmpdir(), 'leitai-bench-stmt-'));
const store = await openStore(join(dir, 'bench.db'));
await saveRegions(store, [...loadRegister().regions.values()]);
const codes = (await store.db.selectFrom('region').select('code').execute()).map((r) => r.code);

// Both Kysely instances share the store's one better-sqlite3 handle; neither is destroyed
// (that would close it), the store closes it at the end.
const fresh = new Kysely({ dialect: new SqliteDialect({ database: store.sqlite }) });
const cached = new Kysely({
  dialect: new SqliteDialect({ database: cachingStatements(store.sqlite) }),
});

async function pointSelects(db) {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const row = await db
      .selectFrom('region')
      .select(['code', 'name', 'level'])
      .where('code', '=', codes[i % codes.length])
      .executeTakeFirst();
    if (!row) throw new Error('missing region');
  }
  return performance.now() - t0;
}

await pointSelects(fresh); // warm up both paths (JIT, page cache)
await pointSelects(cached);
const times = { fresh: [], cached: [] };
for (let r = 0; r < ROUNDS; r++) {
  times.fresh.push(await pointSelects(fresh));
  times.cached.push(await pointSelects(cached));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (name, ms) =>
  `${name.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  ${((N / ms) * 1000).toFixed(0).padStart(7)} selects/s  ${((ms * 1000) / N).toFixed(1)} µs/select`;
console.log(
  `leitai bench/statements — ${cpus().length} cores, Node ${process.version}; ${N} point selects, median of ${ROUNDS}`,
);
console.log(show('prepared anew (Kysely)', median(times.fresh)));
console.log(show('statement cache (store)', median(times.cached)));
console.log(`speed-up ×${(median(times.fresh) / median(times.cached)).toFixed(2)}`);
await store.close();
rmSync(dir, { recursive: true, force: true });
