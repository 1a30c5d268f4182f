// Data hooks: one per API answer, keyed by what selects it, so pages share cached answers.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Query } from './client.js';
import type {
  Completeness,
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
export async function evaluationAll(s: Selected, signal?: AbortSignal): Promise<Evaluation> {
  const first = await api<Evaluation>('/evaluation', { query: { ...s, limit: PAGE }, signal });
  if (first.total <= first.results.length) return first;
  const offsets: number[] = [];
  for (let o = first.results.length; o < first.total; o += PAGE) offsets.push(o);
  const rest = await Promise.all(
    offsets.map((offset) =>
      api<Evaluation>('/evaluation', { query: { ...s, limit: PAGE, offset }, signal }),
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

export const useEvaluationAll = (s: Partial<Selected>, enabled = true) =>
  useQuery({
    queryKey: ['/evaluation', 'all', s.plan, s.period],
    queryFn: ({ signal }) => evaluationAll(s as Selected, signal),
    enabled: enabled && !!s.plan && !!s.period,
    staleTime: 30_000,
    retry: false,
  });

export const useEvaluation = (s: Selected, extra?: Query) =>
  useApi<Evaluation>('/evaluation', { ...s, limit: 5000, ...extra });
export const useRanking = (s: Selected, stability?: number) =>
  useApi<Ranking>('/ranking', { ...s, stability });
export const useWarnings = (s: Selected, extra?: Query) =>
  useApi<Warnings>('/warnings', { ...s, ...extra });
export const useQuality = (s: Selected, extra?: Query) =>
  useApi<Quality>('/quality', { ...s, ...extra });
export const useCompleteness = (s: Selected) => useApi<Completeness>('/completeness', { ...s });
export const useSeries = (s: Selected, region: string) =>
  useApi<Series>('/series', { ...s, region });

export type { PeriodInfo };
