import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeitaiError } from '../../src/core/errors/index.js';
import type { ImportProblem } from '../../src/io/excel/read.js';
import { writeTemplate } from '../../src/io/excel/template.js';
import { loadBuiltinPlans, loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { importFile, type ImportContext } from '../../src/services/import.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import { testDb, type TestDb } from '../store/dialects.js';

/**
 * Malformed CSV and xlsx files through the real importer on a real SQLite store: each one is
 * either imported cleanly or refused with every problem naming its place, only ever with a
 * LeitaiError, and a refused file writes nothing. `npm run fuzz` runs 1,000 cases (LEITAI_FUZZ_RUNS);
 * the normal suite a fixed sample of 100.
 */
const RUNS = Number(process.env.LEITAI_FUZZ_RUNS ?? 100);
const SEED = Number(process.env.LEITAI_FUZZ_SEED ?? 20261011);
const CSV_RUNS = Math.ceil(RUNS / 2);
const XLSX_RUNS = RUNS - CSV_RUNS;

const register = loadRegister();
const indicators = loadIndicators();
const counties = [...register.regions.values()].filter((r) => r.level === 'county').slice(0, 6);
const chosen = indicators.filter((i) => i.range).slice(0, 5);

let t: TestDb;
let store: Store;
let ctx: ImportContext;

beforeAll(async () => {
  t = testDb('sqlite');
  store = await t.open();
  await initialise(store, {
    regions: [...register.regions.values()],
    plans: loadBuiltinPlans(),
    at: '2026-01-01T00:00:00Z',
  });
  ctx = {
    store,
    register,
    indicators,
    actor: { name: 'fuzz', role: 'province' },
    prefectureOf: (code) => register.get(code)?.parent ?? null,
  };
}, 120_000);

afterAll(async () => {
  console.log('whole-file refusals:', [...refusals].sort((a, b) => b[1] - a[1]).slice(0, 15));
  await store.close();
  await t.drop();
});

async function counts(): Promise<[number, number]> {
  const n = async (table: 'observation' | 'change_set') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return [await n('observation'), await n('change_set')];
}

type Outcome = 'imported' | 'refused' | 'error';

/** The kinds of whole-file refusals met, for the report of a run. */
const refusals = new Map<string, number>();

/**
 * Runs one file through importFile and checks the rules; `place` says what a problem must name.
 * Returns what happened, for the tally.
 */
async function check(
  bytes: Uint8Array,
  file: string,
  place: (p: ImportProblem) => boolean,
): Promise<Outcome> {
  const before = await counts();
  let outcome: Outcome;
  try {
    const report = await importFile(ctx, bytes, file, { at: '2026-10-01T00:00:00Z' });
    if (report.result) return 'imported';
    expect(report.problems.length).toBeGreaterThan(0);
    for (const p of report.problems) {
      if (!place(p)) throw new Error(`problem without its place: ${JSON.stringify(p)}`);
      expect(p.reason.length).toBeGreaterThan(0);
    }
    outcome = 'refused';
  } catch (e) {
    if (!isLeitaiError(e)) throw e;
    // A whole-file refusal names the file.
    expect(e.message.startsWith(`${file}: `) || e.details.file === file, e.message).toBe(true);
    const kind = `${e.code} ${String(e.details.reason ?? '').slice(0, 40)}`;
    refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
    outcome = 'error';
  }
  expect(await counts()).toEqual(before);
  return outcome;
}

// ---- CSV ----

const VALID_CSV = [
  'region,indicator,period,value',
  ...counties.flatMap((c, k) =>
    chosen.map((ind, i) => {
      const [lo, hi] = ind.range!;
      const v = lo + ((k + i) % 5) * ((hi - lo) / 10);
      return `${c.code},${ind.code},2026-09,${ind.kind === 'count' ? Math.round(v) : v.toFixed(1)}`;
    }),
  ),
].join('\n');

type Mutation = (b: Buffer) => Buffer;

/** A place in a file as a fraction of its length (integers: less bias to the very ends). */
const frac = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10_000);

