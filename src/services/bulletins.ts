import {
  composeBulletin,
  type Bulletin,
  type BulletinFormat,
  type BulletinInput,
} from '../core/bulletin/index.js';
import { LeitaiError } from '../core/errors/index.js';
import {
  comparisonPeriod,
  formatPeriod,
  parsePeriod,
  periodLabel,
  previousYearPeriod,
  todayIn,
} from '../core/periods/index.js';
import { planCounties } from '../core/evaluate/index.js';
import { ObservationSet } from '../core/observations/index.js';
import { coversYear, preparePlan } from '../core/plans/index.js';
import { rankStability } from '../core/ranking/index.js';
import type { DataView } from '../core/review/index.js';
import { BULLETIN_MEDIA_TYPES, renderBulletin } from '../io/bulletin/index.js';
import { findPlan } from '../io/plans.js';
import {
  addBulletin,
  findBulletin,
  listBulletins,
  type StoredBulletinRow,
} from '../store/bulletins.js';
import { publishedPeriods } from '../store/users.js';
import { qualityFor } from './quality.js';
import { rankingFor } from './ranking.js';
import { seriesFor } from './series.js';
import { completenessFor, evaluationFor, type ReportContext } from './reports.js';
import { warningsFor } from './warnings.js';
import { bulletinLedgers } from './bulletin-ledgers.js';

/** Weight draws behind the bulletin's sentence on rank stability: enough for 5–95% intervals. */
const STABILITY_DRAWS = 100;

/** `province`, or a prefecture's code: whose bulletin. */
export type BulletinScope = string;

export interface BulletinRequest {
  plan: string;
  period: string;
  scope: BulletinScope;
  /** Which values it stands on: a published period's bulletin for others is of published values. */
  view: DataView;
  now: Date;
}

/** The scope's name and counties, or a clear error for a scope outside the plan's province. */
function scopeOf(
  ctx: ReportContext,
  prepared: ReturnType<typeof preparePlan>,
  scope: BulletinScope,
): { input: BulletinInput['scope']; counties: string[] } {
  const { register } = ctx;
  const counties = planCounties(prepared, register, new ObservationSet());
  const province = prepared.plan.province;
  if (scope === 'province') {
    const name = register.get(province)?.name ?? province;
    return {
      input: { code: province, name, level: 'province' },
      counties: counties.map((c) => c.code),
    };
  }
  const pref = register.get(scope);
  if (!pref || pref.level !== 'prefecture' || pref.parent !== province) {
    throw new LeitaiError(
      'INPUT_INVALID',
      `通报范围「${scope}」不是计划 ${prepared.plan.id} 所在省的市(地);可用 province 或市(地)代码 (unknown scope)`,
      { value: scope, reason: 'scope is province or a prefecture of the plan' },
    );
  }
  return {
    input: { code: pref.code, name: pref.name, level: 'prefecture' },
    counties: counties.filter((c) => c.parent === pref.code).map((c) => c.code),
  };
}

/** A period of the plan's years, or a clear error. */
function checkPeriod(prepared: ReturnType<typeof preparePlan>, period: string): string {
  const p = parsePeriod(period);
  const { start, end } = prepared.plan.period;
  if (!coversYear(prepared.plan, p.year)) {
    throw new LeitaiError(
      'PERIOD_INVALID',
      `${periodLabel(p)} 不在计划 ${prepared.plan.id} 的年度 (${start}–${end}) 内 (period outside the plan)`,
      { value: period, reason: `plan years ${start}-${end}` },
    );
  }
  return formatPeriod(p);
}

/**
 * The region's value of each indicator in last year's same month, as the series shows it (a
 * province's derived from its counties where the indicator says so); none for quarters and years.
 */
