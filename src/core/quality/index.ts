import { valueKey } from '../observations/index.js';
/**
 * Data quality (数据质量, SPEC §4): plausible ranges, robust outliers across counties and against a
 * county's own history, cross-indicator consistency, year-to-date levels that fall, growth rates
 * that do not follow from their levels, and large revisions after approval. Every rule and
 * threshold is in docs/quality.md. Pure: the caller passes the data in.
 */
import type { Role } from '../review/index.js';
import type { Indicator } from '../indicators/index.js';
import type { ObservationSet } from '../observations/index.js';
import { formatPeriod, parsePeriod } from '../periods/index.js';
import type { Register } from '../regions/index.js';
import { makeContext, PEER_VALUES } from './context.js';
import { checkOutliersAcross, checkOutliersInHistory } from './outliers.js';
import { checkRevisions } from './revisions.js';
import {
  CHECK_LABELS,
  CHECKS,
  DEFAULT_CROSS_RULES,
  DEFAULT_SETTINGS,
  SEVERITY_LABELS,
  type CheckCode,
  type Finding,
  type QualitySettings,
  type Revision,
} from './types.js';
import { checkProjectSums } from './project-sum.js';
import { checkCrossRules, checkGrowthVsLevels, checkRanges, checkYtd } from './values.js';

export * from './types.js';
export { qualityPeriods } from './periods.js';

export interface QualityOptions {
  indicators: ReadonlyMap<string, Indicator>;
  register: Register;
  /** Values of the period and of the periods `qualityPeriods` names. */
  obs: ObservationSet;
  period: string;
  /** The counties judged by `range` and compared by the outlier checks. */
  counties: readonly string[];
  /** The group a county is compared within (its province); one group when omitted. */
  peerGroup?: (region: string) => string;
  revisions?: readonly Revision[];
  settings?: Partial<QualitySettings>;
  /** Run only these checks (codes); all when omitted. */
  checks?: readonly string[];
  /** Each county's projects' year-to-date investment (万元) of the period (project_sum). */
  projects?: ReadonlyMap<string, readonly (string | null)[]>;
}

export interface QualityReport {
  period: string;
  findings: Finding[];
  /** Values of the period that were checked. */
  checked: number;
}

/** Every check code known under these settings: the built-in ones and the cross rules', in order. */
export function checkCodes(settings: Partial<QualitySettings> = {}): string[] {
  const rules = (settings.crossRules ?? DEFAULT_SETTINGS.crossRules).map((r) => r.code);
  const defaults = new Set<string>(DEFAULT_CROSS_RULES.map((r) => r.code));
  const out: string[] = [];
  for (const c of CHECKS) {
    if (c === DEFAULT_CROSS_RULES[0]!.code) out.push(...rules);
    if (!defaults.has(c)) out.push(c);
  }
  return [...new Set(out)];
}

export function checkQuality(opts: QualityOptions): QualityReport {
  const period = parsePeriod(opts.period);
  const periodText = formatPeriod(period);
  const settings: QualitySettings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const findings: Finding[] = [];
  const only = opts.checks ? new Set(opts.checks) : null;
  const enabled = (c: CheckCode) => only === null || only.has(c);
  const ctx = makeContext(
    {
      indicators: opts.indicators,
      register: opts.register,
      obs: opts.obs,
      period,
      periodText,
      counties: new Set(opts.counties),
      peerGroup: opts.peerGroup ?? (() => ''),
      settings,
    },
    findings,
    enabled,
  );
  if (enabled('range') || enabled('share_bounds')) checkRanges(ctx);
  checkCrossRules(ctx);
  if (enabled('ytd_decreasing')) checkYtd(ctx);
  if (enabled('growth_vs_levels')) checkGrowthVsLevels(ctx);
  if (enabled('outlier_cross')) checkOutliersAcross(ctx);
  if (enabled('outlier_history')) checkOutliersInHistory(ctx);
  if (enabled('revision_after_approval')) checkRevisions(ctx, opts.revisions ?? []);
  if (enabled('project_sum') && opts.projects) checkProjectSums(ctx, opts.projects);

  let checked = 0;
  for (const code of opts.indicators.keys())
    for (const o of opts.obs.slice(code, periodText).values()) if (o.value !== null) checked++;

  const order = checkCodes(settings);
  const rank = (c: string) => {
    const i = order.indexOf(c);
    return i < 0 ? order.length : i;
  };
  findings.sort(
    (a, b) =>
      a.region.localeCompare(b.region) ||
      a.indicator.localeCompare(b.indicator) ||
      rank(a.check) - rank(b.check),
  );
  return { period: periodText, findings, checked };
}

/** Findings by `region|indicator|period`, each listed under its own indicator and every related one. */
export function findingsByValue(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const ind of [f.indicator, ...f.related]) {
      const key = valueKey({ region: f.region, indicator: ind, period: f.period });
      const list = out.get(key) ?? [];
      list.push(f);
      out.set(key, list);
    }
  }
  return out;
}

/** A few words for a table cell: severity and what is wrong (`错误:税收收入大于一般公共预算收入`). */
export function shortText(f: Finding): string {
  return `${SEVERITY_LABELS[f.severity]}:${CHECK_LABELS[f.check] ?? f.check}`;
}

/**
 * Findings as a user of this role may see them: county and prefecture users may not read other
 * counties' unpublished values, so their outlier findings go without the peers' median.
 */
export function asSeenBy(role: Role, findings: readonly Finding[]): Finding[] {
  return role === 'county' || role === 'prefecture'
    ? findings.map(withoutPeerValues)
    : [...findings];
}

/**
 * The finding as a reader who may not see other counties' unpublished values sees it: an outlier
 * finding without the peers' median (which, for an odd number of counties, is one county's value).
 */
export function withoutPeerValues(f: Finding): Finding {
  const peers = PEER_VALUES.get(f);
  if (!peers) return f;
  const evidence = { ...f.evidence };
  for (const k of peers.keys) delete evidence[k];
  return { ...f, message: peers.message, evidence };
}