const at = (b: Buffer, f: number) => Math.floor(f * (b.length + 1));

const csvMutation: fc.Arbitrary<Mutation> = fc.oneof(
  frac.map((f) => (b: Buffer) => b.subarray(0, at(b, f))),
  fc.tuple(frac, fc.string({ unit: 'binary', maxLength: 20 })).map(
    ([f, s]) =>
      (b: Buffer) =>
        Buffer.concat([b.subarray(0, at(b, f)), Buffer.from(s), b.subarray(at(b, f))]),
  ),
  fc.tuple(frac, fc.constantFrom(',', '"', '\n', '\r', ',,', '""', '"\n')).map(
    ([f, s]) =>
      (b: Buffer) =>
        Buffer.concat([b.subarray(0, at(b, f)), Buffer.from(s), b.subarray(at(b, f))]),
  ),
  frac.map((f) => (b: Buffer) => {
    // Drop one comma: a missing column.
    const i = b.indexOf(',', at(b, f));
    return i < 0 ? b : Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
  }),
  fc.constant((b: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])),
  fc
    .tuple(frac, fc.uint8Array({ minLength: 1, maxLength: 16 }))
    .map(([f, bytes]) => (b: Buffer) => {
      const out = Buffer.from(b);
      out.set(
        bytes.subarray(0, Math.max(0, out.length - at(b, f))),
        Math.min(at(b, f), out.length),
      );
      return out;
    }),
  fc.tuple(frac, fc.integer({ min: 1000, max: 100_000 })).map(
    ([f, n]) =>
      (b: Buffer) =>
        Buffer.concat([b.subarray(0, at(b, f)), Buffer.alloc(n, 'x'), b.subarray(at(b, f))]),
  ),
  fc.constantFrom<Mutation>(
    (b) => Buffer.from(b.toString('utf8'), 'utf16le'),
    (b) => Buffer.from(b.toString('utf8').replace(/2026/g, '二〇二六'), 'latin1'),
    (b) => Buffer.from(b.toString('utf8').replace(/\n/g, '\r\n')),
    (b) => Buffer.from(b.toString('utf8').replace(/,/g, ';')),
  ),
  fc
    .tuple(
      frac,
      fc.oneof(
        fc.constantFrom('0x10', '1e999', 'Infinity', 'NaN', '-0', '１２', '3.5', '1,000', '—', ''),
        fc.double().map(String),
        fc.string(),
      ),
    )
    .map(([f, v]) => (b: Buffer) => {
      // Replace one value (the last field of a line).
      const lines = b.toString('utf8').split('\n');
      const k = 1 + Math.floor(f * (lines.length - 1));
      if (k >= lines.length) return b;
      lines[k] = lines[k]!.replace(/[^,]*$/, v);
      return Buffer.from(lines.join('\n'));
    }),
);

