import { LeitaiError } from '../errors/index.js';
import { aggregate, rank } from './aggregate.js';
import { buildHierarchy } from './hierarchy.js';
import { normalise } from './normalise.js';
import { treat } from './treat.js';
import type {
  AggregateMethod,
  Column,
  CompositeMeta,
  NormaliseMethod,
  TreatMethod,
} from './types.js';

export interface PipelineInput {
  units: string[];
  /** Indicator code → raw values, aligned with `units`. */
  data: Record<string, Column>;
  meta: CompositeMeta;
  treat?: TreatMethod;
  normalise?: NormaliseMethod;
  range?: [number, number];
  aggregate?: AggregateMethod;
  /** Source line of each unit, for error messages. */
  unitLines?: number[];
}

export interface PipelineResult {
  units: string[];
  /** The top-level index code. */
  index: string;
  /** Aggregate codes, level by level. */
  aggregates: string[];
  treated: Record<string, Column>;
  normalised: Record<string, Column>;
  /** Normalised indicators and every aggregate. */
  scores: Record<string, Column>;
  /** Rank of the top-level index (1 = best, ties 'min'). */
  ranks: (number | null)[];
  /** How each indicator was treated. */
  treatment: Record<string, { method: string; nwin: number }>;
}

/** COINr's default pipeline: Treat → Normalise → Aggregate → rank. */
export function runPipeline(input: PipelineInput): PipelineResult {
  const { units, data, meta } = input;
  const h = buildHierarchy(meta);
  for (const ind of meta.indicators) {
    const col = data[ind.code];
    if (col === undefined || col.length !== units.length) {
      throw new LeitaiError('INPUT_INVALID', `iData 缺少指标列「${ind.code}」`, {
        line: ind.line,
        column: ind.code,
        value: '',
        reason: `no data column ${ind.code}`,
      });
    }
  }
  units.forEach((u, i) => {
    if (meta.indicators.every((ind) => data[ind.code]![i] === null)) {
      const line = input.unitLines?.[i];
      const where = line !== undefined ? `第${line}行 ` : '';
      throw new LeitaiError('INPUT_INVALID', `iData ${where}uCode「${u}」: 所有指标值都缺失`, {
        line,
        column: 'uCode',
        value: u,
        reason: 'every indicator value is missing for this unit',
      });
    }
  });
  const treated: Record<string, Column> = {};
  const normalised: Record<string, Column> = {};
  const treatment: PipelineResult['treatment'] = {};
  for (const ind of meta.indicators) {
    const raw = data[ind.code]!;
    if (raw.every((v) => v === null)) {
      throw new LeitaiError('INPUT_INVALID', `指标「${ind.code}」的所有值都缺失`, {
        line: ind.line,
        column: ind.code,
        value: '',
        reason: 'every value of this indicator is missing',
      });
    }
    const t = input.treat === 'none' ? null : treat(raw);
    treated[ind.code] = t ? t.values : [...raw];
    treatment[ind.code] = { method: t?.method ?? 'none', nwin: t?.nwin ?? 0 };
    normalised[ind.code] = normalise(treated[ind.code]!, {
      method: input.normalise ?? 'minmax',
      range: input.range ?? [0, 100],
      direction: ind.direction,
      goalposts: ind.goalposts,
      code: ind.code,
    });
  }
  const scores: Record<string, Column> = { ...normalised };
  const method = input.aggregate ?? 'arith';
  for (const code of h.order) {
    const kids = h.children.get(code)!;
    const weights = kids.map((k) => k.weight);
    // The children's columns, looked up once; one buffer reused for every unit.
    const cols = kids.map((k) => scores[k.code]!);
    const buf: (number | null)[] = new Array(cols.length);
    scores[code] = units.map((_, i) => {
      for (let j = 0; j < cols.length; j++) buf[j] = cols[j]![i]!;
      return aggregate(buf, weights, method);
    });
  }
  return {
    units,
    index: h.root,
    aggregates: h.order,
    treated,
    normalised,
    scores,
    ranks: rank(scores[h.root]!),
    treatment,
  };
}
