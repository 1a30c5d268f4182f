import { ClockCircleFilled, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Col, Progress, Row as Grid, Statistic, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CSSProperties, ReactNode } from 'react';
import { useCompleteness, type Selected } from '../../api/queries.js';
import type { Tally } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { ListTable } from '../../components/ListTable.js';
import { ExportButton } from '../../components/ExportButton.js';
import { BadFilters, FilterBar, useUrlFilters } from '../../components/filters.js';
import { Page } from '../../components/Page.js';
import { PageState } from '../../components/PageState.js';
import {
  PrefectureFilter,
  SECONDARY,
  useRegionIndex,
  type RegionIndex,
} from '../../components/regions.js';
import { Summary } from '../../components/Summary.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { dateText, periodText } from '../../lib/format.js';
import { CompletenessActions } from './Actions.js';
import { m } from './messages.js';

const TABS = ['county', 'prefecture', 'department'] as const;
type TabKey = (typeof TABS)[number];
const FILTERS = ['tab', 'prefecture'] as const;

const MISSING = '#cf1322';
const LATE = '#ad4e00';

interface Row extends Tally {
  key: string;
  /** County or prefecture code; the department's name for departments. */
  code: string;
  name: string;
  prefecture?: string;
}

/**
 * Late and missing first (most missing, then most late), then by code (or department name, in
 * code-point order: the same in every browser and locale).
 */
