import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import ExcelJS from 'exceljs';
import { LeitaiError } from '../../core/errors/index.js';
import { parsePeriod, periodLabel, periodText } from '../../core/periods/index.js';
import type { Status } from '../../core/review/index.js';
import { currentValues } from '../../store/observations.js';
import { completenessFor } from '../../services/reports.js';
import { parseFormat, printJson, printTable } from '../output.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';
import { dec, formatNumber } from '../../core/numeric/index.js';

const SYNTHETIC = '合成演示数据(synthetic demo data),非官方统计';

export function registerExport(program: Command): void {
  addStoreOptions(
    program
      .command('export')
      .description('导出数值: CSV (region,indicator,period,value) 或 Excel')
      .requiredOption('--period <p>', '期别', periodText)
      .option('--format <format>', 'csv | xlsx', 'csv')
      .option('--status <status>', '只导出该状态,如 approved')
      .option('--out <file>', '输出文件 (xlsx 必须)'),
  ).action(
    async (o: StoreOptions & { period: string; format: string; status?: string; out?: string }) => {
      const format = parseFormat(o.format, ['csv', 'xlsx']);
      if (format === 'xlsx' && !o.out)
        throw new LeitaiError('INPUT_INVALID', 'xlsx 导出须指定 --out 文件', {
          reason: '--out required',
        });
      await withStore(o, async (ctx) => {
        const rows = await currentValues(ctx.store, {
          periods: [o.period],
          ...(o.status ? { statuses: [o.status as Status] } : {}),
        });
        const synthetic = rows.some((r) => r.synthetic);
        if (format === 'csv') {
          const lines = [
            ...(synthetic ? [`# ${SYNTHETIC}`] : []),
            'region,indicator,period,value',
            ...rows.map((r) => `${r.region},${r.indicator},${r.period},${r.value ?? ''}`),
          ];
          const text = `${lines.join('\n')}\n`;
          if (o.out) writeFileSync(o.out, text);
          else process.stdout.write(text);
          if (o.out) process.stdout.write(`${rows.length} 条 → ${o.out}\n`);
          return;
        }
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet(periodLabel(parsePeriod(o.period)));
        if (synthetic) ws.addRow([SYNTHETIC]);
        ws.addRow([
          '区划代码',
          '区划名称',
          '指标代码',
          '指标',
          '单位',
          '期别',
          '数值',
          '状态',
          '来源',
        ]);
        const byCode = new Map(ctx.indicators.map((i) => [i.code, i]));
        for (const r of rows) {
          const ind = byCode.get(r.indicator);
          ws.addRow([
            r.region,
            ctx.register.get(r.region)?.name ?? '',
            r.indicator,
            ind?.name ?? '',
            ind?.unit ?? '',
            r.period,
            r.value,
            r.status,
            r.source,
          ]);
        }
        ws.columns.forEach((c) => (c.width = 14));
        await wb.xlsx.writeFile(o.out!);
        process.stdout.write(`${rows.length} 条 → ${o.out}\n`);
      });
    },
  );

  addStoreOptions(
    program
      .command('completeness')
      .description('报送完整性与及时性:按县、市、部门统计应报、已报、已核定、迟报、缺报')
      .requiredOption('--period <p>', '期别', periodText)
      .option('--plan <id>', '计划', 'hlj-2026')
      .option('--by <group>', 'county | prefecture | department', 'county')
      .option('--json'),
  ).action(
    async (o: StoreOptions & { period: string; plan: string; by: string; json?: boolean }) => {
      const period = parsePeriod(o.period);
      if (!['county', 'prefecture', 'department'].includes(o.by)) {
        throw new LeitaiError('INPUT_INVALID', `--by「${o.by}」应为 county|prefecture|department`, {
          value: o.by,
          reason: 'bad group',
        });
      }
      await withStore(o, async (ctx) => {
        const c = await completenessFor(ctx, {
          period: o.period,
          plan: o.plan,
          now: new Date().toISOString(),
        });
        const group =
          o.by === 'county' ? c.byCounty : o.by === 'prefecture' ? c.byPrefecture : c.byDepartment;
        const rows = [...group].sort((a, b) => a[0].localeCompare(b[0]));
        if (o.json) {
          printJson({
            period: o.period,
            due: c.due,
            overdue: c.overdue,
            total: c.total,
            [o.by]: Object.fromEntries(rows),
          });
          return;
        }
        process.stdout.write(
          `${periodLabel(period)} 报送截止 ${c.due}${c.overdue ? '(已过截止日)' : ''}\n`,
        );
        const name = (k: string) =>
          o.by === 'department' ? k : `${ctx.register.get(k)?.name ?? k}(${k})`;
        printTable(
          ['单位', '应报', '已报', '已核定', '迟报', '缺报', '完整率'],
          [...rows, ['合计', c.total] as const].map(([k, t]) => [
            k === '合计' ? k : name(k),
            String(t.expected),
            String(t.received),
            String(t.approved),
            String(t.late),
            String(t.missing),
            `${t.expected ? formatNumber(dec(t.received).times(100).div(t.expected), 0) : 0}%`,
          ]),
        );
      });
    },
  );
}
