import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { industryRows } from '../../io/industries-file.js';
import { tableXlsx } from '../../io/table-xlsx.js';
import { importIndustries, industriesSummary, listIndustries } from '../../services/industries.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';
import { SYNTHETIC_NOTE } from './evaluate.js';

interface ListOptions extends StoreOptions {
  region?: string;
  by: string;
  format: string;
  out?: string;
}

const SUMMARY_HEADER = ['主导工业', '县数', '县', '产值(亿元)', '增速(%)'];

async function list(o: ListOptions): Promise<void> {
  const format = parseFormat(o.format, ['table', 'json', 'csv', 'xlsx']);
  if (o.by !== 'county' && o.by !== 'industry')
    throw new LeitaiError('INPUT_INVALID', `--by「${o.by}」应为 county 或 industry`, {
      value: o.by,
      reason: 'by',
    });
  if (format === 'xlsx' && !o.out)
    throw new LeitaiError('INPUT_INVALID', 'xlsx 输出须指定 --out 文件', {
      reason: '--out required',
    });
  await withStore(o, async (ctx) => {
    const res =
      o.by === 'county'
        ? await listIndustries(ctx, { region: o.region })
        : await industriesSummary(ctx);
    const note = res.synthetic ? SYNTHETIC_NOTE : undefined;
    if (format === 'json') return printJson({ ...res, ...(note ? { note } : {}) });
    const { header, rows } =
      'items' in res
        ? industryRows(res.items)
        : {
            header: SUMMARY_HEADER,
            rows: res.industries.map((i) => [
              i.industry,
              i.counties,
              i.countyNames.join('、'),
              i.output,
              i.growth,
            ]),
          };
    if (format === 'csv') return printCsv(header, rows);
    if (format === 'xlsx') {
      writeFileSync(o.out!, await tableXlsx('主导工业清单', header, rows, note));
      process.stdout.write(`${rows.length} 行 → ${o.out}\n`);
      return;
    }
    if ('year' in res) process.stdout.write(`全省县域主导工业 · 产值年度 ${res.year ?? '—'}\n`);
    if (note) process.stdout.write(`${note}\n`);
    printTable(
      header,
      rows.map((r) => r.map((c) => (c === null ? '—' : String(c)))),
    );
  });
}

async function importFile(file: string, o: StoreOptions & { dryRun?: boolean }): Promise<void> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    throw new LeitaiError('INPUT_INVALID', `无法读取文件 ${file}: ${(e as Error).message}`, {
      file,
      reason: 'unreadable',
    });
  }
  await withStore(o, async (ctx) => {
    const res = await importIndustries(ctx, ctx.actor, {
      data,
      file: basename(file),
      at: new Date().toISOString(),
      confirm: !o.dryRun,
    });
    if (res.problems.length) {
      throw new LeitaiError(
        'IMPORT_INVALID',
        `${file}: 发现 ${res.problems.length} 个问题,未写入任何数据\n${res.problems.map((p) => `  ${p.message}`).join('\n')}`,
        { file, problems: res.problems },
      );
    }
    const verb = res.written ? '已更新' : '将更新';
    process.stdout.write(`${res.counties} 个县,${verb} ${res.changed.length} 个县的主导工业清单\n`);
  });
}

export function registerIndustries(program: Command): void {
  const cmd = program.command('industries').description('县域主导工业清单 (leading industries)');
  addStoreOptions(
    cmd
      .command('list')
      .description('按县列出主导工业,或按产业汇总 (--by industry)')
      .option('--region <code>', '县或市 (其所辖县)')
      .option('--by <by>', 'county | industry', 'county')
      .option('--format <format>', 'table | json | csv | xlsx', 'table')
      .option('--out <file>', '输出文件 (xlsx 必须)'),
  ).action(list);
  addStoreOptions(
    cmd
      .command('import <file>')
      .description('导入主导工业清单 (.xlsx 或 .csv);有任何问题则不写入')
      .option('--dry-run', '只校验,不写入'),
  ).action(importFile);
}
