import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { mayWrite } from '../../core/review/index.js';
import { readWorkbook, type ImportProblem } from '../../io/excel/read.js';
import { parseObservations } from '../../io/observations.js';
import { applyValues, type Change } from '../../store/observations.js';
import { progressReporter } from '../progress.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';

/** Largest file an import accepts: a province's year of monthly data is a few MB. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

interface Options extends StoreOptions {
  period?: string;
  reason?: string;
}

function where(p: ImportProblem): string {
  return [
    p.sheet && `工作表「${p.sheet}」`,
    p.row && `第${p.row}行`,
    p.column && `${p.column}列`,
    p.value !== undefined && `值「${p.value}」`,
  ]
    .filter(Boolean)
    .join(' ');
}

export function registerImport(program: Command): void {
  addStoreOptions(
    program
      .command('import <file>')
      .description(
        '导入 CSV 或 Excel (.xlsx):先校验全部内容,有任何问题则一条也不写入;重复导入同一文件不改变数据',
      )
      .option('--period <p>', '期别,如 2026-09;表中写明的期别须与之一致')
      .option('--reason <text>', '修改已核定数值的原因'),
  ).action(async (file: string, o: Options) => {
    let size: number;
    try {
      size = statSync(file).size;
    } catch (e) {
      throw new LeitaiError('INPUT_INVALID', `无法读取文件 ${file}: ${(e as Error).message}`, {
        file,
        reason: 'unreadable',
      });
    }
    if (size === 0)
      throw new LeitaiError('IMPORT_INVALID', `${file}: 文件为空`, { file, reason: 'empty file' });
    if (size > MAX_IMPORT_BYTES) {
      throw new LeitaiError(
        'IMPORT_INVALID',
        `${file}: 文件过大 (${size} 字节,上限 ${MAX_IMPORT_BYTES})`,
        { file, reason: 'file too large' },
      );
    }
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await withStore(o, async (ctx) => {
      const catalogue = new Map(ctx.indicators.map((i) => [i.code, i]));
      const problems: ImportProblem[] = [];
      let changes: Change[] = [];
      // A zip (xlsx), an old OLE2 workbook (.xls, refused with a clear message) or the name says so.
      const ole2 = bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
      const isXlsx =
        bytes.subarray(0, 2).toString('latin1') === 'PK' || ole2 || /\.xlsx?$/i.test(file);
      if (isXlsx) {
        const read = await readWorkbook(bytes, {
          file,
          period: o.period,
          register: ctx.register,
          indicators: ctx.indicators,
        });
        problems.push(...read.problems);
        changes = read.rows.map(({ region, indicator, period, value }) => ({
          region,
          indicator,
          period,
          value,
        }));
        const cells = new Map(
          read.rows.map((r) => [`${r.region}|${r.indicator}|${r.period}`, r.at]),
        );
        for (const c of changes) {
          if (!mayWrite(ctx.actor, c.region, ctx.prefectureOf(c.region))) {
            const at = cells.get(`${c.region}|${c.indicator}|${c.period}`);
            problems.push({
              ...at,
              value: c.region,
              reason: `${ctx.actor.name} 无权写入 ${c.region} 的数据`,
            });
          }
        }
      } else {
        const errors: LeitaiError[] = [];
        const rows = parseObservations(bytes.toString('utf8'), file, {
          register: ctx.register,
          indicators: catalogue,
          problems: errors,
          checkRanges: true,
        });
        for (const e of errors) {
          problems.push({
            row: e.details.line,
            column: String(e.details.column ?? ''),
            value: e.details.value,
            reason: e.details.reason ?? e.message,
          });
        }
        for (const obs of rows) {
          if (!mayWrite(ctx.actor, obs.region, ctx.prefectureOf(obs.region))) {
            problems.push({
              row: obs.line,
              column: 'region',
              value: obs.region,
              reason: `${ctx.actor.name} 无权写入 ${obs.region} 的数据`,
            });
          }
          changes.push({
            region: obs.region,
            indicator: obs.indicator,
            period: obs.period,
            value: obs.value,
          });
        }
      }
      if (problems.length > 0) {
        for (const p of problems.slice(0, 200))
          process.stderr.write(`  ${where(p)}: ${p.reason}\n`);
        if (problems.length > 200)
          process.stderr.write(`  …… 另有 ${problems.length - 200} 个问题\n`);
        throw new LeitaiError(
          'IMPORT_INVALID',
          `${file}: 发现 ${problems.length} 个问题,未写入任何数据`,
          {
            file,
            reason: `${problems.length} problems`,
            problems: problems.length,
          },
        );
      }
      const progress = progressReporter('写入', changes.length);
      const result = await applyValues(ctx.store, changes, {
        actor: ctx.actor.name,
        source: `file:${basename(file)}#${sha256.slice(0, 12)}`,
        action: 'import',
        at: new Date().toISOString(),
        reason: o.reason,
        onProgress: progress.update,
      });
      progress.stop();
      const changed = result.inserted + result.changed;
      process.stdout.write(
        `${file}: ${result.rows} 行,${changed} changes (新增 ${result.inserted},修改 ${result.changed},其中已核定值转为新修订 ${result.revised},未变 ${result.unchanged})\n`,
      );
    });
  });
}
