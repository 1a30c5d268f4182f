import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import {
  runPipeline,
  type AggregateMethod,
  type NormaliseMethod,
  type TreatMethod,
} from '../../core/composite/index.js';
import { readCompositeFiles } from '../../io/composite-files.js';
import { parseFormat, printCsv, printJson } from '../output.js';

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new LeitaiError('INPUT_INVALID', `${flag}「${value}」应为 ${allowed.join('|')}`, {
      value,
      reason: `expected ${allowed.join('|')}`,
    });
  }
  return value as T;
}

function parseRange(value: string): [number, number] {
  const parts = value.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || !parts.every(Number.isFinite) || parts[0]! >= parts[1]!) {
    throw new LeitaiError('INPUT_INVALID', `--range「${value}」应为 LO,HI 且 LO < HI`, {
      value,
      reason: 'expected LO,HI with LO < HI',
    });
  }
  return [parts[0]!, parts[1]!];
}

export function registerComposite(program: Command): void {
  program
    .command('composite')
    .description('合成指数 (composite indicator, COINr default pipeline)')
    .requiredOption('--idata <file>', 'COINr iData CSV (uCode + indicator columns)')
    .requiredOption('--imeta <file>', 'COINr iMeta CSV (Level,iCode,Direction,Weight,Parent,Type)')
    .option('--treat <method>', 'none | winsorise', 'winsorise')
    .option('--normalise <method>', 'minmax | zscore | rank | goalposts', 'minmax')
    .option('--range <lo,hi>', 'normalised range', '0,100')
    .option('--aggregate <method>', 'arith | geom | harm', 'arith')
    .option('--format <format>', 'csv | json', 'csv')
    .action(
      (o: {
        idata: string;
        imeta: string;
        treat: string;
        normalise: string;
        range: string;
        aggregate: string;
        format: string;
      }) => {
        const format = parseFormat(o.format, ['csv', 'json']);
        const treat = choice<TreatMethod>('--treat', o.treat, ['none', 'winsorise']);
        const normalise = choice<NormaliseMethod>('--normalise', o.normalise, [
          'minmax',
          'zscore',
          'rank',
          'goalposts',
        ]);
        const aggregate = choice<AggregateMethod>('--aggregate', o.aggregate, [
          'arith',
          'geom',
          'harm',
        ]);
        const range = parseRange(o.range);
        const input = readCompositeFiles(o.idata, o.imeta);
        const r = runPipeline({ ...input, treat, normalise, range, aggregate });
        if (format === 'json') {
          const units = r.units.map((u, i) => ({
            uCode: u,
            scores: Object.fromEntries(r.aggregates.map((a) => [a, r.scores[a]![i] ?? null])),
            rank: r.ranks[i] ?? null,
          }));
          printJson({ index: r.index, units });
        } else {
          // Straight from the score columns: no per-unit objects on the way to the CSV.
          const cols = r.aggregates.map((a) => r.scores[a]!);
          printCsv(
            ['uCode', ...r.aggregates, 'Rank'],
            r.units.map((u, i) => [u, ...cols.map((c) => c[i]), r.ranks[i]]),
          );
        }
      },
    );
}
