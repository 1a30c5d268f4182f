import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import type { Direction, IndicatorKind } from '../../core/indicators/index.js';
import {
  STATUS_LABELS,
  describeTarget,
  evaluateTarget,
  parseTarget,
} from '../../core/targets/index.js';
import { numberOption } from '../options.js';
import { printJson } from '../output.js';

interface Options {
  unit: string;
  direction: string;
  kind?: string;
  value?: string;
  previous?: string;
  ref?: string;
  quota?: string;
  tolerance?: string;
  json?: boolean;
}

export function registerTarget(program: Command): void {
  const target = program.command('target').description('目标表述 (target phrases)');
  target
    .command('check <phrase>')
    .description('解析目标表述并判断完成情况 (read a target phrase and judge a value)')
    .requiredOption(
      '--unit <unit>',
      '目标的单位,如 %、亿元、个百分点 (the unit the target is printed in)',
    )
    .option('--direction <dir>', 'higher | lower (越高越好 / 越低越好)', 'higher')
    .option('--kind <kind>', '指标类型: level | growth | share | count | change_pp')
    .option('--value <v>', '实际值 (the value)')
    .option('--previous <p>', '上年同期值 (previous year, for change targets)')
    .option('--ref <r>', '参照指标的值 (the referenced value, for 高于… / 与…同步)')
    .option('--quota <q>', '上级下达指标 (a quota, for 完成市下达指标)')
    .option('--tolerance <t>', '容差 (tolerance for 左右 / 同步)')
    .option('--json', '输出 JSON')
    .action((phrase: string, o: Options) => {
      if (o.direction !== 'higher' && o.direction !== 'lower') {
        throw new LeitaiError(
          'INPUT_INVALID',
          `--direction「${o.direction}」应为 higher 或 lower`,
          {
            column: '--direction',
            value: o.direction,
            reason: 'expected higher or lower',
          },
        );
      }
      const kinds = ['level', 'growth', 'share', 'count', 'change_pp'];
      if (o.kind !== undefined && !kinds.includes(o.kind)) {
        throw new LeitaiError('INPUT_INVALID', `--kind「${o.kind}」应为 ${kinds.join('|')}`, {
          column: '--kind',
          value: o.kind,
          reason: 'unknown kind',
        });
      }
      const direction = o.direction as Direction;
      const tolerance = numberOption('--tolerance', o.tolerance);
      const spec = parseTarget(phrase, {
        unit: o.unit,
        indicatorKind: o.kind as IndicatorKind | undefined,
        // The referenced value is the user's --ref, so any reference text is kept as printed;
        // plan files resolve references against the catalogue and refuse unknown ones.
      });
      const value = numberOption('--value', o.value);
      const r = evaluateTarget(spec, {
        direction,
        unit: o.unit,
        tolerance,
        value: value ?? null,
        previous: numberOption('--previous', o.previous) ?? null,
        ref: numberOption('--ref', o.ref) ?? null,
        quota: numberOption('--quota', o.quota) ?? null,
        cumulative: spec.type === 'cumulative' ? (value ?? null) : undefined,
      });
      const reading = describeTarget(spec, { direction, unit: o.unit, tolerance });
      if (o.json) {
        printJson({
          phrase,
          unit: o.unit,
          direction,
          reading,
          target: spec,
          value: value ?? null,
          status: r.status,
          statusLabel: STATUS_LABELS[r.status],
          gap: r.gap,
          measured: r.measured,
          threshold: r.threshold,
          ...(r.needed !== undefined ? { needed: r.needed } : {}),
        });
        return;
      }
      const lines = [
        `目标表述: ${phrase}`,
        `解读:     ${reading}`,
        `实际值:   ${value ?? '(未提供)'}`,
        `判定:     ${STATUS_LABELS[r.status]} (${r.status})`,
        `差距:     ${r.gap ?? '—'}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
