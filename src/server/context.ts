import type { Indicator } from '../core/indicators/index.js';
import type { Plan } from '../core/plans/index.js';
import type { Register } from '../core/regions/index.js';
import type { Responsibility } from '../core/review/index.js';
import { responsibility } from '../core/review/index.js';
import { loadIndicators } from '../io/plans.js';
import type { Store } from '../store/db.js';
import { loadPlans } from '../store/plans.js';
import { loadRegisterFrom } from '../store/regions.js';

/** Reference data every request reads: loaded per request, so any instance sees the same state. */
export interface Reference {
  register: Register;
  plans: Plan[];
  indicators: Indicator[];
  responsible: Responsibility;
  prefectureOf: (region: string) => string | null;
}

export async function loadReference(store: Store): Promise<Reference> {
  const register = await loadRegisterFrom(store);
  const plans = await loadPlans(store);
  const indicators = loadIndicators();
  return {
    register,
    plans,
    indicators,
    responsible: responsibility(plans, indicators),
    prefectureOf: (code) => register.get(code)?.parent ?? null,
  };
}
