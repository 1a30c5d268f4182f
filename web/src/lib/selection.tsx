// The plan and period a page shows: from the URL (?plan=&period=), else the newest plan and the
// latest period with data the user can see (GET /api/periods).
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { usePeriods, usePlans } from '../api/queries.js';
import type { PeriodInfo, PlanSummary } from '../api/types.js';

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

/** Newest plan with targets: the latest to end, then the latest issued. */
export function newestPlan(plans: readonly PlanSummary[]): PlanSummary | undefined {
  return [...plans]
    .filter((p) => p.targets > 0)
    .sort((a, b) => b.period.end - a.period.end || b.issued.localeCompare(a.issued))[0];
}

export function SelectionProvider({ children }: { children: ReactNode }) {
  const [params, setParams] = useSearchParams();
  const plans = usePlans();
  const plan = params.get('plan') ?? (plans.data ? newestPlan(plans.data)?.id : undefined);
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
      pending: plans.isPending || (!!plan && periods.isPending),
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
