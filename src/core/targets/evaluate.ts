import { isPercentUnit, type Direction } from '../indicators/index.js';
import { dec, num, type Decimal } from '../numeric/index.js';
import { judgedStatus } from './manual.js';
import {
  cumulativePace,
  levelAnnualPace,
  levelPace,
  rateAnnualPace,
  type PaceResult,
  type Span,
} from './pace.js';
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
    case 'cumulative':
      return cumulative(spec, ctx);
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

/** The years of a multi-year judgement; the end defaults to the year itself. */
function spanOf(ctx: TargetContext): Span | null {
  if (!ctx.base || ctx.year === undefined) return null;
  return { base: ctx.base.year, year: ctx.year, end: Math.max(ctx.planEnd ?? ctx.year, ctx.year) };
}

/** A pace read as a target result: on pace is met, behind is not met. */
function fromPace(p: PaceResult, mid: boolean): TargetResult {
  return {
    status: p.gap >= 0 ? 'met' : 'not_met',
    gap: p.gap,
    measured: p.actual,
    threshold: p.required,
    needed: p.needed,
    actual: p.actual,
    required: p.required,
    paceBasis: p.basis,
    ...(mid ? { pace: p.pace } : {}),
  };
}

/**
 * 年均增长X: on a level, the compound annual growth since the base year; on a growth rate, the
 * geometric average of the yearly rates after the base year. Before the end, the growth still
 * needed per remaining year.
 */
function annualGrowth(
  spec: Extract<TargetSpec, { type: 'annual_growth' }>,
  ctx: TargetContext,
): TargetResult {
  const t = dec(spec.value);
  const none = { ...NO_DATA, threshold: num(t) };
  const span = spanOf(ctx);
  if (!span || span.year <= span.base) return none;
  const up =
    spec.op === 'reach' || spec.op === 'about'
      ? ctx.direction === 'higher'
      : spec.op === 'ge' || spec.op === 'gt';
  let p: PaceResult | null;
  if (ctx.kind === 'growth') {
    if (!ctx.rates || ctx.rates.length !== span.year - span.base) return none;
    p = rateAnnualPace({ rates: ctx.rates, rate: spec.value, span, up });
  } else {
    if (ctx.value == null || ctx.base?.value == null) return none;
    p = levelAnnualPace({ base: ctx.base.value, value: ctx.value, rate: spec.value, span, up });
  }
  if (!p) return none;
  const mid = span.year < span.end;
  const judged =
    spec.op === 'about'
      ? about(up ? 'higher' : 'lower', dec(p.actual), t, tolOf(ctx, dec('0.5')))
      : compare(spec.op === 'reach' ? reachOp(ctx.direction) : spec.op, dec(p.actual), t);
  return { ...fromPace(p, mid), ...judged, needed: p.needed };
}

function tolOf(ctx: TargetContext, fallback: Decimal): Decimal {
  return ctx.tolerance !== undefined ? dec(ctx.tolerance) : fallback;
}

/** [X]: the plan years' sum; before the end, against the pro-rata path X × elapsed / plan years. */
function cumulative(
  spec: Extract<TargetSpec, { type: 'cumulative' }>,
  ctx: TargetContext,
): TargetResult {
  const t = dec(spec.value);
  if (ctx.cumulative == null) return { ...NO_DATA, threshold: num(t) };
  const c = dec(ctx.cumulative);
  const up = ctx.direction === 'higher';
  const span = spanOf(ctx);
  if (span && span.year < span.end && span.year > span.base) {
    return fromPace(cumulativePace({ sum: ctx.cumulative, target: spec.value, span, up }), true);
  }
  const r = compare(reachOp(ctx.direction), c, t);
  const rest = t.minus(c);
  return {
    ...r,
    needed: num(up ? Decimal_max(rest, dec(0)) : rest),
    actual: num(c),
    required: num(t),
  };
}

/**
 * An end-year target judged in a year before the end (SPEC §2 multi-year plans): a level by
 * its pace (actual vs required compound growth, `levelPace`); a growth rate, share change or
 * other yearly figure directly against the target, its pace being whether it meets it.
 */
export function evaluatePace(spec: TargetSpec, ctx: TargetContext): TargetResult {
  const span = spanOf(ctx);
  const direct = evaluateTarget(spec, ctx);
  if (spec.type === 'annual_growth' || spec.type === 'cumulative' || !span) return direct;
  const level = ctx.kind === 'level' || ctx.kind === 'count' || ctx.kind === 'share';
  const target = levelTarget(spec, ctx.direction);
  if (!level || !target) return paced(direct);
  if (ctx.value == null || ctx.base?.value == null)
    return { ...NO_DATA, threshold: num(dec(target.value)) };
  if (span.year <= span.base) return paced(direct);
  const p = levelPace({
    base: ctx.base.value,
    value: ctx.value,
    target: Number(target.value),
    span,
    up: target.up,
  });
  return fromPace(p, true);
}

/** The value and side of a target on the value itself (5以上, 达到5, 5左右); null for others. */
function levelTarget(
  spec: TargetSpec,
  direction: Direction,
): { value: string; up: boolean } | null {
  if (spec.type === 'bound' && spec.measure === 'value') {
    const op = spec.op === 'reach' ? reachOp(direction) : spec.op;
    return { value: spec.value, up: op === 'ge' || op === 'gt' };
  }
  if (spec.type === 'about' && spec.measure === 'value')
    return { value: spec.value, up: (spec.side ?? direction) === 'higher' };
  return null;
}

/** A direct judgement before the end: its pace is whether it meets the target. */
function paced(r: TargetResult): TargetResult {
  if (r.status === 'no_data' || r.status === 'not_applicable') return r;
  return { ...r, pace: r.status === 'met' ? 'on_track' : 'behind' };
}
