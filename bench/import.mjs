// bench/import: a 1,000,000-row CSV into SQLite and into PostgreSQL through the importer's code
// (parse + validate + all-or-nothing write), and a 100,000-cell xlsx through the workbook reader.
// Run: npm run bench:import  (builds first; PostgreSQL from LEITAI_TEST_PG or the local server).
// Prints figures; asserts nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { generateDemo } from '../dist/core/demo/index.js';
import { readWorkbook } from '../dist/io/excel/read.js';
import { parseObservations } from '../dist/io/observations.js';
import { loadIndicators } from '../dist/io/plans.js';
import { loadRegister } from '../dist/io/regions.js';
import { makeRegister } from '../dist/core/regions/index.js';
import { openStore } from '../dist/store/db.js';
import { applyValues } from '../dist/store/observations.js';
import { saveRegions } from '../dist/store/regions.js';

const ROWS = 1_000_000;
const PG_URL = process.env.LEITAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const dir = mkdtempSync(join(tmpdir(), 'leitai-bench-import-'));
const indicators = loadIndicators();
const real = loadRegister();
const national = generateDemo({
  seed: 1,
  scale: 'national',
  register: real,
  indicators: [],
}).regions;
const register = makeRegister([...real.regions.values(), ...national]);
const counties = [...register.regions.values()].filter((r) => r.level === 'county');
const codes = indicators.map((i) => i.code);
const catalogue = new Map(indicators.map((i) => [i.code, i]));

// A 1,000,000-row file in the SPEC §8 format: counties × indicators × months of 2027 and 2028.
const lines = ['region,indicator,period,value'];
outer: for (let y = 2027; y <= 2030; y++) {
  for (let m = 1; m <= 12; m++) {
    const period = `${y}-${String(m).padStart(2, '0')}`;
    for (const c of counties) {
      for (const code of codes) {
        lines.push(`${c.code},${code},${period},${((lines.length * 7919) % 300) / 10}`);
        if (lines.length > ROWS) break outer;
      }
    }
  }
}
const csvFile = join(dir, 'million.csv');
writeFileSync(csvFile, `${lines.join('\n')}\n`);

async function importInto(url, label) {
  const store = await openStore(url);
  await saveRegions(store, [...register.regions.values()]);
  const t0 = performance.now();
  const changes = parseObservations(readFileSync(csvFile, 'utf8'), csvFile, {
    register,
    indicators: catalogue,
    checkRanges: true,
  });
  const t1 = performance.now();
  const r = await applyValues(store, changes, {
    actor: 'bench',
    source: 'file:million.csv',
    at: new Date().toISOString(),
  });
  const t2 = performance.now();
  await store.close();
  const s = (t2 - t0) / 1000;
  console.log(
    `${label}: ${r.inserted.toLocaleString('en')} rows in ${s.toFixed(2)} s = ${Math.round(r.inserted / s).toLocaleString('en')} rows/s ` +
      `(parse+validate ${((t1 - t0) / 1000).toFixed(2)} s, write ${((t2 - t1) / 1000).toFixed(2)} s)`,
  );
}

console.log(`leitai bench/import — ${cpus().length} cores, Node ${process.version}`);
await importInto(join(dir, 'bench.db'), 'SQLite     ');
const schema = `bench_${Date.now().toString(36)}`;
try {
  await importInto(`${PG_URL}?schema=${schema}`, 'PostgreSQL ');
} finally {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}

// A 100,000-cell workbook in the wide layout: one row per county, one column per indicator.
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('2026年1-9月');
const cols = indicators.slice(0, 34);
ws.addRow(['区划代码', '县(市)', ...cols.map((i) => `${i.name}(${i.unit})`)]);
let cells = 0;
for (const c of counties) {
  if (cells >= 100_000) break;
  ws.addRow([c.code, c.name, ...cols.map((_, j) => ((j * 31 + cells) % 97) / 10)]);
  cells += cols.length;
}
const xlsx = join(dir, 'cells.xlsx');
await wb.xlsx.writeFile(xlsx);
const bytes = readFileSync(xlsx);
const times = [];
let read;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  read = await readWorkbook(bytes, { file: xlsx, period: '2026-09', register, indicators });
  times.push(performance.now() - t);
}
const ms = times.sort((a, b) => a - b)[1];
console.log(
  `xlsx       : ${cells.toLocaleString('en')} cells in ${(ms / 1000).toFixed(2)} s = ${Math.round(cells / (ms / 1000)).toLocaleString('en')} cells/s ` +
    `(${read.rows.length.toLocaleString('en')} values, ${read.problems.length} problems; median of 3)`,
);
rmSync(dir, { recursive: true, force: true });
