import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Flex, Row, Segmented, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ComponentProps,
  type ComponentType,
  type ReactNode,
} from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useApi, useEvaluationAll, usePlan, useRegions } from '../../api/queries.js';
import type { Ranking, Status } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { Page } from '../../components/Page.js';
import { PageState } from '../../components/PageState.js';
import { STATUS_COLOUR, StatusTag } from '../../components/StatusTag.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { formatScore, formatValue, periodText, withUnit } from '../../lib/format.js';
import { useSelection } from '../../lib/selection.js';
import {
  countyIndicators,
  measureOf,
  regionMap,
  rowsOf,
  type TargetGroup,
} from '../indicators/targets.js';
import { hasGeometry, loadGeometry, type Geometry } from './geometry.js';
import { NO_DATA_FILL, STATUS_ORDER, statusPieces, statusValue, valuePieces } from './legend.js';
import type MapChartType from './MapChart.js';
import { m } from './messages.js';

/** Secondary text dark enough for AA contrast on the page's grey background. */
const NOTE = { color: '#595959' } as const;

type By = 'value' | 'status' | 'score';
const BYS: By[] = ['value', 'status', 'score'];
const MAP_HEIGHT = 500;
const STICKY = { position: 'sticky', top: 0, zIndex: 2 } as const;

// ECharts comes in its own chunk, asked for as soon as this page loads, so it downloads while the
// page waits for its data. Not React.lazy: a Suspense boundary that has shown its fallback reveals
// its content only after React's fallback throttle (300 ms), a third of the map's time budget.
type ChartComponent = ComponentType<ComponentProps<typeof MapChartType>>;
let loadedChart: ChartComponent | null = null;
const loadChart: Promise<ChartComponent | null> = import('./MapChart.js').then(
  (x) => (loadedChart = x.default),
  () => null,
);

/** The chart component once its chunk is in (null while loading), or 'failed'. */
function useMapChart(): ChartComponent | null | 'failed' {
  const [chart, setChart] = useState<ChartComponent | null | 'failed'>(() => loadedChart);
  useEffect(() => {
    if (!chart) void loadChart.then((c) => setChart(() => c ?? 'failed'));
  }, [chart]);
  return chart;
}

