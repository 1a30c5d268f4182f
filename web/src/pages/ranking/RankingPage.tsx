import { Alert, Flex, Select, Spin, Table, Tabs, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import {
  countiesQuery,
  STABILITY_DRAWS,
  useEvaluation,
  useRanking,
  useRankingStability,
} from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import type { RankedCounty, Ranking, StabilityCounty, User } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { BulletinDownload } from '../../components/BulletinDownload.js';
import { ExportButton } from '../../components/ExportButton.js';
import { CountyScopeSwitch, useCountyChoice } from '../../components/CountyScope.js';
import { Page } from '../../components/Page.js';
import { PageState } from '../../components/PageState.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import type { ExportColumn } from '../../lib/export.js';
import { formatScore, periodText } from '../../lib/format.js';
import { useSelection } from '../../lib/selection.js';
import { AwardsSection, hasAwards } from './Awards.js';
import { Badges, RankChange, StabilityBar, StabilityPending } from './cells.js';
import { MethodNote } from './MethodNote.js';
import { m } from './messages.js';

type Within = 'all' | 'prefecture' | 'category';
const WITHIN: readonly Within[] = ['all', 'prefecture', 'category'];

interface Row extends RankedCounty {
  /** The rank the tab shows: overall, within the prefecture or within the category. */
  shown: number | null;
  stability: StabilityCounty | undefined;
}

interface Sort {
  key: string;
  order: 'ascend' | 'descend';
}

interface Group {
  value: string;
  label: string;
  count: number;
}

/** Nulls last whichever way the column is sorted. */
function byNumber(get: (r: Row) => number | null | undefined, order: Sort['order']) {
  return (a: Row, b: Row) => {
    const x = get(a) ?? null;
    const y = get(b) ?? null;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return order === 'ascend' ? x - y : y - x;
  };
}

function sortRows(rows: Row[], sort: Sort | null): Row[] {
  const s: Sort = sort ?? { key: 'rank', order: 'ascend' };
  const tie = byNumber((r) => r.rank, 'ascend');
  let cmp: (a: Row, b: Row) => number;
  if (s.key === 'county') {
    const sign = s.order === 'ascend' ? 1 : -1;
    cmp = (a, b) => sign * a.regionName.localeCompare(b.regionName, 'zh-CN');
  } else {
    const get: Record<string, (r: Row) => number | null | undefined> = {
      rank: (r) => r.shown,
      interval: (r) => r.stability?.median,
      change: (r) => r.change,
      score: (r) => r.score,
      met: (r) => (r.judged ? r.met / r.judged : null),
    };
    const f = s.key.startsWith('section:')
      ? (r: Row) => r.sections[s.key.slice('section:'.length)]
      : (get[s.key] ?? get.rank!);
    cmp = byNumber(f, s.order);
  }
  return [...rows].sort((a, b) => cmp(a, b) || tie(a, b) || a.region.localeCompare(b.region));
}

/** The rows' height budget: the table scrolls inside the window, so its head stays in view. */
function useTableHeight(): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return Math.max(280, h - 380);
}

function prefecturesOf(counties: readonly RankedCounty[]): Group[] {
  const seen = new Map<string, Group>();
  for (const c of counties) {
    if (!c.prefecture) continue;
    const g = seen.get(c.prefecture);
    if (g) g.count++;
    else seen.set(c.prefecture, { value: c.prefecture, label: c.prefectureName ?? '', count: 1 });
  }
  return [...seen.values()].sort((a, b) => a.value.localeCompare(b.value));
}

function categoriesOf(r: Ranking): Group[] {
  return Object.entries(r.categoryNames)
    .map(([value, label]) => ({
      value,
      label,
      count: r.counties.filter((c) => c.categories.includes(value)).length,
    }))
    .filter((g) => g.count > 0);
}

/** The group a tab opens with: the user's own prefecture (or their county's), else the first. */
function defaultGroup(within: Within, groups: Group[], user: User, r: Ranking): string | undefined {
  if (within === 'prefecture') {
    const own =
      user.role === 'prefecture'
        ? user.region
        : user.role === 'county'
          ? r.counties.find((c) => c.region === user.region)?.prefecture
          : undefined;
    if (own && groups.some((g) => g.value === own)) return own;
  }
  return groups[0]?.value;
}

