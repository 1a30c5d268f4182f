import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import type { ImportProblem } from '../../io/excel/read.js';
import { importFile } from '../../services/import.js';
import { progressReporter } from '../progress.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';
import { periodText } from '../../core/periods/index.js';

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
      .option('--period <p>', '期别,如 2026-09;表中写明的期别须与之一致', periodText)
      .option('--reason <text>', '修改已核定数值的原因'),
  ).action(async (file: string, o: Options) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new LeitaiError('INPUT_INVALID', `无法读取文件 ${file}: ${(e as Error).message}`, {
        file,
        reason: 'unreadable',
      });
    }
    await withStore(o, async (ctx) => {
      let progress: ReturnType<typeof progressReporter> | undefined;
      const report = await importFile(ctx, bytes, file, {
        period: o.period,
        reason: o.reason,
        at: new Date().toISOString(),
        onProgress: (done, total) => {
          progress ??= progressReporter('写入', total);
          progress.update(done, total);
        },
      });
      progress?.stop();
      const { problems, result } = report;
      if (!result) {
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
      const changed = result.inserted + result.changed;
      process.stdout.write(
        `${file}: ${result.rows} 行,${changed} changes (新增 ${result.inserted},修改 ${result.changed},其中已核定值转为新修订 ${result.revised},未变 ${result.unchanged})\n`,
      );
    });
  });
}
