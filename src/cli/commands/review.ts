import { entryProblem } from '../../core/indicators/index.js';
import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import {
  inQueueScope,
  mayWrite,
  STATUS_LABELS,
  type Action,
  type Status,
} from '../../core/review/index.js';
import { shortText } from '../../core/quality/index.js';
import { qualityFor } from '../../services/quality.js';
import { reviewQueue } from '../../services/review.js';
import { act, currentValues, editValue, auditLog, type Key } from '../../store/observations.js';
import { numberOption } from '../context.js';
import { printJson, printTable } from '../output.js';
import { addStoreOptions, withStore, type StoreOptions } from '../store.js';
import { periodText } from '../../core/periods/index.js';

interface Selection extends StoreOptions {
  period: string;
  region?: string;
  indicator?: string;
  reason?: string;
  expectRevision?: string;
  json?: boolean;
}

export function registerReview(program: Command): void {
  const review = program
    .command('review')
    .description('审核流程:县报送 → 市审核 → 部门核定,或退回 (the review chain)');

  addStoreOptions(
    review
      .command('list')
      .description('列出待本人处理的数值 (the review queue of the acting user)')
      .requiredOption('--period <p>', '期别', periodText)
      .option('--region <code>')
      .option('--indicator <code>')
      .option('--status <status>', '只列出该状态')
      .option('--json'),
  ).action(async (o: Selection & { status?: string }) => {
    await withStore(o, async (ctx) => {
      const rows = await reviewQueue(
        ctx,
        ctx.actor,
        {
          period: o.period,
          ...(o.status ? { statuses: [o.status as Status] } : {}),
          ...(o.region ? { regions: [o.region] } : {}),
          ...(o.indicator ? { indicators: [o.indicator] } : {}),
        },
        async (period) => (await qualityFor(ctx, { period })).findings,
      );
      if (o.json) {
        printJson(rows);
        return;
      }
      printTable(
        ['区划', '指标', '期别', '数值', '状态', '版本', '来源', '质量'],
        rows.map((r) => [
          `${ctx.register.get(r.region)?.name ?? r.region}(${r.region})`,
          r.indicator,
          r.period,
          r.value === null ? '—' : String(r.value),
          STATUS_LABELS[r.status] + (r.synthetic ? ' [合成]' : ''),
          String(r.revision),
          r.source,
          r.findings.map(shortText).join(';'),
        ]),
      );
      process.stdout.write(`共 ${rows.length} 条\n`);
    });
  });

  for (const [name, label] of [
    ['submit', '报送'],
    ['review', '审核通过'],
    ['approve', '核定'],
    ['return', '退回(须 --reason)'],
  ] as const) {
    addStoreOptions(
      review
        .command(name)
        .description(`${label}:对所选数值执行该操作,全部成功或全部不变`)
        .requiredOption('--period <p>', '期别', periodText)
        .option('--region <code>', '区划')
        .option('--indicator <code>', '指标')
        .option('--reason <text>', '原因 (退回时必填)')
        .option('--expect-revision <n>', '您看到的版本号;若已被他人修改则报冲突'),
    ).action(async (o: Selection) => {
      await withStore(o, async (ctx) => {
        const from: Record<Action, Status[]> = {
          submit: ['draft', 'returned'],
          review: ['submitted'],
          approve: ['reviewed'],
          return: ['submitted', 'reviewed'],
        };
        const rows = await currentValues(ctx.store, {
          periods: [o.period],
          statuses: from[name],
          ...(o.region ? { regions: [o.region] } : {}),
          ...(o.indicator ? { indicators: [o.indicator] } : {}),
        });
        // Only what the actor may act on is selected by a broad filter; a named value is always tried.
        const named = o.region !== undefined && o.indicator !== undefined;
        const keys: Key[] = named
          ? [{ region: o.region!, indicator: o.indicator!, period: o.period }]
          : rows
              .filter((r) => inQueueScope(ctx.actor, r, ctx.prefectureOf, ctx.responsible))
              .map(({ region, indicator, period }) => ({ region, indicator, period }));
        if (keys.length === 0) {
          throw new LeitaiError('NOT_FOUND', `没有可${label}的数值`, {
            reason: 'nothing selected',
          });
        }
        const n = await act(ctx.store, keys, {
          actor: ctx.actor,
          action: name,
          reason: o.reason,
          at: new Date().toISOString(),
          responsible: ctx.responsible,
          prefectureOf: ctx.prefectureOf,
          expectedRevision: numberOption('--expect-revision', o.expectRevision),
        });
        process.stdout.write(`${label}: ${n} 条\n`);
      });
    });
  }
}

