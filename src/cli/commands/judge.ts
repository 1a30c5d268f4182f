import type { Command } from 'commander';
import { periodText } from '../../core/periods/index.js';
import { loadPlanFile } from '../../io/plans.js';
import { judge } from '../../services/judgements.js';
import { collect, numberOption } from '../options.js';
import { printJson } from '../output.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';

interface Options extends StoreOptions {
  plan: string;
  planFile?: string[];
  indicator: string;
  region: string;
  period: string;
  status: string;
  note?: string;
  evidence?: string;
  expectRevision?: string;
  json?: boolean;
}

/** `leitai judge`: a department records the status of a target it judges (人工评定). */
export function registerJudge(program: Command): void {
  addStoreOptions(
    program
      .command('judge')
      .description(
        '人工评定:责任部门为 judgement: manual 的目标记录完成情况,须说明 (record a manual judgement)',
      )
      .requiredOption('--plan <id>', '计划编号')
      .option('--plan-file <file>', '加载额外的计划文件, repeatable', collect)
      .requiredOption('--indicator <code>', '目标的指标代码')
      .requiredOption('--region <code>', '区划代码 (全省目标用省代码)')
      .requiredOption('--period <p>', '期别: 2026 | 2026Q3 | 2026-09', periodText)
      .requiredOption('--status <status>', 'met (完成) | nearly_met (基本完成) | not_met (未完成)')
      .option('--note <text>', '评定说明 (必填)')
      .option('--evidence <text>', '佐证材料:文号、链接或文件名')
      .option('--expect-revision <n>', '您看到的版本号;若已被他人修改则报冲突')
      .option('--json', '输出 JSON'),
  ).action(async (o: Options) => {
    await withStore(o, async (ctx) => {
      const plans = [...ctx.plans, ...(o.planFile ?? []).map(loadPlanFile)];
      const rec = await judge({ ...ctx, plans }, ctx.actor, {
        plan: o.plan,
        indicator: o.indicator,
        region: o.region,
        period: o.period,
        status: o.status,
        note: o.note,
        evidence: o.evidence,
        expectedRevision: numberOption('--expect-revision', o.expectRevision),
        at: new Date().toISOString(),
      });
      if (o.json) return printJson(rec);
      process.stdout.write(
        `${rec.regionName}(${rec.region}) ${rec.name} ${rec.period}: ${rec.statusLabel}(第${rec.revision}版)\n说明: ${rec.note}\n${rec.evidence ? `佐证: ${rec.evidence}\n` : ''}`,
      );
    });
  });
}