describe('fuzz: malformed CSV files', () => {
  it(`${CSV_RUNS} mutated files: imported, or refused with line and column, nothing written`, async () => {
    const tally: Record<Outcome, number> = { imported: 0, refused: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(csvMutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        const bytes = ms.reduce<Buffer>((b, m) => m(b), Buffer.from(VALID_CSV));
        // CSV problems name the line and the column.
        const outcome = await check(
          bytes,
          'fuzz.csv',
          (p) => typeof p.row === 'number' && p.row > 0 && !!p.column,
        );
        tally[outcome]++;
      }),
      { numRuns: CSV_RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz CSV ${CSV_RUNS} cases:`, tally);
    expect(tally.refused + tally.error).toBeGreaterThan(0);
  });
});

// ---- xlsx ----

type CellValue = ExcelJS.CellValue;

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.double(),
  fc.integer(),
  fc.date({ noInvalidDate: true }),
  fc.constantFrom<CellValue>(
    { formula: 'SUM(C6:C8)' } as CellValue,
    { formula: '1/0', result: { error: '#DIV/0!' } } as CellValue,
    { formula: 'C6*2', result: 12 } as CellValue,
    '1e999',
    '0x10',
    '\u202e230183',
    'Infinity',
    null,
    true,
    '合计',
    '2026年1-9月',
  ),
  fc.constantFrom(...counties.map((c) => c.name), ...counties.map((c) => c.code)),
);

type Edit = (wb: ExcelJS.Workbook) => void;

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 14 }), cellValue)
    .map(([r, c, v]) => (wb: ExcelJS.Workbook) => {
      const ws = wb.worksheets[0]!;
      ws.getCell(r, c).value = v;
    }),
  fc
    .tuple(
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 2 }),
    )
    .map(([r, c, dr, dc]) => (wb: ExcelJS.Workbook) => {
      try {
        wb.worksheets[0]!.mergeCells(r, c, r + dr, c + dc);
      } catch {
        // Overlapping an existing merge: ExcelJS refuses, the file stays as it was.
      }
    }),
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.array(fc.array(cellValue, { maxLength: 5 }), { maxLength: 5 }),
    )
    .map(([name, rows]) => (wb: ExcelJS.Workbook) => {
      const safe = name.replace(/[\\/?*[\]:']/g, '_').slice(0, 31) || 'x';
      if (wb.worksheets.some((w) => w.name.toLowerCase() === safe.toLowerCase())) return;
      const ws = wb.addWorksheet(safe);
      rows.forEach((cells, r) => cells.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
    }),
  fc.integer({ min: 1, max: 14 }).map((r) => (wb: ExcelJS.Workbook) => {
    wb.worksheets[0]!.spliceRows(r, 1);
  }),
);

type ByteEdit = (b: Buffer) => Buffer;

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  frac.map((f) => (b: Buffer) => b.subarray(0, at(b, f))),
  fc
    .array(fc.tuple(frac, fc.integer({ min: 1, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((flips) => (b: Buffer) => {
      const out = Buffer.from(b);
      for (const [f, x] of flips) {
        const i = Math.min(out.length - 1, Math.floor(f * out.length));
        out[i] = out[i]! ^ x;
      }
      return out;
    }),
);

let TEMPLATE: Buffer;

describe('fuzz: malformed xlsx files', () => {
  beforeAll(async () => {
    TEMPLATE = await writeTemplate({
      title: '县域经济主要指标',
      period: '2026-09',
      regions: counties,
      indicators: chosen,
      lastYear: new Map(),
      current: new Map(
        counties.map((c, k) => [
          c.code,
          new Map(
            chosen.map((ind, i) => {
              const [lo, hi] = ind.range!;
              const v = lo + ((k + i) % 5) * ((hi - lo) / 10);
              return [ind.code, ind.kind === 'count' ? Math.round(v) : Number(v.toFixed(1))];
            }),
          ),
        ]),
      ),
    });
  });

  it(`${XLSX_RUNS} edited workbooks: imported, or refused naming sheet, row and column`, async () => {
    const tally: Record<Outcome, number> = { imported: 0, refused: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { maxLength: 4 }),
        // Two in three keep the zip whole, so the cell edits reach the reader.
        fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: byteEdit, weight: 1 }),
        async (edits, bytesEdit) => {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(TEMPLATE as unknown as ArrayBuffer);
          for (const e of edits) e(wb);
          let bytes: Buffer = Buffer.from(await wb.xlsx.writeBuffer());
          if (bytesEdit) bytes = bytesEdit(bytes);
          // A cell's problem names sheet, row and column; a sheet's problem names the sheet.
          const outcome = await check(
            bytes,
            'fuzz.xlsx',
            (p) => !!p.sheet && (p.row === undefined || (p.row > 0 && !!p.column)),
          );
          tally[outcome]++;
        },
      ),
      { numRuns: XLSX_RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz xlsx ${XLSX_RUNS} cases:`, tally);
    expect(tally.refused + tally.error).toBeGreaterThan(0);
  });
});