function Board({ plan, period }: { plan: string; period: string }) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const user = useUser();
  const sel = useSelection();
  const [params, setParams] = useSearchParams();
  const [sort, setSort] = useState<Sort | null>(null);
  const height = useTableHeight();

  // Which counties are ranked (?counties=all: every county of the register with data; the plan's
  // own by default). The server says whether there are any others (`scope.others`).
  const [counties, setCounties] = useCountyChoice();

  // The table first, its rank intervals after: the draws are asked for once the ranking is here.
  const q = useRanking({ plan, period }, undefined, counties);
  const ready = !!q.data && !q.isPlaceholderData;
  const st = useRankingStability({ plan, period }, ready, counties);
  const stabilityHere = st.data && !st.isPlaceholderData ? st.data.stability : undefined;
  const stabilityLoading = ready && !stabilityHere && !st.isError;

  const data = ready ? q.data : undefined;
  const withinParam = params.get('within') as Within | null;
  const within: Within = withinParam && WITHIN.includes(withinParam) ? withinParam : 'all';
  const groups = useMemo(
    () =>
      !data
        ? []
        : within === 'prefecture'
          ? prefecturesOf(data.counties)
          : within === 'category'
            ? categoriesOf(data)
            : [],
    [data, within],
  );
  // Each tab keeps its own choice in the URL (?within=category&category=agricultural).
  const groupParam = within === 'all' ? null : params.get(within);
  const group =
    within === 'all'
      ? undefined
      : groupParam && groups.some((g) => g.value === groupParam)
        ? groupParam
        : data
          ? defaultGroup(within, groups, user, data)
          : undefined;

  const setView = (w: Within, g?: string) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (w === 'all') n.delete('within');
        else n.set('within', w);
        if (w !== 'all' && g) n.set(w, g);
        return n;
      },
      { replace: true },
    );

  const stabilityOf = useMemo(
    () => new Map((stabilityHere?.counties ?? []).map((c) => [c.region, c])),
    [stabilityHere],
  );
  // The interval scale 1..n: every ranked county. A user shown only their own counties (an
  // unpublished period) learns how many the plan ranks from the evaluation's county count.
  const partial = !!data && !data.complete;
  const scope = useEvaluation({ plan, period }, { limit: 1, ...countiesQuery(counties) }, partial);
  const n = useMemo(() => {
    const ranked = data?.counties.filter((c) => c.rank !== null).length ?? 0;
    const seen = Math.max(ranked, ...(stabilityHere?.counties.map((c) => c.p95) ?? [1]));
    return partial ? Math.max(seen, scope.data?.counties ?? 0) : seen;
  }, [data, stabilityHere, partial, scope.data]);
  const intervalsLoading = stabilityLoading || (partial && scope.isPending);

  const rows: Row[] = useMemo(() => {
    if (!data) return [];
    const inTab = data.counties.filter((c) =>
      within === 'all'
        ? true
        : within === 'prefecture'
          ? c.prefecture === group
          : !!group && c.categories.includes(group),
    );
    const shown = (c: RankedCounty) =>
      within === 'all'
        ? c.rank
        : within === 'prefecture'
          ? c.prefectureRank
          : (c.categoryRanks[group ?? ''] ?? null);
    return sortRows(
      inTab.map((c) => ({ ...c, shown: shown(c), stability: stabilityOf.get(c.region) })),
      sort,
    );
  }, [data, within, group, stabilityOf, sort]);

  const sections = data?.method.sections.map((s) => s.name) ?? [];
  const everyCounty = counties === 'all';
  const rankTitle =
    within === 'all'
      ? t('rankAll')
      : within === 'prefecture'
        ? t('rankPrefecture')
        : t('rankCategory');
  const orderOf = (key: string) =>
    sort ? (sort.key === key ? sort.order : null) : key === 'rank' ? 'ascend' : null;

  const columns: ColumnsType<Row> = [
    {
      title: rankTitle,
      key: 'rank',
      width: within === 'all' ? 76 : lang === 'zh' ? 110 : 100,
      fixed: 'left',
      align: 'right',
      sorter: true,
      sortOrder: orderOf('rank'),
      render: (_, r) => (
        <span data-testid="rank" style={{ fontWeight: 600 }}>
          {r.shown ?? '—'}
        </span>
      ),
    },
    {
      title: (
        <span title={t('intervalHint')}>
          {everyCounty ? t('intervalAll') : t('interval')}
          {intervalsLoading && (
            <span role="status" aria-label={t('intervalLoading')} style={{ marginInlineStart: 6 }}>
              <Spin size="small" />
            </span>
          )}
        </span>
      ),
      key: 'interval',
      width: 150,
      fixed: 'left',
      sorter: true,
      sortOrder: orderOf('interval'),
      render: (_, r) =>
        r.stability && !intervalsLoading ? (
          <StabilityBar s={r.stability} n={n} />
        ) : intervalsLoading ? (
          <StabilityPending />
        ) : (
          <span title={t('intervalNone')}>—</span>
        ),
    },
    {
      title: t('change'),
      key: 'change',
      width: 84,
      fixed: 'left',
      align: 'right',
      sorter: true,
      sortOrder: orderOf('change'),
      render: (_, r) => <RankChange change={r.change} />,
    },
    {
      title: t('county'),
      key: 'county',
      width: 190,
      fixed: 'left',
      sorter: true,
      sortOrder: orderOf('county'),
      ellipsis: true,
      render: (_, r) => (
        <>
          <Link to={`/counties/${r.region}${sel.search}`} data-testid="county">
            <Data>{r.regionName}</Data>
          </Link>
          {r.prefectureName && (
            <span style={{ color: '#595959', marginInlineStart: 6, fontSize: 12 }}>
              <Data>{r.prefectureName}</Data>
            </span>
          )}
        </>
      ),
    },
    {
      title: tc('score'),
      key: 'score',
      width: lang === 'zh' ? 100 : 124,
      align: 'right',
      sorter: true,
      sortOrder: orderOf('score'),
      render: (_, r) => (
        <span data-testid="score" style={{ fontWeight: 600 }}>
          {formatScore(r.score)}
        </span>
      ),
    },
    {
      title: t('badges'),
      key: 'badges',
      width: lang === 'zh' ? 170 : 236,
      render: (_, r) => <Badges c={r} />,
    },
    {
      title: <span title={t('metTip')}>{t('met')}</span>,
      key: 'met',
      width: 72,
      align: 'right',
      sorter: true,
      sortOrder: orderOf('met'),
      render: (_, r) => `${r.met}/${r.judged}`,
    },
    ...sections.map((name): ColumnsType<Row>[number] => ({
      title: <Data>{name}</Data>,
      key: `section:${name}`,
      width: 88,
      align: 'right',
      sorter: true,
      sortOrder: orderOf(`section:${name}`),
      render: (_, r) => formatScore(r.sections[name]),
    })),
  ];
  const width = columns.reduce((s, c) => s + Number(c.width ?? 0), 0);

  if (q.isPending || (q.isFetching && !ready)) return <PageState loading />;
  if (q.isError) {
    const e = q.error;
    // A period of a year without county targets: nothing to rank, which is not a failure.
    if (
      e instanceof ApiError &&
      e.code === 'PERIOD_INVALID' &&
      (e.details as { reason?: string } | undefined)?.reason === 'no county targets in that year'
    )
      return <PageState empty={t('emptyNoTargets', { year: period.slice(0, 4) })} />;
    return <PageState error={e} onRetry={() => void q.refetch()} />;
  }
  if (!data) return <PageState loading />;

  const scopeSwitch = (
    <CountyScopeSwitch others={data.scope?.others} value={counties} onChange={setCounties} />
  );
  const tabLabel = (w: Within) => t(w === 'all' && everyCounty ? 'tab.allCounties' : `tab.${w}`);

  const when = periodText(period, lang);
  const ranked = data.counties.filter((c) => c.rank !== null).length;
  if (data.counties.length === 0 || ranked === 0) {
    const why =
      data.counties.length === 0
        ? data.complete
          ? t('emptyNoCounties', { period: when })
          : t('emptyUnpublished', { period: when })
        : t('emptyNoData', { period: when });
    return (
      <>
        <SyntheticBanner synthetic={data.synthetic} />
        {scopeSwitch}
        <PageState empty={why} />
        <MethodNote ranking={data} draws={STABILITY_DRAWS} />
      </>
    );
  }

  const groupName = groups.find((g) => g.value === group)?.label;
  const exportColumns: ExportColumn<Row>[] = [
    { title: rankTitle, value: (r) => r.shown },
    { title: t('export.p05'), value: (r) => r.stability?.p05 },
    { title: t('export.p95'), value: (r) => r.stability?.p95 },
    { title: t('export.median'), value: (r) => r.stability?.median },
    { title: t('change'), value: (r) => r.change },
    { title: t('county'), value: (r) => r.regionName },
    { title: tc('prefecture'), value: (r) => r.prefectureName },
    { title: tc('score'), value: (r) => r.score, format: '0.0' },
    {
      title: t('badges'),
      value: (r) =>
        [r.advanced ? tc('advanced') : '', r.improved ? tc('improved') : '']
          .filter(Boolean)
          .join(' '),
    },
    { title: t('met'), value: (r) => `${r.met}/${r.judged}` },
    ...sections.map((name) => ({
      title: name,
      value: (r: Row) => r.sections[name],
      format: '0.0',
    })),
  ];
  const tabTitle = `${tabLabel(within)}${groupName ? ` · ${groupName}` : ''}`;

  return (
    <>
      <SyntheticBanner synthetic={data.synthetic} />
      {!data.complete && (
        <Alert
          type="info"
          showIcon
          title={everyCounty ? t('partialAll') : t('partial')}
          style={{ marginBottom: 8 }}
        />
      )}
      {/* The choices sit beside the tab bar, not in it: a tablist holds only tabs. */}
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <Tabs
          activeKey={within}
          onChange={(k) => setView(k as Within)}
          size="small"
          style={{ flex: 1, minWidth: 0 }}
          tabBarStyle={{ marginBottom: 0 }}
          items={WITHIN.map((w) => ({ key: w, label: tabLabel(w) }))}
        />
        {within !== 'all' && (
          <Select
            aria-label={within === 'prefecture' ? t('choosePrefecture') : t('chooseCategory')}
            style={{ width: 180 }}
            value={group}
            onChange={(g: string) => setView(within, g)}
            // All counties: some three hundred prefectures, found by typing a part of the name.
            showSearch={{
              filterOption: (input, o) => !!o?.name.includes(input.trim()),
            }}
            options={groups.map((g) => ({
              value: g.value,
              name: g.label,
              label: (
                <>
                  <Data>{g.label}</Data> ({g.count})
                </>
              ),
            }))}
            data-testid="group"
          />
        )}
        <BulletinDownload plan={plan} period={period} />
        <ExportButton
          fileName={`${t('exportName')}-${period}${everyCounty ? '-all' : ''}-${within}${group ? `-${group}` : ''}`}
          disabled={rows.length === 0}
          sheet={() => ({
            name: t('exportName'),
            caption: [
              `${t('exportName')} ${when} · ${tabTitle}`,
              ...(data.synthetic ? [tc('syntheticHint')] : []),
            ],
            columns: exportColumns,
            rows,
          })}
        />
      </Flex>
      <Flex align="center" justify="space-between" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Paragraph style={{ margin: 0, color: '#434343' }} data-testid="summary">
          {[
            data.complete
              ? t('summary', { period: when, n: ranked })
              : t('summaryPartial', { period: when, n: data.counties.length }),
            data.previousPeriod
              ? t('summaryPrevious', { previous: periodText(data.previousPeriod, lang) })
              : null,
            data.method.top
              ? t(everyCounty ? 'summaryTopAll' : 'summaryTop', { n: data.method.top })
              : null,
            data.previousPeriod && data.method.improved
              ? t('summaryImproved', { n: data.method.improved })
              : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Paragraph>
        {scopeSwitch}
      </Flex>
      {rows.length === 0 ? (
        <PageState empty={t('emptyGroup')} />
      ) : (
        <Table<Row>
          virtual
          size="small"
          rowKey="region"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: width, y: height }}
          onChange={(_p, _f, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Row> | undefined;
            setSort(s?.order && s.columnKey ? { key: String(s.columnKey), order: s.order } : null);
          }}
          onRow={(r) => ({ 'data-region': r.region }) as React.HTMLAttributes<HTMLElement>}
          showSorterTooltip={false}
          data-testid="ranking-table"
        />
      )}
      {st.isError && (
        <Alert type="warning" showIcon title={t('intervalFailed')} style={{ marginTop: 8 }} />
      )}
      {hasAwards(data) && <AwardsSection ranking={data} />}
      <MethodNote
        ranking={stabilityHere ? st.data! : data}
        draws={stabilityHere?.draws ?? STABILITY_DRAWS}
      />
    </>
  );
}

export default function RankingPage() {
  const t = useT(m);
  return (
    <Page view="ranking" title={t('title')}>
      {(s) => <Board key={`${s.plan}|${s.period}`} {...s} />}
    </Page>
  );
}
