/**
 * Builders for the core's unit tests: small in-memory indicators, regions, plans and
 * observations. Test support only (excluded from the build); the core itself never imports it.
 */
import type { Indicator } from '../indicators/index.js';
import type { Observation } from '../observations/index.js';
import type { Plan } from '../plans/index.js';
import type { Region } from '../regions/index.js';

/** A monthly, year-to-date, higher-is-better level in 亿元 summed over counties, unless overridden. */
export const indicator = (code: string, over: Partial<Indicator> = {}): Indicator => ({
  code,
  name: code,
  nameEn: code,
  unit: '亿元',
  kind: 'level',
  direction: 'higher',
  frequency: 'monthly',
  ytd: true,
  aggregate: { method: 'sum' },
  ...over,
});

/** A reported growth rate in %. */
export const growthIndicator = (code: string, over: Partial<Indicator> = {}): Indicator =>
  indicator(code, { unit: '%', kind: 'growth', aggregate: { method: 'reported' }, ...over });

const LEVELS: Record<string, Region['level']> = { 省: 'province', 地级市: 'prefecture' };

/** A region; its level follows from its kind (省, 地级市, otherwise a county-level unit). */
export const region = (
  code: string,
  name: string,
  parent: string | null,
  kind: string,
  attributes: Region['attributes'] = {},
): Region => ({ code, name, parent, kind, level: LEVELS[kind] ?? 'county', attributes });

/** A one-year 2026 plan of province 230000 over 县 and 县级市, with nothing in it yet. */
export const planShell = (over: Partial<Plan> = {}): Plan => ({
  id: 't',
  title: 'test',
  issuer: 'x',
  issued: '2026',
  period: { start: 2026, end: 2026 },
  source: 'test',
  province: '230000',
  countyScope: { kinds: ['县', '县级市'] },
  targets: [],
  categories: [],
  tasks: [],
  ...over,
});

export const observation = (
  region: string,
  indicator: string,
  period: string,
  value: number | null,
): Observation => ({ region, indicator, period, value });
