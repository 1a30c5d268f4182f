// Pieces the warnings, quality and completeness views share: region names and prefectures from
// GET /api/regions, indicator names from the plan, and filters kept in the URL's query.
import { Alert, Button } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { usePlan, useRegions } from '../../api/queries.js';
import type { Region } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { defineMessages, useT } from '../../i18n/index.js';
import { useSelection } from '../../lib/selection.js';

const m = defineMessages({
  zh: {
    badFilter: '地址中的筛选条件无效,已忽略:{list}',
    clear: '清除筛选',
    code: '区划代码 {code}',
  },
  en: {
    badFilter: 'Filters in the address are not valid and were ignored: {list}',
    clear: 'Clear filters',
    code: 'Division code {code}',
  },
});

/** Secondary text (codes beside names, hints), dark enough for WCAG AA on white. */
export const SECONDARY = '#595959';

export interface RegionIndex {
  byCode: Map<string, Region>;
  /** The prefecture a county belongs to, when the register knows it. */
  prefectureOf: (code: string) => Region | undefined;
  /** Prefectures in register order (by code). */
  prefectures: Region[];
  pending: boolean;
  error: unknown;
}

/** The region register as the views need it: names by code, each county's prefecture. */
export function useRegionIndex(): RegionIndex {
  const q = useRegions();
  return useMemo(() => {
    const byCode = new Map((q.data ?? []).map((r) => [r.code, r]));
    const prefectureOf = (code: string) => {
      const parent = byCode.get(code)?.parent;
      const p = parent ? byCode.get(parent) : undefined;
      return p?.level === 'prefecture' ? p : undefined;
    };
    const prefectures = (q.data ?? [])
      .filter((r) => r.level === 'prefecture')
      .sort((a, b) => a.code.localeCompare(b.code));
    return { byCode, prefectureOf, prefectures, pending: q.isPending, error: q.error };
  }, [q.data, q.isPending, q.error]);
}

/**
 * Indicator names of a plan by code: the county table's name where the plan has one (县域… names
 * are the province's), else any target's.
 */
export function useIndicatorNames(plan: string): Map<string, string> {
  const q = usePlan(plan);
  return useMemo(() => {
    const out = new Map<string, string>();
    const targets = q.data?.targets ?? [];
    for (const t of targets) if (t.scope !== 'province') out.set(t.indicator, t.name);
    for (const t of targets) if (!out.has(t.indicator)) out.set(t.indicator, t.name);
    return out;
  }, [q.data]);
}

/**
 * The name an engine message starts with ("工业增加值增速 -2.0%,…"): the indicator's name for
 * indicators the plan has no target for. Undefined when the message does not start that way.
 */
export function nameInMessage(message: string): string | undefined {
  const head = message.split(' ')[0];
  return head && head !== message && /^[\u3400-\u9fff(（]/.test(head) && !/[0-9,,:]/.test(head)
    ? head
    : undefined;
}

export interface Filters<K extends string> {
  values: Partial<Record<K, string>>;
  set: (patch: Partial<Record<K, string | undefined>>) => void;
  clear: () => void;
  any: boolean;
}

/** Filters kept in the URL's query (next to plan and period), so a link reproduces the view. */
export function useUrlFilters<K extends string>(keys: readonly K[]): Filters<K> {
  const [params, setParams] = useSearchParams();
  const values: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v) values[k] = v;
  }
  const set = useCallback(
    (patch: Partial<Record<K, string | undefined>>) =>
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          for (const [k, v] of Object.entries(patch) as [K, string | undefined][]) {
            if (v) n.set(k, v);
            else n.delete(k);
          }
          return n;
        },
        { replace: true },
      ),
    [setParams],
  );
  const keyList = keys.join('|');
  const clear = useCallback(
    () =>
      set(
        Object.fromEntries(keyList.split('|').map((k) => [k, undefined])) as Partial<
          Record<K, string>
        >,
      ),
    [set, keyList],
  );
  return { values, set, clear, any: keys.some((k) => values[k] !== undefined) };
}

/** Says which filters of the address were not valid (and are ignored), with a way out. */
export function BadFilters({ bad, onClear }: { bad: string[]; onClear: () => void }) {
  const t = useT(m);
  if (bad.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t('badFilter', { list: bad.join(', ') })}
      action={
        <Button size="small" onClick={onClear}>
          {t('clear')}
        </Button>
      }
      style={{ marginBottom: 8 }}
    />
  );
}

/** A county's name (to its profile) with its code beside it in grey. */
export function CountyName({ code, name }: { code: string; name: string | undefined }) {
  const { search } = useSelection();
  const t = useT(m);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Link to={`/counties/${code}${search}`}>
        <Data>{name ?? code}</Data>
      </Link>{' '}
      <span style={{ fontSize: 12, color: SECONDARY }} title={t('code', { code })}>
        {code}
      </span>
    </span>
  );
}

/** A prefecture's name, as data text; a dash when the register does not know it. */
export function RegionName({ region }: { region: Region | undefined }) {
  return region ? <Data>{region.name}</Data> : <span>—</span>;
}
