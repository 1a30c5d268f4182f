import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { planCounties } from '../../core/evaluate/index.js';
import { ObservationSet } from '../../core/observations/index.js';
import { formatPeriod, parsePeriod, periodLabel } from '../../core/periods/index.js';
import { countyIndicators, preparePlan } from '../../core/plans/index.js';
import { writeTemplate } from '../../io/excel/template.js';
import { findPlan } from '../../io/plans.js';
import { currentValues } from '../../store/observations.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';

type Values = Map<string, Map<string, number>>;

function byRegion(rows: { region: string; indicator: string; value: number | null }[]): Values {
  const out: Values = new Map();
  for (const r of rows) {
    if (r.value === null) continue;
    let m = out.get(r.region);
    if (!m) out.set(r.region, (m = new Map()));
    m.set(r.indicator, r.value);
  }
  return out;
}

export function registerTemplate(program: Command): void {
  addStoreOptions(
    program
      .command('template')
      .description('下载预填的 Excel 填报模板(一个县,或一个市的全部县)')
      .requiredOption('--period <p>', '期别,如 2026-09')
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
      if (!o.region === !o.prefecture) {
        throw new LeitaiError('INPUT_INVALID', '须指定 --region 或 --prefecture 之一', {
          reason: 'one of --region, --prefecture',
        });
      }
      const period = parsePeriod(o.period);
      await withStore(o, async (ctx) => {
        const prepared = preparePlan(findPlan(ctx.plans, o.plan), ctx.indicators);
        const all = planCounties(prepared, ctx.register, new ObservationSet());
        const regions = o.region
          ? all.filter((r) => r.code === o.region)
          : all.filter((r) => r.parent === o.prefecture);
        if (regions.length === 0) {
          const code = o.region ?? o.prefecture!;
          throw new LeitaiError(
            'INPUT_INVALID',
            `${code} 不是计划 ${o.plan} 覆盖的县(市)或其所属市`,
            { value: code, reason: 'no county in scope' },
          );
        }
        const indicators = countyIndicators(prepared, period);
        const codes = regions.map((r) => r.code);
        const lastYear = byRegion(
          await currentValues(ctx.store, {
            regions: codes,
            periods: [formatPeriod({ ...period, year: period.year - 1 })],
          }),
        );
        const currentRows = await currentValues(ctx.store, { regions: codes, periods: [o.period] });
        const buffer = await writeTemplate({
          title: `${prepared.plan.title} 县域主要指标填报表`,
          period: o.period,
          regions,
          indicators,
          lastYear,
          current: byRegion(currentRows),
          synthetic: currentRows.some((r) => r.synthetic),
        });
        writeFileSync(o.out, buffer);
        process.stdout.write(
          `${periodLabel(period)} 填报模板: ${regions.length} 个县(市) × ${indicators.length} 项指标 → ${o.out}\n`,
        );
      });
    },
  );
}
