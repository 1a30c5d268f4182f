import { Alert, Card, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Evaluation, Progress, ResultRow, TargetText } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { ListTable } from '../../components/ListTable.js';
import { AttributeTag } from '../../components/AttributeTag.js';
import { StatusTag } from '../../components/StatusTag.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { formatSigned, formatValue, periodText } from '../../lib/format.js';
import { m } from './messages.js';

export interface TargetRow {
  key: string;
  /** Position in the API's results: the test reads the same index. */
  index: number;
  target: TargetText;
  result: ResultRow;
}

/** A share (0.713) as a percentage with the one rounding rule: 71.3%. */
const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? '—' : `${formatValue(share * 100, '%')}%`;

/** 时间过半任务过半: the share of the year's target done beside the share due by now. */
function Pace({ p, unit }: { p: Progress; unit: string }) {
  const t = useT(m);
  const done = p.done ?? null;
  const text =
    done !== null
      ? t('progressText', { done: percent(done), share: percent(p.share) })
      : t('progressExpected', {
          share: percent(p.share),
          expected: `${formatValue(p.expected, unit)}`,
        });
  return (
    <div>
      <div>{text}</div>
      {done !== null && (
        <div
          aria-hidden
          style={{
            position: 'relative',
            height: 6,
            width: 140,
            maxWidth: '100%',
            margin: '4px 0 2px',
            background: '#f0f0f0',
            borderRadius: 3,
          }}
        >
          <div
            style={{
              width: `${Math.min(100, Math.max(0, done * 100))}%`,
              height: '100%',
              background: '#1d39c4',
              borderRadius: 3,
            }}
          />
          <div
            style={{
              position: 'absolute',
              left: `${Math.min(100, p.share * 100)}%`,
              top: -3,
              bottom: -3,
              width: 2,
              background: '#262626',
            }}
          />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`basis.${p.basis}`)}
      </Typography.Text>
    </div>
  );
}

function useColumns(): ColumnsType<TargetRow> {
  const t = useT(m);
  const tc = useT(common);
  return [
    {
      title: tc('indicator'),
      key: 'name',
      fixed: 'left',
      width: 170,
      render: (_, r) => <Data>{r.target.name}</Data>,
    },
    {
      title: t('phrase'),
      key: 'phrase',
      width: 180,
      render: (_, r) => (
        <div>
          <Data>{r.target.phrase}</Data>
          <AttributeTag attribute={r.target.attribute} status={r.result.status} />
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Data>{r.target.reading}</Data>
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: tc('unit'), key: 'unit', width: 64, render: (_, r) => <Data>{r.target.unit}</Data> },
    {
      title: tc('value'),
      key: 'value',
      align: 'right',
      width: 90,
      render: (_, r) => (
        <div>
          <span data-testid={`value-${r.index}`}>{formatValue(r.result.value, r.target.unit)}</span>
          {r.result.previous !== undefined && r.result.previous !== null && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('previous', { value: formatValue(r.result.previous, r.target.unit) })}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: tc('status'),
      key: 'status',
      width: 104,
      render: (_, r) => (
        <span data-testid={`status-${r.index}`} data-status={r.result.status}>
          <StatusTag status={r.result.status} />
        </span>
      ),
    },
    {
      title: tc('gap'),
      key: 'gap',
      align: 'right',
      width: 70,
      render: (_, r) => (
        <span data-testid={`gap-${r.index}`}>{formatSigned(r.result.gap, r.target.unit)}</span>
      ),
    },
    {
      title: t('progress'),
      key: 'progress',
      width: 180,
      render: (_, r) =>
        r.result.progress ? <Pace p={r.result.progress} unit={r.target.unit} /> : '—',
    },
    {
      title: t('projection'),
      key: 'projection',
      align: 'right',
      width: 100,
      render: (_, r) => (
        <span data-testid={`projection-${r.index}`}>
          {r.result.progress ? formatValue(r.result.progress.projection, r.target.unit) : '—'}
        </span>
      ),
    },
    {
      title: t('note'),
      key: 'note',
      width: 150,
      render: (_, r) => (r.result.note ? <Data>{r.result.note}</Data> : ''),
    },
  ];
}

/** Every target of the county: value, target and its reading, status, gap, pace and projection. */
export function Targets({
  ev,
  code,
  period,
  countyName,
}: {
  ev: Evaluation;
  code: string;
  period: string;
  countyName: string;
}) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const columns = useColumns();
  const rows: TargetRow[] = ev.results
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => result.region === code)
    .map(({ result, index }) => ({
      key: `${index}`,
      index,
      target: ev.targets[result.target]!,
      result,
    }));
  const when = periodText(period, lang);
  const allNoData = rows.length > 0 && rows.every((r) => r.result.status === 'no_data');
  return (
    <Card
      size="small"
      title={`${t('targets')} · ${when}`}
      extra={
        <ExportButton
          synthetic={ev.synthetic}
          fileName={`${countyName}-${t('targets')}-${period}`}
          disabled={rows.length === 0}
          sheet={() => ({
            name: t('targets'),
            caption: [`${countyName} ${t('targets')} ${when}`],
            columns: [
              { title: tc('indicator'), value: (r: TargetRow) => r.target.name },
              { title: t('phrase'), value: (r: TargetRow) => r.target.phrase },
              { title: tc('reading'), value: (r: TargetRow) => r.target.reading },
              { title: tc('unit'), value: (r: TargetRow) => r.target.unit },
              { title: tc('value'), value: (r: TargetRow) => r.result.value },
              { title: tc('status'), value: (r: TargetRow) => tc(`status.${r.result.status}`) },
              { title: tc('gap'), value: (r: TargetRow) => r.result.gap },
              {
                title: t('doneShare'),
                value: (r: TargetRow) => r.result.progress?.done ?? null,
                format: '0.0%',
              },
              {
                title: t('shareExpected'),
                value: (r: TargetRow) => r.result.progress?.share ?? null,
                format: '0.0%',
              },
              {
                title: t('projection'),
                value: (r: TargetRow) => r.result.progress?.projection ?? null,
              },
              { title: t('note'), value: (r: TargetRow) => r.result.note ?? '' },
            ],
            rows,
          })}
        />
      }
      styles={{ body: { padding: 0 } }}
      style={{ marginBottom: 12 }}
    >
      {allNoData && (
        <Alert
          type="info"
          showIcon
          title={t('allNoData', { period: when })}
          style={{ margin: 8 }}
          data-testid="all-no-data"
        />
      )}
      <ListTable
        rows={rows}
        columns={columns}
        empty={t('noTargets', { period: when })}
        width={1110}
        testId="county-targets"
      />
    </Card>
  );
}
