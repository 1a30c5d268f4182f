import type { Indicator } from '../core/indicators/index.js';
import { planCatalogue, type Plan } from '../core/plans/index.js';
import type { Register } from '../core/regions/index.js';
import { responsibility, type Responsibility } from '../core/review/index.js';
import { loadDepartmentNames } from '../io/departments.js';
import { loadIndicators } from '../io/plans.js';
import type { Store } from '../store/db.js';
import { loadPlans } from '../store/plans.js';
import { loadRegisterFrom } from '../store/regions.js';

/**
 * Reference data every command and request reads: the register, the plans and the catalogue
 * (the built-in indicators and every stored plan's own, core/plans planCatalogue).
 */
export interface Reference {
  register: Register;
  plans: Plan[];
  indicators: Indicator[];
  responsible: Responsibility;
  prefectureOf: (region: string) => string | null;
}

/** The store's reference data, as the CLI and the server both read it. */
export async function loadReference(store: Store): Promise<Reference> {
  const register = await loadRegisterFrom(store);
  const plans = await loadPlans(store);
  const indicators = planCatalogue(loadIndicators(), plans);
  return {
    register,
    plans,
    indicators,
    responsible: responsibility(plans, indicators, loadDepartmentNames()),
    prefectureOf: (code) => register.get(code)?.parent ?? null,
  };
}
