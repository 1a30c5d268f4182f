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

export const useEvaluation = (s: Selected, extra?: Query, enabled = true) =>
  useApi<Evaluation>('/evaluation', { ...s, limit: 5000, ...extra }, enabled);
export const useRanking = (s: Selected, stability?: number) =>
  useApi<Ranking>('/ranking', { ...s, stability });
export const useWarnings = (s: Selected, extra?: Query) =>
  useApi<Warnings>('/warnings', { ...s, ...extra });
export const useQuality = (s: Selected, extra?: Query) =>
  useApi<Quality>('/quality', { ...s, ...extra });
export const useCompleteness = (s: Selected) => useApi<Completeness>('/completeness', { ...s });
export const useSeries = (s: Selected, region: string | undefined) =>
  useApi<Series>('/series', { ...s, region }, !!region);

export type { PeriodInfo };
