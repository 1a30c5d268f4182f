import type { Direction, IndicatorKind } from '../indicators/index.js';
import { dec } from '../numeric/index.js';
import { defaultTolerance } from './evaluate.js';
import { MANUAL_READING } from './manual.js';
import type { Measure, Op, Ref, TargetSpec } from './types.js';

const OP_WORD: Record<Op, string> = { ge: '不低于', gt: '高于', le: '不高于', lt: '低于' };

function subject(measure: Measure): string {
  if (measure === 'change_pp') return '比上年变化';
  if (measure === 'change_pct') return '比上年增减幅度';
  return '数值';
}

function unitOf(measure: Measure, unit: string): string {
  if (measure === 'change_pp') return '个百分点';
  if (measure === 'change_pct') return '%';
  return unit;
}

const REF_SCOPE: Record<Ref['scope'], string> = {
  province: '所在省',
  prefecture: '所在市',
  self: '本地区',
  plan: '规划地区',
};

function refText(ref: Ref): string {
  if (ref.stat === 'mean') return `${ref.text}(${REF_SCOPE[ref.scope]}各县同一指标的算术平均)`;
  return ref.text;
}

function annualText(
  spec: Extract<TargetSpec, { type: 'annual_growth' }>,
  direction: Direction,
  kind: IndicatorKind | undefined,
): string {
  const op = spec.op === 'reach' ? (direction === 'higher' ? 'ge' : 'le') : spec.op;
  const word = op === 'about' ? '约' : OP_WORD[op];
  const what =
    kind === 'growth'
      ? '规划各年增速的几何平均((∏(1+rᵢ/100))^(1/n)−1,不含基期)'
      : '以基期为起点的年均复合增长率';
  return `${what}${word}${spec.value}%为完成;规划期内报告至今的年均增长及其余年份每年仍需的增速`;
}

/** The reading of a target in Chinese, shown to the user beside the phrase. */
export function describeTarget(
  spec: TargetSpec,
  opts: { direction: Direction; unit: string; tolerance?: number; kind?: IndicatorKind },
): string {
  const { direction } = opts;
  switch (spec.type) {
    case 'none':
      return '无目标(不适用)';
    case 'manual':
      return MANUAL_READING;
    case 'quota':
      return `${direction === 'higher' ? '不低于' : '不高于'}上级下达指标(未下达时为无数据)`;
    case 'bound': {
      const op = spec.op === 'reach' ? (direction === 'higher' ? 'ge' : 'le') : spec.op;
      return `${subject(spec.measure)}${OP_WORD[op]}${spec.value}${unitOf(spec.measure, opts.unit)}即为完成`;
    }
    case 'about': {
      const side = spec.side ?? direction;
      const t = dec(spec.value);
      const tol =
        opts.tolerance !== undefined
          ? dec(opts.tolerance)
          : defaultTolerance(opts.unit, t, spec.measure);
      const u = unitOf(spec.measure, opts.unit);
      const near = side === 'higher' ? t.minus(tol) : t.plus(tol);
      const word = side === 'higher' ? '不低于' : '不高于';
      return `${subject(spec.measure)}${word}${spec.value}${u}为完成,${word}${near.toString()}${u}为基本完成`;
    }
    case 'range':
      return `${subject(spec.measure)}在${spec.lo}至${spec.hi}${unitOf(spec.measure, opts.unit)}之间为完成`;
    case 'relative':
      return `${OP_WORD[spec.op]}${refText(spec.ref)}(同期)为完成`;
    case 'sync': {
      const tol = opts.tolerance ?? 0.5;
      return `与${refText(spec.ref)}相差不超过${tol}个百分点为完成`;
    }
    case 'annual_growth':
      return annualText(spec, direction, opts.kind);
    case 'cumulative':
      return `规划期内各年合计${direction === 'higher' ? '不低于' : '不高于'}${spec.value}${opts.unit}为完成;期中与按年平均进度(目标×已过年数÷规划年数)比较`;
  }
}
