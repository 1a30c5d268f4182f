import { isPercentUnit, type Direction } from '../indicators/index.js';
import { dec, num, type Decimal } from '../numeric/index.js';
import { judgedStatus } from './manual.js';
import type { Measure, Op, TargetContext, TargetResult, TargetSpec } from './types.js';

const NONE: TargetResult = { status: 'not_applicable', gap: null, measured: null, threshold: null };
const NO_DATA: TargetResult = { status: 'no_data', gap: null, measured: null, threshold: null };

/** The default tolerance of SPEC §3: 0.5 for % and 个百分点, 2% of |target| otherwise. */
export function defaultTolerance(
  unit: string,
  target: Decimal,
  measure: Measure = 'value',
): Decimal {
  if (isPercentUnit(unit) || measure !== 'value') return dec('0.5');
  return target.abs().times('0.02');
}

/** The compared quantity; null when a needed value is missing. */
function measured(measure: Measure, ctx: TargetContext): Decimal | null {
  if (ctx.value === null || ctx.value === undefined) return null;
  const v = dec(ctx.value);
  if (measure === 'value') return v;
  if (ctx.previous === null || ctx.previous === undefined) return null;
  const p = dec(ctx.previous);
  if (measure === 'change_pp') return v.minus(p);
  if (p.isZero()) return null;
  return v.minus(p).div(p.abs()).times(100);
}

function holds(op: Op, m: Decimal, t: Decimal): boolean {
  if (op === 'ge') return m.gte(t);
  if (op === 'gt') return m.gt(t);
  if (op === 'le') return m.lte(t);
  return m.lt(t);
}

/** Positive when m is on the good side of t. */
function margin(up: boolean, m: Decimal, t: Decimal): Decimal {
  return up ? m.minus(t) : t.minus(m);
}

function compare(op: Op, m: Decimal, t: Decimal): TargetResult {
  const up = op === 'ge' || op === 'gt';
  return {
    status: holds(op, m, t) ? 'met' : 'not_met',
    gap: num(margin(up, m, t)),
    measured: num(m),
    threshold: num(t),
  };
}

function about(side: Direction, m: Decimal, t: Decimal, tol: Decimal): TargetResult {
  const up = side === 'higher';
  const gap = margin(up, m, t);
  const status = gap.gte(0) ? 'met' : gap.gte(tol.neg()) ? 'nearly_met' : 'not_met';
  return { status, gap: num(gap), measured: num(m), threshold: num(t) };
}

function reachOp(direction: Direction): Op {
  return direction === 'higher' ? 'ge' : 'le';
}

/** Judges a value against a parsed target. Pure and exact at the data's precision. */
export function evaluateTarget(spec: TargetSpec, ctx: TargetContext): TargetResult {
  switch (spec.type) {
    case 'none':
      return NONE;
    case 'bound': {
      const m = measured(spec.measure, ctx);
      if (!m) return NO_DATA;
      const op = spec.op === 'reach' ? reachOp(ctx.direction) : spec.op;
      return compare(op, m, dec(spec.value));
    }
    case 'about': {
      const m = measured(spec.measure, ctx);
      if (!m) return NO_DATA;
      const t = dec(spec.value);
      const tol =
        ctx.tolerance !== undefined
          ? dec(ctx.tolerance)
          : defaultTolerance(ctx.unit, t, spec.measure);
      return about(spec.side ?? ctx.direction, m, t, tol);
    }
    case 'range': {
      const m = measured(spec.measure, ctx);
      if (!m) return NO_DATA;
      const lo = dec(spec.lo);
      const hi = dec(spec.hi);
      const gap = Decimal_min(m.minus(lo), hi.minus(m));
      return {
        status: gap.gte(0) ? 'met' : 'not_met',
        gap: num(gap),
        measured: num(m),
        threshold: null,
      };
    }
    case 'relative': {
      if (ctx.value == null || ctx.ref == null) return NO_DATA;
      return compare(spec.op, dec(ctx.value), dec(ctx.ref));
    }
    case 'sync': {
      if (ctx.value == null || ctx.ref == null) return NO_DATA;
      const v = dec(ctx.value);
      const r = dec(ctx.ref);
      const tol = ctx.tolerance !== undefined ? dec(ctx.tolerance) : dec('0.5');
      const diff = v.minus(r);
      return {
        status: diff.abs().lte(tol) ? 'met' : 'not_met',
        gap: num(diff),
        measured: num(v),
        threshold: num(r),
      };
    }
    case 'annual_growth':
      return annualGrowth(spec, ctx);
    case 'cumulative': {
      const t = dec(spec.value);
      if (ctx.cumulative == null) return { ...NO_DATA, threshold: num(t) };
      const c = dec(ctx.cumulative);
      const r = compare(reachOp(ctx.direction), c, t);
      return { ...r, needed: num(Decimal_max(t.minus(c), dec(0))) };
    }
    case 'manual': {
      const status = judgedStatus(ctx.judgement);
      return status ? { ...NO_DATA, status } : NO_DATA;
    }
    case 'quota': {
      if (ctx.quota == null || ctx.value == null) return NO_DATA;
      return compare(reachOp(ctx.direction), dec(ctx.value), dec(ctx.quota));
    }
  }
}

function Decimal_min(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}
function Decimal_max(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}

/**
 * 年均增长X: compound annual growth from the base year; during the plan, the growth still
 * needed per remaining year to reach the end-of-plan level.
 */
function annualGrowth(
  spec: Extract<TargetSpec, { type: 'annual_growth' }>,
  ctx: TargetContext,
): TargetResult {
  const t = dec(spec.value);
  const base = ctx.base;
  if (ctx.value == null || !base || base.value == null || ctx.year === undefined) {
    return { ...NO_DATA, threshold: num(t) };
  }
  const years = ctx.year - base.year;
  const b = dec(base.value);
  if (years <= 0 || b.lte(0) || ctx.value <= 0) return { ...NO_DATA, threshold: num(t) };
  const v = dec(ctx.value);
  const rate = v.div(b).pow(dec(1).div(years)).minus(1).times(100);
  const r =
    spec.op === 'about'
      ? about(ctx.direction, rate, t, ctx.tolerance !== undefined ? dec(ctx.tolerance) : dec('0.5'))
      : compare(spec.op === 'ge' || spec.op === 'gt' ? spec.op : reachOp(ctx.direction), rate, t);
  let needed: number | null = null;
  if (ctx.planEnd !== undefined && ctx.planEnd > ctx.year) {
    const goal = b.times(
      dec(1)
        .plus(t.div(100))
        .pow(ctx.planEnd - base.year),
    );
    needed = num(
      goal
        .div(v)
        .pow(dec(1).div(ctx.planEnd - ctx.year))
        .minus(1)
        .times(100),
    );
  }
  return { ...r, needed };
}
