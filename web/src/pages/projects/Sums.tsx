import { Alert, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { Data } from '../../components/Data.js';
import { SECONDARY } from '../../components/regions.js';
import { useT } from '../../i18n/index.js';
import { useSelection } from '../../lib/selection.js';
import { m } from './messages.js';
import type { CountySum, ProjectSummary } from './types.js';

function Agrees({ agrees }: { agrees: boolean | null }) {
  const t = useT(m);
  if (agrees === null) return <span style={{ color: SECONDARY }}>{t('noReported')}</span>;
  return agrees ? (
    <Tag style={{ background: '#fff', color: '#237804', borderColor: '#237804' }}>
      {t('agrees')}
    </Tag>
  ) : (
    <Tag style={{ background: '#fff', color: '#cf1322', borderColor: '#cf1322' }}>
      {t('disagrees')}
    </Tag>
  );
}

/** Per county: projects, late ones, and the projects' sum against the reported investment. */
export function Sums({ summary }: { summary: ProjectSummary }) {
  const t = useT(m);
  const { search } = useSelection();
  const tol = Math.round(summary.tolerance * 1000) / 10;
  const off = summary.counties.filter((c) => c.agrees === false);
  if (summary.counties.length === 0) return null;
  const columns: ColumnsType<CountySum> = [
    {
      title: t('county'),
      key: 'county',
      width: 120,
      render: (_, c) => (
        <Link to={`/counties/${c.county}${search}`}>
          <Data>{c.countyName}</Data>
        </Link>
      ),
    },
    { title: t('sumProjects'), dataIndex: 'projects', width: 80, align: 'right' },
    { title: t('sumLate'), dataIndex: 'late', width: 80, align: 'right' },
    { title: t('sumCompleted'), dataIndex: 'completedYtd', width: 120, align: 'right' },
    {
      title: t('sumReported'),
      key: 'reported',
      width: 150,
      align: 'right',
      render: (_, c) => c.reported ?? '—',
    },
    {
      title: t('sumDifference'),
      key: 'difference',
      width: 100,
      align: 'right',
      render: (_, c) => c.difference ?? '—',
    },
    {
      title: t('sumAgrees'),
      key: 'agrees',
      width: 90,
      render: (_, c) => <Agrees agrees={c.agrees} />,
    },
  ];
  return (
    <section data-testid="project-sums" style={{ marginBottom: 12 }}>
      {off.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="sum-disagrees"
          title={t('disagreeAlert', { n: off.length, tol })}
          description={off.map((c, i) => (
            <span key={c.county}>
              {i > 0 && '、'}
              <Data>{c.countyName}</Data>
            </span>
          ))}
        />
      )}
      <Table<CountySum>
        size="small"
        rowKey="county"
        columns={columns}
        dataSource={summary.counties}
        pagination={false}
        scroll={{ y: 150 }}
        title={() => <strong>{t('summaryTitle')}</strong>}
        footer={() => (
          <Typography.Text style={{ fontSize: 12, color: SECONDARY }}>
            {t('toleranceNote', { tol })}
          </Typography.Text>
        )}
      />
    </section>
  );
}
