// Regions as the views of counties show them: names and prefectures from GET /api/regions, the
// county and prefecture columns, the prefecture filter, and indicator names from the plan.
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { usePlan, useRegions } from '../api/queries.js';
import type { Region } from '../api/types.js';
import { common } from '../i18n/common.js';
import { defineMessages, useT } from '../i18n/index.js';
import type { ExportColumn } from '../lib/export.js';
import { useSelection } from '../lib/selection.js';
import { Data } from './Data.js';
import { FilterSelect } from './filters.js';

const m = defineMessages({
  zh: {
    county: '县(市)',
    codeColumn: '区划代码',
    code: '区划代码 {code}',
    allPrefectures: '全部市(地)',
  },
  en: {
    county: 'County',
    codeColumn: 'Division code',
    code: 'Division code {code}',
    allPrefectures: 'All prefectures',
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
  /** Whether a prefecture filter may name `code`: a prefecture, or anything while the register loads. */
  mayBePrefecture: (code: string) => boolean;
  /** The prefectures of these regions (and `also`, when given), in register order. */
  prefecturesOf: (codes: Iterable<string>, also?: string) => Region[];
  /** A table's county column (its name to its profile, the code beside it) and prefecture's. */
  countyColumns: <R>(
    countyOf: CountyOf<R>,
    widths?: [county: number, prefecture: number],
  ) => ColumnsType<R>;
  /** The same in an export: the county's name, its code and its prefecture's name. */
  countyExportColumns: <R>(countyOf: CountyOf<R>) => ExportColumn<R>[];
  pending: boolean;
  error: unknown;
}

/** The region register as the views need it: names by code, each county's prefecture. */
export function useRegionIndex(): RegionIndex {
  const q = useRegions();
  const t = useT(m);
  const tc = useT(common);
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
    const mayBePrefecture = (code: string) =>
      q.isPending || prefectures.some((p) => p.code === code);
    const prefecturesOf = (codes: Iterable<string>, also?: string) => {
      const list = [...codes];
      return prefectures.filter(
        (p) => p.code === also || list.some((c) => prefectureOf(c)?.code === p.code),
      );
    };
    const countyColumns = <R,>(
      countyOf: CountyOf<R>,
      [county, prefecture]: [number, number] = [160, 110],
    ): ColumnsType<R> => [
      {
        title: t('county'),
        key: 'county',
        width: county,
        fixed: 'left',
        render: (_, r) => <CountyName {...countyOf(r)} />,
      },
      {
        title: tc('prefecture'),
        key: 'prefecture',
        width: prefecture,
        render: (_, r) => <RegionName region={prefectureOf(countyOf(r).code)} />,
      },
    ];
    const countyExportColumns = <R,>(countyOf: CountyOf<R>): ExportColumn<R>[] => [
      { title: t('county'), value: (r) => countyOf(r).name },
      { title: t('codeColumn'), value: (r) => countyOf(r).code },
      { title: tc('prefecture'), value: (r) => prefectureOf(countyOf(r).code)?.name ?? '' },
    ];
    return {
      byCode,
      prefectureOf,
      prefectures,
      mayBePrefecture,
      prefecturesOf,
      countyColumns,
      countyExportColumns,
      pending: q.isPending,
      error: q.error,
    };
  }, [q.data, q.isPending, q.error, t, tc]);
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

/** A table row's county: its code and the name the API gave with it. */
export type CountyOf<R> = (row: R) => { code: string; name: string | undefined };

/** Chooses one prefecture (or all) among `options`; the choice is data text. */
export function PrefectureFilter({
  value,
  options,
  onChange,
  width = 150,
}: {
  value: string | undefined;
  options: Region[];
  onChange: (code: string | undefined) => void;
  width?: number;
}) {
  const t = useT(m);
  const tc = useT(common);
  return (
    <FilterSelect
      label={tc('prefecture')}
      all={t('allPrefectures')}
      value={value}
      options={options.map((p) => ({ value: p.code, label: <Data>{p.name}</Data> }))}
      onChange={onChange}
      width={width}
      testId="filter-prefecture"
    />
  );
}