async function lastYearValues(
  ctx: ReportContext,
  o: { plan: string; period: string; region: string; view: DataView },
): Promise<Record<string, number | null>> {
  const p = parsePeriod(o.period);
  if (p.kind !== 'month') return {};
  const same = formatPeriod(previousYearPeriod(p));
  const s = await seriesFor(ctx, { ...o, shown: () => o.view });
  return Object.fromEntries(
    s.series.map((x) => [x.indicator, x.previous.find((q) => q.period === same)?.value ?? null]),
  );
}

/** Everything the composer reads, computed by the same services as the API's answers. */
export async function bulletinInput(
  ctx: ReportContext,
  o: BulletinRequest,
): Promise<BulletinInput> {
  const prepared = preparePlan(findPlan(ctx.plans, o.plan), ctx.indicators);
  const period = checkPeriod(prepared, o.period);
  const { input: scope, counties } = scopeOf(ctx, prepared, o.scope);
  const base = { plan: o.plan, view: o.view };
  const ranked = await rankingFor(ctx, { ...base, period });
  const earlierPeriod = comparisonPeriod(parsePeriod(period));
  const earlier = earlierPeriod
    ? await evaluationFor(ctx, { ...base, period: formatPeriod(earlierPeriod) })
    : null;
  const today = todayIn(o.now);
  const warned = await warningsFor(ctx, {
    ...base,
    period,
    now: today,
    evaluation: ranked.evaluation,
  });
  const quality = await qualityFor(ctx, { plan: o.plan, period, view: o.view });
  const completeness = await completenessFor(ctx, {
    plan: o.plan,
    period,
    now: o.now.toISOString(),
  });
  const lastYear = await lastYearValues(ctx, { ...base, period, region: prepared.plan.province });
  const ranking = ranked.ranking.counties.some((c) => c.rank !== null) ? ranked.ranking : null;
  const provinceName = ctx.register.get(prepared.plan.province)?.name ?? prepared.plan.province;
  const ledgers = await bulletinLedgers(ctx, {
    plan: prepared.plan,
    period,
    view: o.view,
    today,
  });
  return {
    planName: prepared.plan.title,
    province: { code: prepared.plan.province, name: provinceName },
    scope,
    counties,
    evaluation: ranked.evaluation,
    earlier,
    lastYear,
    ranking,
    stability: ranking
      ? rankStability(ranked.matrix, ranked.method, { draws: STABILITY_DRAWS, seed: 1 })
      : null,
    warnings: warned,
    findings: quality.findings.filter((f) => f.severity !== 'info'),
    completeness,
    // A prefecture's bulletin is signed by its own task force, the province's by the plan's.
    issuer:
      (scope.level === 'province' ? prepared.plan.settings?.bulletinIssuer : undefined) ??
      `${scope.name}县域经济发展工作专班`,
    date: today,
    synthetic:
      ranked.synthetic || (earlier?.synthetic ?? false) || quality.synthetic || ledgers.synthetic,
    ledgers: ledgers.ledgers,
  };
}

/** The bulletin of a plan's period for a scope, written from today's data in the given view. */
export async function bulletinFor(ctx: ReportContext, o: BulletinRequest): Promise<Bulletin> {
  return composeBulletin(await bulletinInput(ctx, o));
}

/** A bulletin as a file. */
export async function bulletinFile(
  b: Bulletin,
  format: BulletinFormat,
): Promise<{ bytes: Buffer; filename: string; type: string }> {
  return {
    bytes: await renderBulletin(b, format),
    filename: `${b.title}-${b.plan}-${b.period}${b.scope === 'province' ? '' : `-${b.scope}`}.${format}`,
    type: BULLETIN_MEDIA_TYPES[format],
  };
}

/** A stored bulletin as lists show it. */
export interface StoredBulletin extends StoredBulletinRow {
  planName: string;
  periodLabel: string;
  scopeName: string;
}