function worstFirst(a: Row, b: Row): number {
  return (
    b.missing - a.missing || b.late - a.late || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

function rowsOf(tallies: Record<string, Tally>, kind: TabKey, regions: RegionIndex): Row[] {
  return Object.entries(tallies)
    .map(([code, t]) => {
      return {
        ...t,
        key: code,
        code,
        name: kind === 'department' ? code : (regions.byCode.get(code)?.name ?? code),
        prefecture: kind === 'county' ? regions.prefectureOf(code)?.code : undefined,
      };
    })
    .sort(worstFirst);
}

/** Missing and late in colour and words; otherwise whether everything came on time. */
function State({ row }: { row: Tally }) {
  const t = useT(m);
  const tags: ReactNode[] = [];
  const style = (colour: string): CSSProperties => ({
    background: '#fff',
    color: colour,
    borderColor: colour,
    marginInlineEnd: 4,
  });
  if (row.missing > 0)
    tags.push(
      <Tag key="m" icon={<CloseCircleFilled />} style={style(MISSING)}>
        {t('stateMissing', { n: row.missing })}
      </Tag>,
    );
  if (row.late > 0)
    tags.push(
      <Tag key="l" icon={<ClockCircleFilled />} style={style(LATE)}>
        {t('stateLate', { n: row.late })}
      </Tag>,
    );
  if (tags.length === 0)
    return row.expected === 0 ? (
      <span style={{ color: SECONDARY }}>{t('stateNone')}</span>
    ) : (
      <Tag icon={<CheckCircleFilled />} style={style('#237804')}>
        {t('stateDone')}
      </Tag>
    );
  return <span style={{ whiteSpace: 'nowrap' }}>{tags}</span>;
}

function Bar({ row }: { row: Tally }) {
  const t = useT(m);
  const label = t('progressLabel', { received: row.received, expected: row.expected });
  return (
    <Progress
      percent={row.expected ? Math.floor((row.received / row.expected) * 100) : 0}
      size="small"
      status={row.missing > 0 ? 'exception' : 'normal'}
      strokeColor={row.missing > 0 ? MISSING : undefined}
      // The text in a colour that reads on the tinted row (antd's error red does not).
      format={() => (
        <span style={{ color: row.missing > 0 ? MISSING : undefined }}>
          {`${row.received}/${row.expected}`}
        </span>
      )}
      aria-label={label}
      style={{ margin: 0, minWidth: 120 }}
    />
  );
}

const countyOf = (r: Row) => ({ code: r.code, name: r.name });

function useColumns(kind: TabKey, regions: RegionIndex): ColumnsType<Row> {
  const t = useT(m);
  const tc = useT(common);
  const num = (key: keyof Tally, title: string, colour?: string): ColumnsType<Row>[number] => ({
    title,
    dataIndex: key,
    key,
    width: 110,
    align: 'right',
    sorter: (a, b) => a[key] - b[key],
    render: (v: number) => (colour && v > 0 ? <strong style={{ color: colour }}>{v}</strong> : v),
  });
  const first: ColumnsType<Row> =
    kind === 'county'
      ? regions.countyColumns(countyOf)
      : kind === 'prefecture'
        ? [
            {
              title: tc('prefecture'),
              key: 'name',
              width: 170,
              fixed: 'left',
              render: (_, r) => (
                <span>
                  <Data>{r.name}</Data>{' '}
                  <span style={{ fontSize: 12, color: SECONDARY }}>{r.code}</span>
                </span>
              ),
            },
          ]
        : [
            {
              title: t('department'),
              key: 'name',
              width: 200,
              fixed: 'left',
              render: (_, r) => <Data>{r.name}</Data>,
            },
          ];
  // Rows with values missing or late are tinted, the fixed name column too.
  const tint = (r: Row): CSSProperties =>
    r.missing > 0 ? { background: '#fff1f0' } : r.late > 0 ? { background: '#fffbe6' } : {};
  const columns: ColumnsType<Row> = [
    ...first,
    num('expected', t('expected')),
    num('received', t('received')),
    num('approved', t('approved')),
    num('late', t('late'), LATE),
    num('missing', t('missing'), MISSING),
    { title: t('state'), key: 'state', width: 140, render: (_, r) => <State row={r} /> },
    { title: t('progress'), key: 'progress', width: 150, render: (_, r) => <Bar row={r} /> },
  ];
  return columns.map((c) => ({ ...c, onCell: (r: Row) => ({ style: tint(r) }) }));
}

function TallyTable({ kind, rows, empty }: { kind: TabKey; rows: Row[]; empty: string }) {
  const regions = useRegionIndex();
  const columns = useColumns(kind, regions);
  return (
    <ListTable
      rows={rows}
      columns={columns}
      empty={empty}
      width={1000}
      paged
      testId={`table-${kind}`}
    />
  );
}

function Board(s: Selected) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const filters = useUrlFilters(FILTERS);
  const regions = useRegionIndex();
  const q = useCompleteness(s);

  const { valid, bad } = filters.check({
    tab: (k) => (TABS as readonly string[]).includes(k),
    prefecture: regions.mayBePrefecture,
  });
  const tab = (valid.tab ?? 'county') as TabKey;
  const { prefecture } = valid;

  if (q.isPending || regions.pending) return <PageState loading />;
  if (q.isError) return <PageState error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data!;
  const period = periodText(s.period, lang);
  const counties = rowsOf(data.byCounty, 'county', regions);
  const shownCounties = counties.filter((r) => !prefecture || r.prefecture === prefecture);
  const prefectures = rowsOf(data.byPrefecture, 'prefecture', regions);
  const departments = rowsOf(data.byDepartment, 'department', regions);
  const rowsOfTab: Record<TabKey, Row[]> = {
    county: shownCounties,
    prefecture: prefectures,
    department: departments,
  };
  const label: Record<TabKey, string> = {
    county: t('byCounty'),
    prefecture: t('byPrefecture'),
    department: t('byDepartment'),
  };
  const total = data.total;
  const prefectureOptions = regions.prefecturesOf(counties.map((c) => c.code));

  const exportSheet = () => {
    const first =
      tab === 'county'
        ? regions.countyExportColumns(countyOf)
        : tab === 'prefecture'
          ? [
              { title: tc('prefecture'), value: (r: Row) => r.name },
              { title: t('codeColumn'), value: (r: Row) => r.code },
            ]
          : [{ title: t('department'), value: (r: Row) => r.name }];
    const state = (r: Row) =>
      [
        r.missing > 0 ? t('stateMissing', { n: r.missing }) : '',
        r.late > 0 ? t('stateLate', { n: r.late }) : '',
      ]
        .filter(Boolean)
        .join(', ') || (r.expected ? t('stateDone') : t('stateNone'));
    return {
      name: label[tab],
      caption: [
        `${t('title')} ${period} · ${label[tab]}${
          tab === 'county' && prefecture
            ? ` (${regions.byCode.get(prefecture)?.name ?? prefecture})`
            : ''
        }`,
        t('due', { date: dateText(data.due) }),
      ],
      columns: [
        ...first,
        { title: t('expected'), value: (r: Row) => r.expected },
        { title: t('received'), value: (r: Row) => r.received },
        { title: t('approved'), value: (r: Row) => r.approved },
        { title: t('late'), value: (r: Row) => r.late },
        { title: t('missing'), value: (r: Row) => r.missing },
        { title: t('state'), value: state },
      ],
      rows: rowsOfTab[tab],
    };
  };

  return (
    <>
      <SyntheticBanner synthetic={data.synthetic} />
      <BadFilters bad={bad} onClear={filters.clear} />
      <Summary testId="completeness-totals">
        <Grid gutter={12} align="middle">
          <Col flex="220px">
            <div>{period}</div>
            <div style={{ fontSize: 16, fontWeight: 600 }} data-testid="due">
              {t('due', { date: dateText(data.due) })}
            </div>
            <Tag
              icon={data.overdue ? <ClockCircleFilled /> : <CheckCircleFilled />}
              style={{
                background: '#fff',
                color: data.overdue ? LATE : '#237804',
                borderColor: data.overdue ? LATE : '#237804',
              }}
              data-testid="overdue"
            >
              {data.overdue ? t('overdue') : t('notOverdue')}
            </Tag>
          </Col>
          {(['expected', 'received', 'approved', 'late', 'missing'] as const).map((k) => (
            <Col flex="1" key={k}>
              <Statistic
                title={t(k)}
                value={total[k]}
                styles={{
                  content: {
                    color:
                      k === 'missing' && total[k] > 0
                        ? MISSING
                        : k === 'late' && total[k] > 0
                          ? LATE
                          : undefined,
                  },
                }}
                data-testid={`total-${k}`}
              />
            </Col>
          ))}
          <Col flex="200px">
            <Bar row={total} />
            <State row={total} />
          </Col>
        </Grid>
      </Summary>
      <Tabs
        activeKey={tab}
        onChange={(k) => filters.set({ tab: k === 'county' ? undefined : k })}
        items={TABS.map((k) => ({
          key: k,
          label: label[k],
          children: (
            <>
              <FilterBar
                shown={
                  <>
                    <span data-testid={`shown-${k}`}>
                      {t('shown', {
                        n: rowsOfTab[k].length,
                        total: k === 'county' ? counties.length : rowsOfTab[k].length,
                      })}
                    </span>
                    <span style={{ color: SECONDARY }}>{t('lateHint')}</span>
                  </>
                }
                extra={
                  <ExportButton
                    synthetic={data.synthetic}
                    fileName={`${t('exportSheet')}-${label[k]}-${s.period}`}
                    disabled={rowsOfTab[k].length === 0}
                    sheet={exportSheet}
                  />
                }
              >
                {k === 'county' && (
                  <PrefectureFilter
                    value={prefecture}
                    options={prefectureOptions}
                    onChange={(x) => filters.set({ prefecture: x })}
                  />
                )}
              </FilterBar>
              <TallyTable
                kind={k}
                rows={rowsOfTab[k]}
                empty={
                  k === 'department' && departments.length === 0 && counties.length > 0
                    ? t('emptyDepartments')
                    : k === 'county' && prefecture
                      ? t('emptyFiltered')
                      : t('empty', { period })
                }
              />
            </>
          ),
        }))}
        style={{ marginTop: -4 }}
        tabBarStyle={{ marginBottom: 8 }}
      />
    </>
  );
}

export default function CompletenessPage() {
  const t = useT(m);
  return (
    <Page view="completeness" title={t('title')} extra={<CompletenessActions />}>
      {(s) => <Board {...s} />}
    </Page>
  );
}
