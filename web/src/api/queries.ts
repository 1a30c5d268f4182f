// Data hooks: one per API answer, keyed by what selects it, so pages share cached answers.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Query } from './client.js';
import type {
  Completeness,
  CountyChoice,
  Evaluation,
  PeriodInfo,
  PlanDetail,
  Periods,
  PlanSummary,
  Quality,
  Ranking,
  Region,
  Series,
  Warnings,
} from './types.js';

export function useApi<T>(path: string, query?: Query, enabled = true) {
  return useQuery({
    queryKey: [path, query ?? {}],
    queryFn: ({ signal }) => api<T>(path, { query, signal }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}

export const usePlans = () => useApi<PlanSummary[]>('/plans');
export const useRegions = () => useApi<Region[]>('/regions');
export const usePlan = (id: string | undefined) =>
  useApi<PlanDetail>(`/plans/${encodeURIComponent(id ?? '')}`, undefined, !!id);
export const usePeriods = (plan: string | undefined) =>
  useApi<Periods>('/periods', { plan }, !!plan);

export interface Selected {
  plan: string;
  period: string;
}

const PAGE = 5000;

/**
 * Every result row of an evaluation the reader may see, in pages of 5,000 (the API's limit)
 * fetched together; each page's target list is appended and its rows re-pointed to it.
 */
export async function evaluationAll(
  s: Selected,
  signal?: AbortSignal,
  extra: Query = {},
): Promise<Evaluation> {
  const first = await api<Evaluation>('/evaluation', {
    query: { ...s, ...extra, limit: PAGE },
    signal,
  });
  if (first.total <= first.results.length) return first;
  const offsets: number[] = [];
  for (let o = first.results.length; o < first.total; o += PAGE) offsets.push(o);
  const rest = await Promise.all(
    offsets.map((offset) =>
      api<Evaluation>('/evaluation', { query: { ...s, ...extra, limit: PAGE, offset }, signal }),
    ),
  );
  const targets = [...first.targets];
  const results = [...first.results];
  const regionNames = { ...first.regionNames };
  for (const page of rest) {
    const base = targets.length;
    targets.push(...page.targets);
    for (const r of page.results) results.push({ ...r, target: r.target + base });
    Object.assign(regionNames, page.regionNames);
  }
  return { ...first, targets, results, regionNames, offset: 0, limit: results.length };
}

/** Every row of an evaluation, page by page; `extra` narrows it (`indicator`, `counties`). */
export const useEvaluationAll = (s: Partial<Selected>, enabled = true, extra: Query = {}) =>
  useQuery({
    queryKey: ['/evaluation', 'all', s.plan, s.period, extra],
    queryFn: ({ signal }) => evaluationAll(s as Selected, signal, extra),
    enabled: enabled && !!s.plan && !!s.period,
    staleTime: 30_000,
    retry: false,
  });

export const useEvaluation = (s: Selected, extra?: Query, enabled = true) =>
  useApi<Evaluation>('/evaluation', { ...s, limit: 5000, ...extra }, enabled);

/**
 * The API's `counties` parameter as a query: nothing for the plan's own counties (the default, so
 * every page asking for those shares one answer), `all` for every county of the register with data.
 */
export const countiesQuery = (counties: CountyChoice | undefined): Query =>
  counties === 'all' ? { counties: 'all' } : {};

export const useRanking = (s: Selected, stability?: number, counties?: CountyChoice) =>
  useApi<Ranking>('/ranking', { ...s, stability, ...countiesQuery(counties) });

/**
 * Weight draws behind the rank intervals (5–95%) the UI shows: 200 draws put 10 in each tail. Once
 * the ranking is computed they cost the server ~10 ms for the plan's 67 counties (measured on the
 * national demo; 1,000 draws ~45 ms), and ~0.3 s over all 2,867 counties of the national demo
 * (`counties=all`; measured on a 2-core machine under load 8: 0.28–0.64 s, 1,000 draws 1.2–3.9 s).
 * The intervals are asked for after the table is shown and computed once per data state, so 200
 * stay affordable at that size too. One number, so every page showing a county's band shares the
 * same answer (and cache entry).
 */
export const STABILITY_DRAWS = 200;

/** The ranking with its rank intervals; `enabled` lets a page ask only after the plain ranking. */
export const useRankingStability = (s: Selected, enabled = true, counties?: CountyChoice) =>
  useApi<Ranking>(
    '/ranking',
    { ...s, stability: STABILITY_DRAWS, ...countiesQuery(counties) },
    enabled,
  );
export const useWarnings = (s: Selected, extra?: Query) =>
  useApi<Warnings>('/warnings', { ...s, ...extra });
export const useQuality = (s: Selected, extra?: Query) =>
  useApi<Quality>('/quality', { ...s, ...extra });
export const useCompleteness = (s: Selected) => useApi<Completeness>('/completeness', { ...s });
export const useSeries = (s: Selected, region: string | undefined) =>
  useApi<Series>('/series', { ...s, region }, !!region);

/**
 * Whether the reader may see a region's values of a period: the server's own answer (GET
 * /observations for the region and period: 403 when not, 404 for an unknown region).
 */
export const useRegionSight = (period: string, region: string, enabled = true) =>
  useApi<{ total: number }>('/observations', { region, period, limit: 1 }, enabled);

export type { PeriodInfo };
