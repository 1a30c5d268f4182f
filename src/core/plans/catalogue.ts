import { LeitaiError } from '../errors/index.js';
import type { Indicator } from '../indicators/index.js';
import type { Plan } from './schema.js';

/**
 * The plan that brought each plan-local indicator into a catalogue. A plan reads its phrases
 * against the built-in indicators and its own, never another plan's (see `ownCatalogue`).
 */
const broughtBy = new WeakMap<Indicator, string>();

/** Same definition: key order aside, every field equal. */
function sameDefinition(a: Indicator, b: Indicator): boolean {
  const canon = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
        )
      : Array.isArray(v)
        ? v.map(canon)
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/**
 * The first indicator code that two plans define differently, or null. A plan may repeat
 * another's definition word for word; anything else would give one code two meanings.
 */
export function indicatorConflict(
  plans: readonly Plan[],
): { code: string; first: string; second: string } | null {
  const seen = new Map<string, { def: Indicator; plan: string }>();
  for (const p of plans) {
    for (const def of p.indicators ?? []) {
      const prior = seen.get(def.code);
      if (prior && prior.plan !== p.id && !sameDefinition(prior.def, def))
        return { code: def.code, first: prior.plan, second: p.id };
      if (!prior) seen.set(def.code, { def, plan: p.id });
    }
  }
  return null;
}

/** Throws PLAN_INVALID naming both plans when two of them define one code differently. */
export function checkIndicatorConflicts(plans: readonly Plan[]): void {
  const c = indicatorConflict(plans);
  if (!c) return;
  throw new LeitaiError(
    'PLAN_INVALID',
    `计划「${c.second}」的自有指标「${c.code}」与计划「${c.first}」中的同代码指标定义不同;同一代码只能有一种定义 (indicator ${c.code} defined differently by plans ${c.first} and ${c.second})`,
    { path: 'indicators', value: c.code, reason: 'conflicting indicator definition', plans: [c.first, c.second] },
  );
}

/**
 * The one catalogue every import, template, entry, review and evaluation looks codes up in: the
 * built-in indicators, then each plan's own (a built-in code keeps its built-in definition here;
 * a plan that redefines one uses its own when read). Refuses plans that conflict.
 */
export function planCatalogue(builtin: readonly Indicator[], plans: readonly Plan[]): Indicator[] {
  checkIndicatorConflicts(plans);
  const out = new Map(builtin.map((i) => [i.code, i]));
  for (const p of plans) {
    for (const def of p.indicators ?? []) {
      if (out.has(def.code)) continue;
      out.set(def.code, def as Indicator);
      broughtBy.set(def as Indicator, p.id);
    }
  }
  return [...out.values()];
}

/** The catalogue one plan reads against: drops the indicators only other plans define. */
export function ownCatalogue(catalogue: readonly Indicator[], plan: Plan): Indicator[] {
  const own = new Set((plan.indicators ?? []).map((i) => i.code));
  return catalogue.filter((i) => {
    const by = broughtBy.get(i);
    return by === undefined || by === plan.id || own.has(i.code);
  });
}