function describe(ctx: ReportContext, r: StoredBulletinRow): StoredBulletin {
  const plan = ctx.plans.find((p) => p.id === r.plan);
  const scopeName =
    r.scope === 'province'
      ? (ctx.register.get(plan?.province ?? '')?.name ?? r.scope)
      : (ctx.register.get(r.scope)?.name ?? r.scope);
  return {
    ...r,
    planName: plan?.title ?? r.plan,
    periodLabel: periodLabel(parsePeriod(r.period)),
    scopeName,
  };
}

/**
 * Writes and stores the province bulletin of a period as a new version, on the published values
 * (a stored bulletin is what everyone may read once the period is published).
 */
export async function storeBulletin(
  ctx: ReportContext,
  o: {
    plan: string;
    period: string;
    reason: StoredBulletinRow['reason'];
    by: string | null;
    now: Date;
  },
): Promise<StoredBulletin> {
  const b = await bulletinFor(ctx, { ...o, scope: 'province', view: 'published' });
  const row = await addBulletin(ctx.store, {
    plan: b.plan,
    period: b.period,
    scope: b.scope,
    reason: o.reason,
    createdAt: o.now.toISOString(),
    createdBy: o.by,
    synthetic: b.synthetic,
    body: JSON.stringify(b),
  });
  return describe(ctx, row);
}

/** The plans whose years hold the period: those a publication makes a bulletin for. */
export function plansOfPeriod(ctx: ReportContext, period: string): string[] {
  const { year } = parsePeriod(period);
  return ctx.plans.filter((p) => coversYear(p, year)).map((p) => p.id);
}

/**
 * After a period is published: each plan of that year gets its province bulletin stored. A plan
 * that cannot be ranked or written is reported, not fatal: the publication stands.
 */
export async function bulletinsOnPublish(
  ctx: ReportContext,
  o: { period: string; by: string; now: Date },
): Promise<{ stored: StoredBulletin[]; failed: { plan: string; message: string }[] }> {
  const stored: StoredBulletin[] = [];
  const failed: { plan: string; message: string }[] = [];
  for (const plan of plansOfPeriod(ctx, o.period)) {
    try {
      stored.push(
        await storeBulletin(ctx, {
          plan,
          period: o.period,
          reason: 'publish',
          by: o.by,
          now: o.now,
        }),
      );
    } catch (e) {
      failed.push({ plan, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { stored, failed };
}

/** Stored bulletins of a plan (or all), newest first. */
export async function storedBulletins(
  ctx: ReportContext,
  f: { plan?: string; period?: string },
): Promise<StoredBulletin[]> {
  return (await listBulletins(ctx.store, f)).map((r) => describe(ctx, r));
}

/** One stored bulletin, its record and content. */
export async function storedBulletin(
  ctx: ReportContext,
  id: number,
): Promise<{ item: StoredBulletin; bulletin: Bulletin }> {
  const r = await findBulletin(ctx.store, id);
  if (!r) {
    throw new LeitaiError('NOT_FOUND', `没有编号为 ${id} 的通报 (no such bulletin)`, {
      value: String(id),
      reason: 'unknown bulletin id',
    });
  }
  const { body, ...row } = r;
  return { item: describe(ctx, row), bulletin: JSON.parse(body) as Bulletin };
}

/**
 * The demo's stored bulletins, as if made when its past months were published: each plan's
 * newest published month gets one, once (a second run adds nothing).
 */
export async function demoBulletins(ctx: ReportContext, now: Date): Promise<StoredBulletin[]> {
  const published = [...(await publishedPeriods(ctx.store))].filter(
    (p) => parsePeriod(p).kind === 'month',
  );
  const out: StoredBulletin[] = [];
  for (const plan of ctx.plans) {
    const newest = published
      .filter((p) => plansOfPeriod(ctx, p).includes(plan.id))
      .sort()
      .pop();
    if (!newest || (await listBulletins(ctx.store, { plan: plan.id, period: newest })).length > 0)
      continue;
    out.push(
      await storeBulletin(ctx, {
        plan: plan.id,
        period: newest,
        reason: 'publish',
        by: 'demo',
        now,
      }),
    );
  }
  return out;
}
