import { Card, Col, Row, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Navigate } from 'react-router-dom';
import { useEvaluation, useSeries } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import type { ResultRow, Series, TargetText } from '../../api/types.js';
import { BulletinDownload } from '../../components/BulletinDownload.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { ListTable } from '../../components/ListTable.js';
import { Page } from '../../components/Page.js';
import { PageState } from '../../components/PageState.js';
import { Sparkline } from '../../components/Sparkline.js';
import { AttributeTag } from '../../components/AttributeTag.js';
import { StatusTag } from '../../components/StatusTag.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { homeOf, mayOpen } from '../../lib/access.js';
import { formatSigned, formatValue, periodText } from '../../lib/format.js';
import { useSelection } from '../../lib/selection.js';
import { m } from './messages.js';
import { CompletenessTile, RankingTile, WarningsTile } from './Tiles.js';

interface Row {
  key: string;
  target: TargetText;
  result: ResultRow;
}

function useColumns(series: Series | undefined): ColumnsType<Row> {
  const t = useT(m);
  const tc = useT(common);
  const byIndicator = new Map(series?.series.map((s) => [s.indicator, s]));
  return [
    {
      title: tc('indicator'),
      key: 'name',
      render: (_, r) => <Data>{r.target.name}</Data>,
      width: 230,
    },
    {
      title: t('phrase'),
      key: 'phrase',
      width: 150,
      render: (_, r) => (
        <span title={r.target.reading}>
          <Data>{r.target.phrase}</Data>
          <AttributeTag attribute={r.target.attribute} status={r.result.status} />
        </span>
      ),
    },
    { title: tc('unit'), key: 'unit', render: (_, r) => <Data>{r.target.unit}</Data>, width: 70 },
    {
      title: tc('value'),
      key: 'value',
      align: 'right',
      render: (_, r) => (
        <span data-testid={`value-${r.result.indicator}`}>
          {formatValue(r.result.value, r.target.unit)}
        </span>
      ),
    },
    {
      title: tc('status'),
      key: 'status',
      render: (_, r) => <StatusTag status={r.result.status} />,
    },
    {
      title: tc('gap'),
      key: 'gap',
      align: 'right',
      render: (_, r) => formatSigned(r.result.gap, r.target.unit),
    },
    {
      title: t('trend'),
      key: 'trend',
      width: 130,
      render: (_, r) => {
        const s = byIndicator.get(r.result.indicator);
        return s ? (
          <Sparkline
            points={s.points}
            previous={s.previous}
            label={t('trendLabel', { name: r.target.name })}
          />
        ) : null;
      },
    },
  ];
}

function Targets({ plan, period }: { plan: string; period: string }) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const probe = useEvaluation({ plan, period }, { limit: 1 });
  const province = probe.data?.province;
  const ev = useEvaluation({ plan, period }, { region: province }, !!province);
  // A reader who does not see the province's values this period asks for no history of them.
  const shown = ev.data?.results.some((r) => r.region === province) ?? false;
  const series = useSeries({ plan, period }, shown ? province : undefined);
  const columns = useColumns(province ? series.data : undefined);
  const q = province ? ev : probe;
  if (q.isPending) return <PageState loading />;
  if (q.isError) return <PageState error={q.error} onRetry={() => void q.refetch()} />;
  const data = ev.data;
  const rows: Row[] = (data?.results ?? [])
    .filter((r) => r.region === province)
    .map((r) => ({
      key: `${r.indicator}|${r.target}`,
      target: data!.targets[r.target]!,
      result: r,
    }));
  const s = data?.summary;
  return (
    <>
      <SyntheticBanner synthetic={data?.synthetic} />
      <Card
        title={`${t('targets')} · ${periodText(period, lang)}`}
        extra={
          <Space size={8} wrap>
            <BulletinDownload plan={plan} period={period} />
            <ExportButton
              synthetic={data?.synthetic}
              fileName={`${t('targets')}-${period}`}
              disabled={rows.length === 0}
              sheet={() => ({
                name: t('targets'),
                caption: [`${t('targets')} ${periodText(period, lang)}`],
                columns: [
                  { title: tc('indicator'), value: (r: Row) => r.target.name },
                  { title: t('phrase'), value: (r: Row) => r.target.phrase },
                  { title: tc('unit'), value: (r: Row) => r.target.unit },
                  { title: tc('value'), value: (r: Row) => r.result.value },
                  { title: tc('status'), value: (r: Row) => tc(`status.${r.result.status}`) },
                  { title: tc('gap'), value: (r: Row) => r.result.gap },
                ],
                rows,
              })}
            />
          </Space>
        }
        styles={{ body: { padding: 0 } }}
      >
        <ListTable
          rows={rows}
          columns={columns}
          empty={t('noResults', { period: periodText(period, lang) })}
          width={900}
          testId="province-targets"
        />
      </Card>
      {s && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('summary', { met: s.met, nearly: s.nearly_met, not: s.not_met, none: s.no_data })}
        </Typography.Paragraph>
      )}
    </>
  );
}

export default function DashboardPage() {
  const user = useUser();
  const t = useT(m);
  const sel = useSelection();
  // A county's first screen is its data entry: the province's unpublished totals are not its to see.
  if (!mayOpen(user.role, 'dashboard'))
    return <Navigate to={homeOf(user.role) + sel.search} replace />;
  return (
    <Page view="dashboard" title={t('title')}>
      {(s) => (
        <>
          <Targets {...s} />
          <Row gutter={[12, 12]} style={{ marginTop: 4 }}>
            <Col xs={24} md={8}>
              <WarningsTile {...s} />
            </Col>
            {mayOpen(user.role, 'completeness') && (
              <Col xs={24} md={8}>
                <CompletenessTile {...s} />
              </Col>
            )}
            <Col xs={24} md={mayOpen(user.role, 'completeness') ? 8 : 16}>
              <RankingTile {...s} />
            </Col>
          </Row>
        </>
      )}
    </Page>
  );
}
