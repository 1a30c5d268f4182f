// The plan and period a page shows: from the URL (?plan=&period=), else the newest plan and the
// latest period with data the user can see (GET /api/periods).
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQueries } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { usePeriods, usePlans } from '../api/queries.js';
import type { PeriodInfo, Periods, PlanSummary } from '../api/types.js';

export interface Selection {
  plan: string | undefined;
  period: string | undefined;
  plans: PlanSummary[];
  periods: PeriodInfo[];
  /** Still asking the server for the defaults. */
  pending: boolean;
  error: unknown;
  setPlan: (plan: string) => void;
  setPeriod: (period: string) => void;
  /** Query string that keeps the selection on links: `?plan=…&period=…`. */
  search: string;
}

const SelectionContext = createContext<Selection | null>(null);

/** Plans with targets, newest first: the latest to end, then the latest issued. */
export function byNewest(plans: readonly PlanSummary[]): PlanSummary[] {
  return [...plans]
    .filter((p) => p.targets > 0)
    .sort((a, b) => b.period.end - a.period.end || b.issued.localeCompare(a.issued));
}

/**
 * The plan a page opens on when the URL names none: the newest plan in which the user sees data
 * (an observer sees only published years), else the newest plan.
 */
function useDefaultPlan(plans: readonly PlanSummary[] | undefined, wanted: boolean) {
  const ordered = plans ? byNewest(plans) : [];
  const answers = useQueries({
    queries: ordered.map((p) => ({
      queryKey: ['/periods', { plan: p.id }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api<Periods>('/periods', { query: { plan: p.id }, signal }),
      enabled: wanted,
      staleTime: 30_000,
      retry: false,
    })),
  });
  if (!wanted || !plans) return { plan: undefined, pending: !plans };
  const i = answers.findIndex((a) => a.data?.latest);
  // Wait for the newer plans' answers before settling on an older one.
  if (answers.slice(0, i < 0 ? answers.length : i).some((a) => a.isPending))
    return { plan: undefined, pending: true };
  return { plan: (ordered[i] ?? ordered[0])?.id, pending: false };
}

export function SelectionProvider({ children }: { children: ReactNode }) {
  const [params, setParams] = useSearchParams();
  const plans = usePlans();
  const fallback = useDefaultPlan(plans.data, !params.get('plan'));
  const plan = params.get('plan') ?? fallback.plan;
  const periods = usePeriods(plan);
  const period =
    params.get('period') ??
    (periods.data?.plan === plan ? (periods.data?.latest ?? undefined) : undefined);
  const set = useCallback(
    (k: 'plan' | 'period', v: string) =>
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          n.set(k, v);
          if (k === 'plan') n.delete('period');
          return n;
        },
        { replace: false },
      ),
    [setParams],
  );
  const value = useMemo<Selection>(() => {
    const q = new URLSearchParams();
    if (plan) q.set('plan', plan);
    if (period) q.set('period', period);
    return {
      plan,
      period,
      plans: plans.data ?? [],
      periods: periods.data?.plan === plan ? (periods.data?.periods ?? []) : [],
      pending: plans.isPending || fallback.pending || (!!plan && periods.isPending),
      // A period in the URL does not need the list of periods to show its page.
      error: plans.error ?? (params.get('period') ? null : periods.error),
      setPlan: (v) => set('plan', v),
      setPeriod: (v) => set('period', v),
      search: q.toString() ? `?${q}` : '',
    };
  }, [
    plan,
    period,
    plans.data,
    plans.isPending,
    plans.error,
    periods.data,
    periods.isPending,
    periods.error,
    set,
  ]);
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function useSelection(): Selection {
  const s = useContext(SelectionContext);
  if (!s) throw new Error('useSelection outside SelectionProvider');
  return s;
}
