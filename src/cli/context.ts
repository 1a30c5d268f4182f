import { existsSync } from 'node:fs';
import type { Indicator } from '../core/indicators/index.js';
import { ObservationSet } from '../core/observations/index.js';
import { officialObservations } from '../core/plans/official.js';
import { planCatalogue, type Plan } from '../core/plans/index.js';
import type { Register } from '../core/regions/index.js';
import { readCsvFile } from '../io/csv.js';
import { readObservationsInto } from '../io/observations.js';
import { loadBuiltinPlans, loadIndicators, loadPlanFile } from '../io/plans.js';
import { loadRegister } from '../io/regions.js';

export interface Context {
  register: Register;
  indicators: Indicator[];
  plans: Plan[];
}

export function loadContext(
  opts: { regions?: string[]; attributes?: string[]; planFiles?: string[] } = {},
): Context {
  const register = loadRegister({ regionFiles: opts.regions, attributeFiles: opts.attributes });
  const plans = [...loadBuiltinPlans(), ...(opts.planFiles ?? []).map(loadPlanFile)];
  return { register, indicators: planCatalogue(loadIndicators(), plans), plans };
}

/** Files written beside a demo CSV: its synthetic region attributes and (national) regions. */
export function siblings(dataFile: string): { attributes?: string; regions?: string } {
  const stem = dataFile.replace(/\.csv$/i, '');
  const attributes = `${stem}.attributes.csv`;
  const regions = `${stem}.regions.csv`;
  return {
    attributes: existsSync(attributes) ? attributes : undefined,
    regions: existsSync(regions) ? regions : undefined,
  };
}

/** A data file whose leading comment says it is synthetic (the demo writes one). */
export function isSynthetic(text: string): boolean {
  const head = text
    .slice(0, 2000)
    .split('\n')
    .filter((l) => l.startsWith('#'));
  return head.some((l) => /synthetic|合成/i.test(l));
}

/** The observations to evaluate: the plans' published results plus a data file. */
export function loadObservations(
  ctx: Context,
  dataFile: string | undefined,
  periods?: ReadonlySet<string>,
  indicators?: ReadonlySet<string>,
): { obs: ObservationSet; synthetic: boolean } {
  const set = new ObservationSet(officialObservations(ctx.plans));
  let synthetic = false;
  if (dataFile) {
    const { text, comments } = readCsvFile(dataFile);
    synthetic = isSynthetic(comments);
    const catalogue = new Map(ctx.indicators.map((i) => [i.code, i]));
    readObservationsInto(set, text, dataFile, {
      register: ctx.register,
      indicators: catalogue,
      periods,
      keepIndicators: indicators,
    });
  }
  return { obs: set, synthetic };
}

export { collect, numberOption } from './options.js';
