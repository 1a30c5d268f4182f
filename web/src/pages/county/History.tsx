import { Card, Col, Row, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo, useRef } from 'react';
import { isPeriod, parsePeriod } from '../../../../src/core/periods/index.js';
import { useSeries, type Selected } from '../../api/queries.js';
import type { Series, SeriesPoint } from '../../api/types.js';
import { Chart } from '../../components/Chart.js';
import { Data } from '../../components/Data.js';
import { PageState } from '../../components/PageState.js';
import { useT } from '../../i18n/index.js';
import { formatValue } from '../../lib/format.js';
import { m } from './messages.js';
import { useSeen } from './parts.js';

type One = Series['series'][number];

/** The month (1–12) a point stands at: a month, the end of a quarter, or the end of the year. */
function monthOf(period: string): number | null {
  if (!isPeriod(period)) return null;
  const p = parsePeriod(period);
  return p.kind === 'month' ? p.month : p.kind === 'quarter' ? p.quarter * 3 : 12;
}

function byMonth(points: readonly SeriesPoint[]): (number | null)[] {
  const out: (number | null)[] = Array.from({ length: 12 }, () => null);
  for (const p of points) {
    const mo = monthOf(p.period);
    if (mo !== null) out[mo - 1] = p.value;
  }
  return out;
}

function SmallChart({ s, year }: { s: One; year: number }) {
  const t = useT(m);
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 44, right: 10, top: 10, bottom: 22 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, s.unit),
      },
      xAxis: {
        type: 'category',
        data: Array.from({ length: 12 }, (_, i) => t('month', { n: i + 1 })),
        axisLabel: { fontSize: 10, interval: 2 },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        scale: true,
        axisLabel: { fontSize: 10 },
        splitNumber: 3,
      },
      series: [
        {
          name: String(year - 1),
          type: 'line',
          data: byMonth(s.previous),
          symbolSize: 3,
          lineStyle: { type: 'dashed', width: 1.5, color: '#8c8c8c' },
          itemStyle: { color: '#8c8c8c' },
        },
        {
          name: String(year),
          type: 'line',
          data: byMonth(s.points),
          symbolSize: 4,
          lineStyle: { width: 2, color: '#1d39c4' },
          itemStyle: { color: '#1d39c4' },
        },
      ],
    }),
    [s, year, t],
  );
  return (
    <Card
      size="small"
      styles={{ body: { padding: '6px 8px' } }}
      data-testid={`chart-${s.indicator}`}
    >
      <Typography.Text strong style={{ fontSize: 13 }} ellipsis>
        <Data>{s.name}</Data>
        {s.unit && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            (<Data>{s.unit}</Data>)
          </Typography.Text>
        )}
      </Typography.Text>
      <Chart option={option} height={140} label={t('chartLabel', { name: s.name })} />
    </Card>
  );
}

/** Small multiples of the county's monthly values, this year against last, loaded when scrolled to. */
export function History({ sel, code }: { sel: Selected; code: string }) {
  const t = useT(m);
  const ref = useRef<HTMLDivElement>(null);
  const seen = useSeen(ref);
  const q = useSeries(sel, seen ? code : undefined);
  const series = (q.data?.series ?? []).filter(
    (s) => s.points.some((p) => p.value !== null) || s.previous.some((p) => p.value !== null),
  );
  return (
    <div ref={ref} data-testid="history">
      <Card
        size="small"
        title={t('history')}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('historyHint')}
          </Typography.Text>
        }
        style={{ marginBottom: 12 }}
      >
        {!seen ? (
          <div style={{ minHeight: 160 }}>
            <Typography.Text type="secondary">{t('historyLoading')}</Typography.Text>
          </div>
        ) : q.isPending ? (
          <PageState loading />
        ) : q.isError ? (
          <PageState error={q.error} onRetry={() => void q.refetch()} />
        ) : series.length === 0 ? (
          <PageState empty={t('noHistory')} />
        ) : (
          <Row gutter={[8, 8]}>
            {series.map((s) => (
              <Col key={s.indicator} xs={24} sm={12} lg={8} xl={6}>
                <SmallChart s={s} year={q.data!.year} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </div>
  );
}
