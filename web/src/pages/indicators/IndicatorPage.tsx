import {
  Button,
  Card,
  Col,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { EChartsOption } from 'echarts';
import { Fragment, useCallback, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { countiesQuery, useApi, useEvaluationAll, usePlan, useRegions } from '../../api/queries.js';
import { CountyScopeSwitch, useCountyChoice } from '../../components/CountyScope.js';
import { useUser } from '../../api/session.js';
import type { Quality, Status } from '../../api/types.js';
import { Chart } from '../../components/Chart.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { Page } from '../../components/Page.js';
import { PageState } from '../../components/PageState.js';
import { AttributeTag } from '../../components/AttributeTag.js';
import { STATUS_COLOUR, StatusTag } from '../../components/StatusTag.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { mayOpen } from '../../lib/access.js';
import { formatSigned, formatValue, periodText, withUnit } from '../../lib/format.js';
import { useSelection } from '../../lib/selection.js';
import { histogram } from './distribution.js';
import {
  isManual,
  JudgeButton,
  JudgementDialog,
  JudgementHistory,
  JudgementNote,
  mayJudge,
  useJudgementTitle,
  type Judging,
} from './Judgement.js';
import { m } from './messages.js';
import {
  countyIndicators,
  measureOf,
  ranked,
  regionMap,
  rowsOf,
  scopeText,
  targetLine,
  type CountyRow,
  type IndicatorChoice,
  type TargetGroup,
} from './targets.js';

/** Secondary text dark enough for AA contrast on the page's grey background. */
const NOTE = { color: '#595959' } as const;

type Row = CountyRow & { rank: number | null };

const STATUSES: Status[] = ['met', 'nearly_met', 'not_met', 'not_applicable', 'no_data'];
const OUTLIER_COLOUR = '#531dab';

/** A message with some placeholders filled by elements (data wrapped in <Data>). */
function Fill({ text, vars }: { text: string; vars: Record<string, ReactNode> }) {
  const parts = text.split(/\{(\w+)\}/);
  return <>{parts.map((p, i) => (i % 2 ? <Fragment key={i}>{vars[p]}</Fragment> : p))}</>;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
const zh = (s: string) => `<span lang="zh-CN">${escapeHtml(s)}</span>`;

/** The plan's county indicators for the selected plan and period (empty while loading). */
function useChoices(
  plan: string | undefined,
  period: string | undefined,
): {
  choices: IndicatorChoice[];
  pending: boolean;
  error: unknown;
} {
  const q = usePlan(plan);
  const choices = useMemo(
    () => (q.data && period ? countyIndicators(q.data, period) : []),
    [q.data, period],
  );
  return { choices, pending: q.isPending, error: q.error };
}

function IndicatorSelect({ code }: { code: string }) {
  const t = useT(m);
  const sel = useSelection();
  const navigate = useNavigate();
  const { choices } = useChoices(sel.plan, sel.period);
  if (choices.length === 0) return null;
  return (
    <Select
      aria-label={t('choose')}
      style={{ width: 340 }}
      value={choices.some((c) => c.indicator === code) ? code : undefined}
      onChange={(v: string) => navigate(`/indicators/${v}${sel.search}`)}
      options={choices.map((c) => ({ value: c.indicator, label: <Data>{c.name}</Data> }))}
      popupMatchSelectWidth={false}
      data-testid="indicator-select"
    />
  );
}

function Unknown({ code, first }: { code: string; first: IndicatorChoice | undefined }) {
  const t = useT(m);
  const sel = useSelection();
  return (
    <div role="alert" data-testid="indicator-unknown">
      <Result
        status="warning"
        title={t('unknownTitle')}
        subTitle={<span style={NOTE}>{t('unknownText', { code })}</span>}
        extra={
          first && (
            <Link to={`/indicators/${first.indicator}${sel.search}`}>
              <Button type="primary">
                {t('firstIndicator')}
                <Data>{first.name}</Data>
              </Button>
            </Link>
          )
        }
      />
    </div>
  );
}

function groupLabel(
  g: TargetGroup,
  t: (key: 'perCounty' | 'allCounties') => string,
  categoryName: (code: string) => string,
): ReactNode {
  if (g.group.startsWith('category:'))
    return <Data>{categoryName(g.group.slice('category:'.length))}</Data>;
  return g.group === 'region' ? t('perCounty') : t('allCounties');
}

function IndicatorView({ plan, period, code }: { plan: string; period: string; code: string }) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const user = useUser();
  const sel = useSelection();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const seesQuality = mayOpen(user.role, 'quality');
  const [judging, setJudging] = useState<Judging | null>(null);
  const judgementTitle = useJudgementTitle();

  const planQ = usePlan(plan);
  const { choices } = useChoices(plan, period);
  const regionsQ = useRegions();
  // One indicator's rows (every county's, with ?counties=all), not the whole evaluation.
  const [counties, setCounties] = useCountyChoice();
  const evQ = useEvaluationAll({ plan, period }, true, {
    indicator: code,
    ...countiesQuery(counties),
  });
  const qualityQ = useApi<Quality>(
    '/quality',
    { plan, period, check: 'outlier_cross' },
    seesQuality,
  );

  const choice = choices.find((c) => c.indicator === code);
  const group = choice?.groups.find((g) => g.group === params.get('scope')) ?? choice?.groups[0];
  const regions = useMemo(() => regionMap(regionsQ.data), [regionsQ.data]);
  const rows = useMemo<Row[]>(
    () => (evQ.data && group ? ranked(rowsOf(evQ.data, group, regions)) : []),
    [evQ.data, group, regions],
  );
  const outliers = useMemo(() => {
    const out = new Map<string, string>();
    for (const f of qualityQ.data?.findings ?? [])
      if (f.indicator === code && f.check === 'outlier_cross') out.set(f.region, f.message);
    return out;
  }, [qualityQ.data, code]);
  const categoryName = useCallback(
    (c: string) =>
      planQ.data?.categories?.find((x) => x.code === c)?.name ??
      evQ.data?.categoryNotes.find((x) => x.code === c)?.name ??
      c,
    [planQ.data, evQ.data],
  );

  const change = group ? measureOf(group) === 'change' : false;
  const unit = rows[0]?.unit ?? group?.targets[0]?.unit ?? '';
  const valueTitle = withUnit(change ? t('change') : tc('value'), unit);
  const fmt = useCallback((v: number | null) => formatValue(v, unit), [unit]);
  const line = group ? targetLine(group, rows) : ({ kind: 'none' } as const);
  // The chart sorts by the value shown; the table ranks by the API's gap to each county's target.
  const charted = useMemo(
    () =>
      rows
        .filter((r) => r.shown !== null)
        .sort((a, b) => b.shown! - a.shown! || a.region.localeCompare(b.region)),
    [rows],
  );
  const name = group?.name ?? choice?.name ?? '';

  const barOption = useMemo<EChartsOption>(() => {
    const present = STATUSES.filter((s) => charted.some((r) => r.status === s));
    const series: EChartsOption['series'] = present.map((s, i) => ({
      type: 'bar',
      name: tc(`status.${s}`),
      stack: 'value',
      barMaxWidth: 18,
      itemStyle: { color: STATUS_COLOUR[s] },
      data: charted.map((r) => (r.status === s ? r.shown : '-')),
      ...(i === 0 && line.kind === 'line'
        ? {
            markLine: {
              symbol: 'none',
              silent: true,
              lineStyle: { type: 'dashed', color: '#262626', width: 1.5 },
              label: {
                formatter: t('targetLine', { value: `${fmt(line.value)}${unit}` }),
                position: 'insideEndTop',
                color: '#262626',
              },
              data: [{ yAxis: line.value }],
            },
          }
        : {}),
    }));
    if (outliers.size > 0)
      series.push({
        type: 'scatter',
        name: t('outliers'),
        symbol: 'diamond',
        symbolSize: 11,
        itemStyle: { color: OUTLIER_COLOUR, borderColor: '#fff', borderWidth: 1 },
        z: 10,
        data: charted.map((r) => (outliers.has(r.region) ? r.shown : '-')),
      });
    return {
      animation: false,
      legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: unknown) => {
          const first = (Array.isArray(p) ? p[0] : p) as { dataIndex: number } | undefined;
          const r = first ? charted[first.dataIndex] : undefined;
          if (!r) return '';
          return `<div><strong>${zh(r.name)}</strong> ${r.prefectureName ? zh(r.prefectureName) : ''}</div><div>${escapeHtml(
            valueTitle,
          )}: ${escapeHtml(fmt(r.shown))}</div><div>${escapeHtml(tc('status'))}: ${escapeHtml(
            tc(`status.${r.status}`),
          )}${outliers.has(r.region) ? ` · ${escapeHtml(t('outlier'))}` : ''}</div>`;
        },
      },
      xAxis: {
        type: 'category',
        data: charted.map((r) => r.name),
        axisLabel: { rotate: 60, fontSize: 10, interval: 'auto', width: 64, overflow: 'truncate' },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        name: unit,
        nameTextStyle: { align: 'right' },
        splitLine: { lineStyle: { color: '#f0f0f0' } },
      },
      dataZoom: charted.length > 150 ? [{ type: 'inside' }] : [],
      series,
    };
  }, [charted, line, outliers, unit, fmt, tc, t, valueTitle]);

  const bins = useMemo(
    () =>
      histogram(
        charted.map((r) => r.shown!),
        fmt,
      ),
    [charted, fmt],
  );
  const histOption = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: bins.map((b) => b.label),
        name: unit,
        axisLabel: { rotate: 45, fontSize: 10 },
      },
      yAxis: { type: 'value', name: t('countAxis'), minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('countAxis'),
          data: bins.map((b) => b.count),
          itemStyle: { color: '#3182bd' },
          barCategoryGap: '8%',
        },
      ],
    }),
    [bins, unit, t],
  );

  const onBar = useCallback(
    (p: { dataIndex: number }) => {
      const r = charted[p.dataIndex];
      if (r) navigate(`/counties/${r.region}${sel.search}`);
    },
    [charted, navigate, sel.search],
  );

  const columns: ColumnsType<Row> = [
    {
      title: tc('rank'),
      key: 'rank',
      width: 64,
      align: 'right',
      sorter: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
      render: (_, r) => r.rank ?? '—',
    },
    {
      title: t('county'),
      key: 'name',
      width: 120,
      ellipsis: true,
      sorter: (a, b) => a.region.localeCompare(b.region),
      render: (_, r) => (
        <Link to={`/counties/${r.region}${sel.search}`}>
          <Data>{r.name}</Data>
        </Link>
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
      title: valueTitle,
      key: 'value',
      width: 160,
      align: 'right',
      sorter: (a, b) => (a.shown ?? -Infinity) - (b.shown ?? -Infinity),
      render: (_, r) => <span data-testid={`indicator-value-${r.region}`}>{fmt(r.shown)}</span>,
    },
    {
      title: tc('target'),
      key: 'target',
      width: 150,
      ellipsis: true,
      render: (_, r) => (
        <span title={r.target.reading}>
          <Data>{r.target.phrase}</Data>
          <AttributeTag attribute={r.target.attribute} status={r.status} />
        </span>
      ),
    },
    {
      title: tc('status'),
      key: 'status',
      width: 110,
      sorter: (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status),
      render: (_, r) => <StatusTag status={r.status} />,
    },
    {
      title: withUnit(tc('gap'), unit),
      key: 'gap',
      width: 110,
      align: 'right',
      sorter: (a, b) => (a.gap ?? -Infinity) - (b.gap ?? -Infinity),
      render: (_, r) => formatSigned(r.gap, unit),
    },
    ...(isManual(group?.targets[0])
      ? [
          {
            title: judgementTitle,
            key: 'judgement',
            width: 280,
            render: (_: unknown, r: Row) => {
              const target =
                group!.targets.find((x) => scopeText(x.scope) === r.target.scope) ??
                group!.targets[0];
              return (
                <Space size={8}>
                  <JudgementNote row={r.result} />
                  {r.result.judgement && (
                    <JudgementHistory
                      indicator={code}
                      region={r.region}
                      period={period}
                      county={r.name}
                    />
                  )}
                  {mayJudge(user, target) && (
                    <JudgeButton
                      county={r.name}
                      onClick={() =>
                        setJudging({
                          plan,
                          period,
                          region: r.region,
                          county: r.name,
                          target: target!,
                          status: r.status,
                        })
                      }
                    />
                  )}
                </Space>
              );
            },
          },
        ]
      : []),
    ...(seesQuality
      ? [
          {
            title: t('quality'),
            key: 'outlier',
            width: 100,
            render: (_: unknown, r: Row) => {
              const msg = outliers.get(r.region);
              return msg ? (
                <Tooltip title={<Data>{msg}</Data>}>
                  <Tag color={OUTLIER_COLOUR} variant="solid" data-testid={`outlier-${r.region}`}>
                    {t('outlier')}
                  </Tag>
                </Tooltip>
              ) : null;
            },
          },
        ]
      : []),
  ];

  if (planQ.isPending || regionsQ.isPending || evQ.isPending) return <PageState loading />;
  const error = planQ.error ?? regionsQ.error ?? evQ.error;
  if (error) return <PageState error={error} onRetry={() => void evQ.refetch()} />;
  if (choices.length === 0) return <PageState empty={t('noTargets')} />;
  if (!choice || !group) return <Unknown code={code} first={choices[0]} />;

  const ev = evQ.data!;
  const count = (s: Status) => rows.filter((r) => r.status === s).length;
  const phrases = [...new Set(group.targets.map((x) => x.phrase))];
  const notes: ReactNode[] = [];
  if (line.kind === 'line')
    notes.push(
      group.targets[0]?.spec?.type === 'relative' || group.targets[0]?.spec?.type === 'sync' ? (
        <Fill
          key="line"
          text={t('refNote')}
          vars={{
            phrase: <Data>{line.text}</Data>,
            value: <Data>{`${fmt(line.value)}${unit}`}</Data>,
          }}
        />
      ) : (
        <Fill key="line" text={t('lineNote')} vars={{ phrase: <Data>{line.text}</Data> }} />
      ),
    );
  else if (line.kind === 'differs') notes.push(t('differsNote'));
  else notes.push(t('noLineNote'));
  if (change) notes.push(t('changeNote'));
  if (rows.some((r) => r.result.progress)) notes.push(t('progressNote'));

  return (
    <>
      <SyntheticBanner synthetic={ev.synthetic} />
      <CountyScopeSwitch
        others={ev.scope?.others}
        value={counties}
        onChange={setCounties}
        style={{ marginBottom: 8 }}
      />
      {choice.groups.length > 1 && (
        <Space size={8} style={{ marginBottom: 8 }} wrap>
          <Typography.Text id="indicator-scope">{t('appliesTo')}</Typography.Text>
          <Segmented<string>
            aria-labelledby="indicator-scope"
            value={group.group}
            onChange={(v) =>
              setParams((p) => {
                const n = new URLSearchParams(p);
                n.set('scope', v);
                return n;
              })
            }
            options={choice.groups.map((g) => ({
              value: g.group,
              label: groupLabel(g, t, categoryName),
            }))}
            data-testid="indicator-scope"
          />
        </Space>
      )}
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Typography.Text strong>
          <Data>{name}</Data>
        </Typography.Text>{' '}
        · {tc('target')} <Data>{phrases.join(' / ')}</Data> · {periodText(period, lang)} ·{' '}
        <span data-testid="indicator-summary">
          {t('summary', {
            n: rows.length,
            met: count('met'),
            nearly: count('nearly_met'),
            not: count('not_met'),
            none: count('no_data'),
          })}
        </span>
        <br />
        <Typography.Text style={NOTE} data-testid="indicator-notes">
          {notes.map((n, i) => (
            <Fragment key={i}>
              {i > 0 && ' '}
              {n}
            </Fragment>
          ))}
        </Typography.Text>
      </Typography.Paragraph>
      {rows.length === 0 ? (
        <PageState empty={tc('emptyPeriod', { period: periodText(period, lang) })} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={16}>
              <Card size="small" title={t('bars')} styles={{ body: { padding: 8 } }}>
                <Chart
                  option={barOption}
                  height={270}
                  label={t('barsLabel', { name })}
                  onClick={onBar}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title={t('histogram')} styles={{ body: { padding: 8 } }}>
                <Chart option={histOption} height={270} label={t('histogramLabel', { name })} />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            style={{ marginTop: 12 }}
            title={
              <>
                <Data>{name}</Data> · {periodText(period, lang)}
              </>
            }
            extra={
              <ExportButton
                synthetic={ev.synthetic}
                fileName={`${t('sheet')}-${code}-${period}`}
                sheet={() => ({
                  name: t('sheet'),
                  caption: [`${name} · ${periodText(period, lang)}`],
                  columns: [
                    { title: tc('rank'), value: (r: Row) => r.rank },
                    { title: t('county'), value: (r: Row) => r.name },
                    { title: t('code'), value: (r: Row) => r.region },
                    { title: tc('prefecture'), value: (r: Row) => r.prefectureName },
                    { title: valueTitle, value: (r: Row) => r.shown },
                    { title: tc('target'), value: (r: Row) => r.target.phrase },
                    { title: tc('status'), value: (r: Row) => tc(`status.${r.status}`) },
                    { title: withUnit(tc('gap'), unit), value: (r: Row) => r.gap },
                    ...(seesQuality
                      ? [
                          {
                            title: t('quality'),
                            value: (r: Row) => (outliers.has(r.region) ? t('outlier') : ''),
                          },
                        ]
                      : []),
                  ],
                  rows,
                })}
              />
            }
            styles={{ body: { padding: 0 } }}
          >
            <Table<Row>
              virtual
              size="small"
              rowKey="region"
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 900, y: 420 }}
              data-testid="indicator-table"
            />
          </Card>
          <Typography.Paragraph
            style={{ ...NOTE, marginTop: 8, marginBottom: 0 }}
            data-testid="indicator-quality-note"
          >
            {seesQuality ? t('outlierNote') : t('outlierHidden')} {t('rankNote')}
          </Typography.Paragraph>
        </>
      )}
      <JudgementDialog judging={judging} onClose={() => setJudging(null)} />
    </>
  );
}

function Title({ code }: { code: string }) {
  const t = useT(m);
  const sel = useSelection();
  const { choices } = useChoices(sel.plan, sel.period);
  const c = choices.find((x) => x.indicator === code);
  return (
    <>
      {t('title')}
      {c && (
        <>
          {' · '}
          <Data>{c.name}</Data>
        </>
      )}
    </>
  );
}

export default function IndicatorPage() {
  const { code = '' } = useParams();
  return (
    <Page view="indicators" title={<Title code={code} />} extra={<IndicatorSelect code={code} />}>
      {(s) => <IndicatorView {...s} code={code} />}
    </Page>
  );
}
