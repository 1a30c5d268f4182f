import type { ReactNode } from 'react';
import { Data } from '../../components/Data.js';
import { useRegionIndex } from '../../components/regions.js';
import { useT } from '../../i18n/index.js';
import { m } from './messages.js';
import type { Category, Deadline, PlanListItem, Scope, Target } from './types.js';

/** 2026年 / 2026–2030年 (2026 / 2026–2030 in English). */
export function usePeriodWords() {
  const t = useT(m);
  return (p: PlanListItem['period']) =>
    p.start === p.end
      ? t('periodYear', { year: p.start })
      : t('periodYears', { start: p.start, end: p.end });
}

/**
 * Who a target applies to, as words (for the screen) and as text (for the export): 全省, 各县,
 * a category by its name, a county by its name beside its code.
 */
export function useScopeWords(categories: readonly Pick<Category, 'code' | 'name'>[]) {
  const t = useT(m);
  const regions = useRegionIndex();
  const parts = (s: Scope): { label: string; data?: string } => {
    if (s === 'province') return { label: t('scopeProvince') };
    if (s === 'all') return { label: t('scopeAll') };
    if ('category' in s)
      return {
        label: t('scopeCategory'),
        data: categories.find((c) => c.code === s.category)?.name ?? s.category,
      };
    const name = regions.byCode.get(s.region)?.name;
    return { label: '', data: name ? `${name} ${s.region}` : s.region };
  };
  return {
    node: (s: Scope): ReactNode => {
      const p = parts(s);
      return (
        <span>
          {p.label}
          {p.data !== undefined && <Data>{p.data}</Data>}
        </span>
      );
    },
    text: (s: Scope): string => {
      const p = parts(s);
      return p.label + (p.data ?? '');
    },
  };
}

/** 约束性 / 预期性 / 未注明. */
export function useAttributeWords() {
  const t = useT(m);
  return (a: Target['attribute']) =>
    a === 'binding' ? t('binding') : a === 'expected' ? t('expected') : t('attributeNone');
}

/** The deadline as printed (data), or a dash. */
export function deadlineText(d: Deadline | undefined): string | undefined {
  return d?.printed || undefined;
}

/** A list of units or departments as printed, or the words saying the document lists none. */
export function UnitList({ units, none }: { units: readonly string[]; none: string }) {
  if (units.length === 0) return <span style={{ color: '#595959' }}>{none}</span>;
  return <Data>{units.join('、')}</Data>;
}
