import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { BulletinFormat } from '../../core/bulletin/index.js';
import { LeitaiError } from '../../core/errors/index.js';
import { periodText } from '../../core/periods/index.js';
import { resultView } from '../../core/review/index.js';
import { prepareRenderer } from '../../io/bulletin/index.js';
import { publishedPeriods } from '../../store/users.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';

const FORMATS: readonly BulletinFormat[] = ['docx', 'pdf', 'xlsx'];

/** `--format`, else the output file's extension, else docx. */
function formatOf(format: string | undefined, out: string): BulletinFormat {
  const f = format ?? (extname(out).slice(1).toLowerCase() || 'docx');
  if (!(FORMATS as readonly string[]).includes(f)) {
    throw new LeitaiError('INPUT_INVALID', `--format「${f}」应为 docx、pdf 或 xlsx 之一`, {
      column: '--format',
      value: f,
      reason: FORMATS.join(' | '),
    });
  }
  return f as BulletinFormat;
}

export function registerBulletin(program: Command): void {
  addStoreOptions(
    program
      .command('bulletin')
      .description('生成县域经济运行情况通报(Word、PDF 或 Excel);已公布期别按已公布数据')
      .requiredOption('--plan <id>', '计划,如 hlj-2026')
      .requiredOption('--period <p>', '期别,如 2026-09', periodText)
      .option('--format <f>', 'docx | pdf | xlsx (默认按 --out 的扩展名,否则 docx)')
      .option('--scope <s>', 'province (全省) 或市(地)代码', 'province')
      .requiredOption('--out <file>', '输出文件'),
  ).action(
    async (
      o: StoreOptions & {
        plan: string;
        period: string;
        format?: string;
        scope: string;
        out: string;
      },
    ) => {
      const format = formatOf(o.format, o.out);
      // The chart thread starts before the services load: its libraries take as long as theirs.
      prepareRenderer(format);
      const { bulletinFile, bulletinFor } = await import('../../services/bulletins.js');
      await withStore(o, async (ctx) => {
        const published = await publishedPeriods(ctx.store);
        const view = resultView(published.has(o.period));
        const b = await bulletinFor(ctx, { ...o, view, now: new Date() });
        const f = await bulletinFile(b, format);
        writeFileSync(o.out, f.bytes);
        const what = b.empty ? `(${b.empty})` : `${b.sections.length} 部分`;
        process.stdout.write(`${b.title} ${b.subtitle} ${what} → ${o.out}\n`);
        if (b.syntheticNote) process.stdout.write(`${b.syntheticNote}\n`);
      });
    },
  );
}
