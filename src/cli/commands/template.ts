import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { templateFor } from '../../services/reports.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';
import { periodText } from '../../core/periods/index.js';

export function registerTemplate(program: Command): void {
  addStoreOptions(
    program
      .command('template')
      .description('下载预填的 Excel 填报模板(一个县,或一个市的全部县)')
      .requiredOption('--period <p>', '期别,如 2026-09', periodText)
      .option('--region <code>', '一个县(市)')
      .option('--prefecture <code>', '一个市(地)的全部县(市)')
      .option('--plan <id>', '计划', 'hlj-2026')
      .requiredOption('--out <file>', '输出 .xlsx 文件'),
  ).action(
    async (
      o: StoreOptions & {
        period: string;
        region?: string;
        prefecture?: string;
        plan: string;
        out: string;
      },
    ) => {
      await withStore(o, async (ctx) => {
        const t = await templateFor(ctx, o);
        writeFileSync(o.out, t.buffer);
        process.stdout.write(
          `${t.label} 填报模板: ${t.regions} 个县(市) × ${t.indicators} 项指标 → ${o.out}\n`,
        );
      });
    },
  );
}
