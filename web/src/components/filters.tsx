// Filters kept in the URL's query (next to plan and period), so a link reproduces the view: the
// hook that reads and writes them, the check of what the address says, and the toolbar they sit in.
import { Alert, Button, Flex, Select } from 'antd';
import { useCallback, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { defineMessages, useLang, useT } from '../i18n/index.js';
import type { ExportColumn } from '../lib/export.js';
import { periodText } from '../lib/format.js';
import { ExportButton } from './ExportButton.js';

const m = defineMessages({
  zh: {
    badFilter: '地址中的筛选条件无效,已忽略:{list}',
    clear: '清除筛选',
  },
  en: {
    badFilter: 'Filters in the address are not valid and were ignored: {list}',
    clear: 'Clear filters',
  },
});

export interface Filters<K extends string> {
  values: Partial<Record<K, string>>;
  set: (patch: Partial<Record<K, string | undefined>>) => void;
  clear: () => void;
  any: boolean;
  /**
   * The values each checked by its test: those that pass, and `key=value` for each that does not
   * (ignored, and said so by <BadFilters>), in the order of the tests.
   */
  check: (tests: Record<K, (value: string) => boolean>) => {
    valid: Partial<Record<K, string>>;
    bad: string[];
  };
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
  const check = (tests: Record<K, (value: string) => boolean>) => {
    const valid: Partial<Record<K, string>> = {};
    const bad: string[] = [];
    for (const k of Object.keys(tests) as K[]) {
      const v = values[k];
      if (v === undefined) continue;
      if (tests[k](v)) valid[k] = v;
      else bad.push(`${k}=${v}`);
    }
    return { valid, bad };
  };
  return { values, set, clear, any: keys.some((k) => values[k] !== undefined), check };
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

/**
 * The row above a table: on the left the filters (`children`), a button clearing `filters` while
 * one is set, and what they show; on the right `extra` (the export).
 */
export function FilterBar<K extends string>({
  children,
  filters,
  shown,
  extra,
}: {
  children: ReactNode;
  filters?: Filters<K>;
  shown: ReactNode;
  extra?: ReactNode;
}) {
  const t = useT(m);
  return (
    <Flex align="center" justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
      <Flex align="center" wrap gap={8}>
        {children}
        {filters?.any && <Button onClick={filters.clear}>{t('clear')}</Button>}
        {shown}
      </Flex>
      {extra}
    </Flex>
  );
}

/** One filter: a select of `options` under an entry for all (the filter unset). */
export function FilterSelect({
  label,
  all,
  value,
  options,
  onChange,
  width = 150,
  wide,
  testId,
}: {
  /** The filter's name, for screen readers. */
  label: string;
  /** The entry that unsets the filter ("all checks"). */
  all: string;
  value: string | undefined;
  options: { value: string; label: ReactNode }[];
  onChange: (value: string | undefined) => void;
  width?: number;
  /** The options' list may be wider than the select. */
  wide?: boolean;
  testId: string;
}) {
  return (
    <Select
      aria-label={label}
      style={{ width }}
      value={value ?? ''}
      onChange={(x: string) => onChange(x || undefined)}
      {...(wide ? { popupMatchSelectWidth: false } : {})}
      options={[{ value: '', label: all }, ...options]}
      data-testid={testId}
    />
  );
}

/**
 * Exports the rows a filtered view shows: sheet and file named by the view's title (the file with
 * the period's code), the caption the title, the period and the filters set.
 */
export function FilteredExport<R>({
  title,
  period,
  filters,
  synthetic,
  columns,
  rows,
}: {
  title: string;
  period: string;
  /** The filters set, in words. */
  filters: (string | undefined)[];
  synthetic: boolean;
  columns: ExportColumn<R>[];
  rows: R[];
}) {
  const { lang } = useLang();
  const set = filters.filter(Boolean);
  return (
    <ExportButton
      synthetic={synthetic}
      fileName={`${title}-${period}`}
      disabled={rows.length === 0}
      sheet={() => ({
        name: title,
        caption: [
          `${title} ${periodText(period, lang)}${set.length ? ` (${set.join(', ')})` : ''}`,
        ],
        columns,
        rows,
      })}
    />
  );
}