interface MapRow {
  code: string;
  name: string;
  prefectureName: string | null;
  value: number | null;
  status: Status | null;
  rank: number | null;
  hasData: boolean;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const zh = (s: string) => `<span lang="zh-CN">${escapeHtml(s)}</span>`;

/** A target group as the selector names it: the indicator, and whom the target is for when it has several. */
function GroupLabel({
  g,
  several,
  categoryName,
}: {
  g: TargetGroup;
  several: boolean;
  categoryName: (code: string) => string;
}) {
  const t = useT(m);
  if (!several) return <Data>{g.name}</Data>;
  const who: ReactNode = g.group.startsWith('category:') ? (
    <Data>{categoryName(g.group.slice('category:'.length))}</Data>
  ) : g.group === 'region' ? (
    t('perCounty')
  ) : (
    t('allCounties')
  );
  return (
    <>
      <Data>{g.name}</Data> · {who}
      {g.targets.length === 1 && (
        <>
          {' '}
          <Data>{g.targets[0]!.phrase}</Data>
        </>
      )}
    </>
  );
}

function useGeometry(province: string | undefined) {
  return useQuery({
    queryKey: ['geometry', province],
    queryFn: () => loadGeometry(province!),
    enabled: hasGeometry(province),
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Asks for what the map needs as soon as the URL names the plan and period, while the frame
 * still waits for the lists of plans and periods (the view's own hooks share these answers).
 */
function usePrefetch() {
  const sel = useSelection();
  const plan = usePlan(sel.plan);
  useRegions();
  useEvaluationAll({ plan: sel.plan, period: sel.period });
  useGeometry(plan.data?.province);
}

function MapView({ plan, period }: { plan: string; period: string }) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const sel = useSelection();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const byParam = params.get('by') as By | null;
  const by: By = byParam && BYS.includes(byParam) ? byParam : 'value';

  // The table waits for the map's first drawing, so the map is not held up by the table's rows.
  const [mapDrawn, setMapDrawn] = useState(false);
  const Chart = useMapChart();
  const onDrawn = useCallback(() => setMapDrawn(true), []);
  const planQ = usePlan(plan);
  const regionsQ = useRegions();
  const evQ = useEvaluationAll({ plan, period });
  const rankingQ = useApi<Ranking>('/ranking', { plan, period }, by === 'score');
  const province = planQ.data?.province ?? evQ.data?.province;
  const drawable = hasGeometry(province);
  const geoQ = useGeometry(province);

  const groups = useMemo(() => {
    const choices = planQ.data ? countyIndicators(planQ.data, period) : [];
    return choices.flatMap((c) => c.groups.map((g) => ({ g, several: c.groups.length > 1 })));
  }, [planQ.data, period]);
  const group = groups.find((x) => x.g.key === params.get('target'))?.g ?? groups[0]?.g;
  const categoryName = useCallback(
    (code: string) =>
      planQ.data?.categories?.find((c) => c.code === code)?.name ??
      evQ.data?.categoryNotes.find((c) => c.code === code)?.name ??
      code,
    [planQ.data, evQ.data],
  );
  const regions = useMemo(() => regionMap(regionsQ.data), [regionsQ.data]);

  const setParam = (k: string, v: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set(k, v);
      return n;
    });

  const change = group ? measureOf(group) === 'change' : false;
  const groupRows = useMemo(
    () => (evQ.data && group ? rowsOf(evQ.data, group, regions) : []),
    [evQ.data, group, regions],
  );
  const unit =
    by === 'score' ? t('scoreUnit') : (groupRows[0]?.unit ?? group?.targets[0]?.unit ?? '');
  const measure =
    by === 'score' ? t('by.score') : group ? `${group.name}${change ? ` ${t('change')}` : ''}` : '';

  const rows = useMemo<MapRow[]>(() => {
    const out = new Map<string, MapRow>();
    const blank = (code: string): MapRow => {
      const r = regions.get(code);
      const parent = r?.parent ? regions.get(r.parent) : undefined;
      const f = geoQ.data?.features.find((x) => x.code === code);
      return {
        code,
        name: r?.name ?? f?.name ?? code,
        prefectureName:
          (parent?.level === 'prefecture' ? parent.name : null) ?? f?.prefectureName ?? null,
        value: null,
        status: null,
        rank: null,
        hasData: false,
      };
    };
    for (const f of geoQ.data?.features ?? []) out.set(f.code, blank(f.code));
    if (by === 'score') {
      for (const c of rankingQ.data?.counties ?? [])
        out.set(c.region, {
          ...blank(c.region),
          name: c.regionName,
          prefectureName: c.prefectureName,
          value: c.score,
          rank: c.rank,
          hasData: c.score !== null,
        });
    } else {
      for (const r of groupRows)
        out.set(r.region, {
          ...blank(r.region),
          name: r.name,
          prefectureName: r.prefectureName,
          value: r.shown,
          status: r.status,
          hasData:
            by === 'value' ? r.shown !== null : r.status !== 'no_data' && r.status !== undefined,
        });
    }
    return [...out.values()].sort(
      (a, b) =>
        Number(b.hasData) - Number(a.hasData) ||
        (by === 'status'
          ? STATUS_ORDER.indexOf(a.status ?? 'no_data') -
            STATUS_ORDER.indexOf(b.status ?? 'no_data')
          : 0) ||
        (b.value ?? -Infinity) - (a.value ?? -Infinity) ||
        a.code.localeCompare(b.code),
    );
  }, [by, geoQ.data, rankingQ.data, groupRows, regions]);

  const byCode = useMemo(() => new Map(rows.map((r) => [r.code, r])), [rows]);
  const navigable = useMemo(() => {
    const s = new Set<string>();
    for (const code of Object.keys(evQ.data?.regionNames ?? {}))
      if (code !== evQ.data?.province) s.add(code);
    for (const c of rankingQ.data?.counties ?? []) s.add(c.region);
    return s;
  }, [evQ.data, rankingQ.data]);

  const statusWord = useCallback((s: Status) => tc(`status.${s}`), [tc]);
  const fmt = useCallback(
    (v: number | null) => (by === 'score' ? formatScore(v) : formatValue(v, unit)),
    [by, unit],
  );
  const pieces = useMemo(() => {
    if (by === 'status') return statusPieces(statusWord, STATUS_COLOUR);
    const values = rows.filter((r) => r.hasData).map((r) => r.value!);
    const format = by === 'score' ? formatScore : (v: number) => formatValue(v, unit);
    return valuePieces(values, format, unit, tc('status.no_data'));
  }, [by, rows, unit, statusWord, tc]);
  const data = useMemo(
    () =>
      rows
        .filter((r) => r.hasData)
        .map((r) => ({
          code: r.code,
          value: by === 'status' ? statusValue(r.status!) : r.value!,
        })),
    [rows, by],
  );
  const legendTitle =
    by === 'status'
      ? t('legendStatus', { name: group?.name ?? '' })
      : withUnit(by === 'score' ? t('by.score') : measure, unit);

  const tooltip = useCallback(
    (code: string) => {
      const r = byCode.get(code);
      if (!r) return '';
      const head = `<div><strong>${zh(r.name)}</strong>${
        r.prefectureName ? ` <span style="color:#595959">${zh(r.prefectureName)}</span>` : ''
      }</div>`;
      if (!r.hasData)
        return `${head}<div data-testid="map-tip-nodata">${escapeHtml(t('tipNoData'))}</div>`;
      if (by === 'score')
        return `${head}<div>${escapeHtml(t('tipScore'))}: <span data-testid="map-tip-value">${escapeHtml(
          formatScore(r.value),
        )}</span></div><div>${escapeHtml(t('tipRank'))}: ${r.rank ?? '—'}</div>`;
      const status = r.status ? escapeHtml(statusWord(r.status)) : '';
      return `${head}<div>${escapeHtml(t('tipValue'))}: <span data-testid="map-tip-value">${escapeHtml(
        fmt(r.value),
      )}</span>${zh(unit)}</div><div>${escapeHtml(t('tipStatus'))}: <span style="color:${
        r.status ? STATUS_COLOUR[r.status] : 'inherit'
      }">●</span> ${status}</div>`;
    },
    [byCode, by, fmt, unit, statusWord, t],
  );
  const onSelect = useCallback(
    (code: string) => {
      if (navigable.has(code)) navigate(`/counties/${code}${sel.search}`);
    },
    [navigable, navigate, sel.search],
  );

  const columns: ColumnsType<MapRow> = [
    {
      title: tc('region'),
      key: 'name',
      width: 120,
      ellipsis: true,
      render: (_, r) =>
        navigable.has(r.code) ? (
          <Link to={`/counties/${r.code}${sel.search}`}>
            <Data>{r.name}</Data>
          </Link>
        ) : (
          <Data>{r.name}</Data>
        ),
    },
    {
      title: tc('prefecture'),
      key: 'prefecture',
      width: 110,
      ellipsis: true,
      render: (_, r) => (r.prefectureName ? <Data>{r.prefectureName}</Data> : '—'),
    },
    {
      title: withUnit(by === 'score' ? tc('score') : tc('value'), unit),
      key: 'value',
      align: 'right',
      width: 130,
      sorter: (a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity),
      render: (_, r) => <span data-testid={`map-value-${r.code}`}>{fmt(r.value)}</span>,
    },
    by === 'score'
      ? {
          title: tc('rank'),
          key: 'rank',
          align: 'right',
          width: 70,
          sorter: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
          render: (_, r) => r.rank ?? '—',
        }
      : {
          title: tc('status'),
          key: 'status',
          width: 110,
          sorter: (a, b) =>
            STATUS_ORDER.indexOf(a.status ?? 'no_data') -
            STATUS_ORDER.indexOf(b.status ?? 'no_data'),
          render: (_, r) => <StatusTag status={r.status ?? 'no_data'} />,
        },
  ];

  if (planQ.isPending || regionsQ.isPending || evQ.isPending) return <PageState loading />;
  const error = planQ.error ?? regionsQ.error ?? evQ.error;
  if (error) return <PageState error={error} onRetry={() => void evQ.refetch()} />;
  // The ranking's own trouble (e.g. a period the plan cannot rank) stays in the map's place, so
  // the colour-by switch remains to go back.
  const rankingTrouble = by === 'score' && (rankingQ.isPending || rankingQ.isError);
  if (groups.length === 0 && by !== 'score') return <PageState empty={t('noTargets')} />;
  const synthetic = by === 'score' ? rankingQ.data?.synthetic : evQ.data?.synthetic;
  const withData = rows.filter((r) => r.hasData).length;

  const tableShown = mapDrawn || !drawable || geoQ.isError || rankingTrouble;
  let map: ReactNode;
  if (rankingTrouble)
    map = (
      <PageState
        loading={rankingQ.isPending}
        error={rankingQ.error}
        onRetry={() => void rankingQ.refetch()}
      />
    );
  else if (!drawable)
    map = (
      <Alert
        type="info"
        showIcon
        title={t('noGeometry')}
        description={t('noGeometryText')}
        data-testid="map-no-geometry"
      />
    );
  else if (geoQ.isError || !geoQ.data || Chart === 'failed')
    map = <Alert type="error" showIcon title={t('geometryError')} role="alert" />;
  else if (!Chart || geoQ.isPending) map = <PageState loading />;
  else
    map = (
      <Chart
        geometry={geoQ.data as Geometry}
        data={data}
        pieces={pieces}
        noDataFill={by === 'status' ? STATUS_COLOUR.no_data : NO_DATA_FILL}
        legendTitle={legendTitle}
        tooltip={tooltip}
        onSelect={onSelect}
        onDrawn={onDrawn}
        label={t('mapLabel', { measure, period: periodText(period, lang) })}
        height={MAP_HEIGHT}
      />
    );

  return (
    <>
      <SyntheticBanner synthetic={synthetic} />
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 8 }}>
        <Space wrap size={8}>
          <Typography.Text id="map-colour-by">{t('colourBy')}</Typography.Text>
          <Segmented<By>
            aria-labelledby="map-colour-by"
            value={by}
            onChange={(v) => setParam('by', v)}
            options={BYS.map((b) => ({ value: b, label: t(`by.${b}`) }))}
            data-testid="map-by"
          />
          {by !== 'score' && group && (
            <Select
              aria-label={t('target')}
              style={{ width: 360 }}
              value={group.key}
              onChange={(v: string) => setParam('target', v)}
              options={groups.map(({ g, several }) => ({
                value: g.key,
                label: <GroupLabel g={g} several={several} categoryName={categoryName} />,
              }))}
              popupMatchSelectWidth={false}
              data-testid="map-target"
            />
          )}
        </Space>
        <Space size={8}>
          <Typography.Text style={NOTE}>{periodText(period, lang)}</Typography.Text>
          <ExportButton
            synthetic={synthetic}
            fileName={`${t('sheet')}-${period}`}
            disabled={rows.length === 0}
            sheet={() => ({
              name: t('sheet'),
              caption: [`${t('title')} · ${withUnit(measure, unit)} · ${periodText(period, lang)}`],
              columns: [
                { title: tc('region'), value: (r: MapRow) => r.name },
                { title: t('code'), value: (r: MapRow) => r.code },
                { title: tc('prefecture'), value: (r: MapRow) => r.prefectureName },
                {
                  title: withUnit(by === 'score' ? tc('score') : tc('value'), unit),
                  value: (r: MapRow) => r.value,
                },
                by === 'score'
                  ? { title: tc('rank'), value: (r: MapRow) => r.rank }
                  : {
                      title: tc('status'),
                      value: (r: MapRow) => tc(`status.${r.status ?? 'no_data'}`),
                    },
              ],
              rows,
            })}
          />
        </Space>
      </Flex>
      {withData === 0 && !rankingTrouble && (
        <Alert
          type="info"
          showIcon
          title={tc('emptyPeriod', { period: periodText(period, lang) })}
          style={{ marginBottom: 8 }}
          data-testid="map-empty"
        />
      )}
      <Row gutter={[12, 12]}>
        <Col flex="1 1 520px" style={{ minWidth: 0 }}>
          {map}
        </Col>
        <Col flex="0 1 520px" style={{ minWidth: 0 }}>
          {/* A scrolling box with a CSS-sticky header rather than antd's scroll.y, whose column
              measuring delays the map's first drawing. */}
          <div
            tabIndex={0}
            role="region"
            aria-label={withUnit(measure, unit)}
            style={{ maxHeight: MAP_HEIGHT, overflowY: 'auto' }}
          >
            <Table<MapRow>
              size="small"
              rowKey="code"
              columns={columns.map((c) => ({ ...c, onHeaderCell: () => ({ style: STICKY }) }))}
              dataSource={tableShown ? rows : []}
              loading={!tableShown}
              pagination={false}
              data-testid="map-table"
            />
          </div>
        </Col>
      </Row>
      <Typography.Paragraph style={{ ...NOTE, marginTop: 8, marginBottom: 0 }}>
        {t('counted', { n: withData, total: rows.length })} {t('note')}{' '}
        {by === 'score' && t('rankingNote')}
      </Typography.Paragraph>
    </>
  );
}

export default function MapPage() {
  const t = useT(m);
  usePrefetch();
  return (
    <Page view="map" title={t('title')}>
      {(s) => <MapView {...s} />}
    </Page>
  );
}
