import { valueKey, type Observation } from '../observations/index.js';
import type { Plan } from './schema.js';

/**
 * The 完成 columns of a plan's province table: published results, loaded as approved province
 * observations whose source is the plan document.
 */
export function officialObservations(plans: readonly Plan[]): Observation[] {
  const out = new Map<string, Observation>();
  for (const plan of plans) {
    for (const t of plan.targets) {
      if (t.table !== 'province' || !t.baseline || t.baseline.value === null) continue;
      if (t.unit === '个百分点') continue; // a change, not a level of the indicator
      const o: Observation = {
        region: plan.province,
        indicator: t.indicator,
        period: String(t.baseline.year),
        value: t.baseline.value,
        source: `${plan.id}: ${plan.source}`,
        official: true,
      };
      out.set(valueKey(o), o);
    }
  }
  return [...out.values()];
}