export function registerEdit(program: Command): void {
  addStoreOptions(
    program
      .command('edit <region> <indicator> <period> <value>')
      .description('修改一个数值 (— 表示缺失);已核定的数值须 --reason,并重新进入审核')
      .option('--reason <text>', '修改原因')
      .option('--expect-revision <n>', '您看到的版本号;若已被他人修改则报冲突'),
  ).action(async (region: string, indicator: string, given: string, raw: string, o: Selection) => {
    const period = periodText(given);
    await withStore(o, async (ctx) => {
      if (!ctx.register.get(region))
        throw new LeitaiError('INPUT_INVALID', `未知区划 ${region}`, {
          value: region,
          reason: 'unknown region',
        });
      const ind = ctx.indicators.find((i) => i.code === indicator);
      if (!ind) {
        throw new LeitaiError('INPUT_INVALID', `未知指标 ${indicator}`, {
          value: indicator,
          reason: 'unknown indicator',
        });
      }
      if (!mayWrite(ctx.actor, region, ctx.prefectureOf(region))) {
        throw new LeitaiError('SCOPE_DENIED', `${ctx.actor.name} 无权修改 ${region} 的数据`, {
          value: region,
          reason: 'out of scope',
        });
      }
      const value = /^[—-]$/.test(raw.trim()) ? null : numberOption('value', raw)!;
      const bad = entryProblem(ind, value, o.reason);
      if (bad) {
        throw new LeitaiError(
          'INPUT_INVALID',
          `${bad.field === 'reason' ? '--reason' : 'value'}: ${bad.problem}`,
          {
            value: raw,
            reason: bad.problem,
          },
        );
      }
      const rec = await editValue(ctx.store, { region, indicator, period }, value, {
        actor: ctx.actor.name,
        at: new Date().toISOString(),
        reason: o.reason,
        expectedRevision: numberOption('--expect-revision', o.expectRevision),
      });
      process.stdout.write(
        `${region} ${indicator} ${period} = ${rec.value ?? '—'} (第${rec.revision}版,${STATUS_LABELS[rec.status]})\n`,
      );
    });
  });

  addStoreOptions(
    program
      .command('audit')
      .description('审计日志:每次修改的人、时间、旧值、新值、原因')
      .option('--region <code>')
      .option('--indicator <code>')
      .option('--period <p>', '期别', periodText)
      .option('--limit <n>', '最多条数', '100')
      .option('--json'),
  ).action(async (o: Selection & { limit: string }) => {
    await withStore(o, async (ctx) => {
      const entries = await auditLog(ctx.store, {
        region: o.region,
        indicator: o.indicator,
        period: o.period,
        limit: numberOption('--limit', o.limit),
      });
      if (o.json) return printJson(entries);
      printTable(
        [
          '时间',
          '操作人',
          '操作',
          '区划',
          '指标',
          '期别',
          '版本',
          '旧值',
          '新值',
          '旧状态',
          '新状态',
          '原因',
        ],
        entries.map((e) => [
          e.at,
          e.actor,
          e.action,
          e.region,
          e.indicator,
          e.period,
          String(e.revision),
          e.oldValue === null ? '—' : String(e.oldValue),
          e.newValue === null ? '—' : String(e.newValue),
          e.oldStatus ?? '',
          e.newStatus,
          e.reason ?? '',
        ]),
      );
    });
  });
}
