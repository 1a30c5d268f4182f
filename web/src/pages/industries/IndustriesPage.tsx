import { Button, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import { Data } from '../../components/Data.js';
import { FilterBar, useUrlFilters } from '../../components/filters.js';
import { Page } from '../../components/Page.js';
import { PageState, stateOf } from '../../components/PageState.js';
import { PrefectureFilter, SECONDARY, useRegionIndex } from '../../components/regions.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { useT } from '../../i18n/index.js';
import { useSelection } from '../../lib/selection.js';
import { EditDialog } from './EditDialog.js';
import { m } from './messages.js';
import type {
  IndustryFigures,
  IndustryList,
  IndustryRow,
  IndustrySummary,
  IndustryTotal,
} from './types.js';

/** The latest year with figures, if any. */
export function latest(figures: IndustryFigures[]): IndustryFigures | undefined {
  return [...figures].sort((a, b) => b.year - a.year)[0];
}

export function useCountyColumns(): ColumnsType<IndustryRow> {
  const t = useT(m);
  return [
    {
      title: t('position'),
      key: 'position',
      width: 90,
      render: (_, r) => (r.position === 1 ? t('first') : t('second')),
    },
    {
      title: t('industry'),
      key: 'industry',
      width: 150,
      render: (_, r) => <Data>{r.industry}</Data>,
    },
    {
      title: t('policy'),
      key: 'policy',
      render: (_, r) =>
        r.policy ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.policy }} style={{ margin: 0 }}>
            <Data>{r.policy}</Data>
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    {
      title: t('enterprises'),
      key: 'enterprises',
      width: 220,
      render: (_, r) => <Data>{r.enterprises.join('、') || '—'}</Data>,
    },
    {
      title: t('output'),
      key: 'output',
      width: 110,
      align: 'right',
      render: (_, r) => {
        const f = latest(r.figures);
        return f?.output ? (
          <span>
            {f.output} <span style={{ fontSize: 12, color: SECONDARY }}>({f.year})</span>
          </span>
        ) : (
          '—'
        );
      },
    },
    {
      title: t('growth'),
      key: 'growth',
      width: 90,
      align: 'right',
      render: (_, r) => latest(r.figures)?.growth ?? '—',
    },
  ];
}

function ByCounty({ list, names }: { list: IndustryList; names: string[] }) {
  const t = useT(m);
  const user = useUser();
  const [editing, setEditing] = useState<{ code: string; name: string } | null>(null);
  // The province edits any county's list, a county its own (the server decides again).
  const mayEdit = (code: string) =>
    user.role === 'province' || (user.role === 'county' && user.region === code);
  const { search } = useSelection();
  const regions = useRegionIndex();
  const filters = useUrlFilters(['prefecture'] as const);
  const prefecture = filters.values.prefecture;
  const rows = list.items.filter((r) => !prefecture || r.prefecture === prefecture);
  // The county's name on its first row only: its one or two industries read as one block.
  const firstRows = new Set(
    rows
      .filter((r, i) => i === 0 || rows[i - 1]!.county !== r.county)
      .map((r) => `${r.county}-${r.position}`),
  );
  const columns: ColumnsType<IndustryRow> = [
    {
      title: t('county'),
      key: 'county',
      width: 120,
      fixed: 'left',
      render: (_, r) =>
        firstRows.has(`${r.county}-${r.position}`) ? (
          <Link to={`/counties/${r.county}${search}`}>
            <Data>{r.countyName}</Data>
          </Link>
        ) : null,
    },
    {
      title: t('prefecture'),
      key: 'prefecture',
      width: 100,
      render: (_, r) => <Data>{r.prefectureName}</Data>,
    },
    ...useCountyColumns(),
    {
      title: '',
      key: 'edit',
      width: 80,
      render: (_, r) =>
        firstRows.has(`${r.county}-${r.position}`) && mayEdit(r.county) ? (
          <Button
            size="small"
            onClick={() => setEditing({ code: r.county, name: r.countyName })}
            data-testid={`industries-edit-${r.county}`}
          >
            {t('edit')}
          </Button>
        ) : null,
    },
  ];
  const own = user.role === 'county' && user.region ? regions.byCode.get(user.region) : undefined;
  const shown = regions.prefectures.filter((p) => list.items.some((r) => r.prefecture === p.code));
  return (
    <>
      <FilterBar
        filters={filters}
        shown={
          <Typography.Text>
            {t('shownCounties', { n: new Set(rows.map((r) => r.county)).size })}
          </Typography.Text>
        }
      >
        <PrefectureFilter
          value={prefecture}
          options={shown}
          onChange={(x) => filters.set({ prefecture: x })}
        />
        {own && (
          <Button
            onClick={() => setEditing({ code: own.code, name: own.name })}
            data-testid="industries-edit-own"
          >
            {t('edit')}
          </Button>
        )}
      </FilterBar>
      {rows.length === 0 ? (
        <PageState empty={t('empty')} />
      ) : (
        <Table<IndustryRow>
          size="small"
          rowKey={(r) => `${r.county}-${r.position}`}
          tableLayout="fixed"
          columns={columns}
          dataSource={rows}
          scroll={{ x: 1000 }}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          data-testid="industries-by-county"
        />
      )}
      {editing && (
        <EditDialog
          county={editing.code}
          countyName={editing.name}
          rows={list.items.filter((r) => r.county === editing.code)}
          names={names}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function ByIndustry({ summary }: { summary: IndustrySummary }) {
  const t = useT(m);
  const columns: ColumnsType<IndustryTotal> = [
    {
      title: t('industry'),
      key: 'industry',
      width: 180,
      render: (_, r) => <Data>{r.industry}</Data>,
    },
    { title: t('counties'), dataIndex: 'counties', width: 90, align: 'right' },
    {
      title: t('countyNames'),
      key: 'names',
      render: (_, r) => <Data>{r.countyNames.join('、')}</Data>,
    },
    {
      title: summary.year ? t('totalOutput', { year: summary.year }) : t('output'),
      key: 'output',
      width: 170,
      align: 'right',
      render: (_, r) => r.output ?? '—',
    },
    {
      title: t('growth'),
      key: 'growth',
      width: 90,
      align: 'right',
      render: (_, r) => r.growth ?? '—',
    },
  ];
  if (summary.industries.length === 0) return <PageState empty={t('emptyIndustries')} />;
  return (
    <Table<IndustryTotal>
      size="small"
      rowKey="industry"
      tableLayout="fixed"
      columns={columns}
      dataSource={summary.industries}
      pagination={false}
      scroll={{ x: 800 }}
      data-testid="industries-by-industry"
    />
  );
}

function Industries() {
  const t = useT(m);
  const tabs = useUrlFilters(['tab'] as const);
  const list = useApi<IndustryList>('/industries');
  const summary = useApi<IndustrySummary>('/industries/summary');
  const state = stateOf(list, summary);
  if (state) return state;
  return (
    <>
      <SyntheticBanner synthetic={list.data!.synthetic || summary.data!.synthetic} />
      <Tabs
        activeKey={tabs.values.tab === 'industry' ? 'industry' : 'county'}
        onChange={(k) => tabs.set({ tab: k === 'industry' ? k : undefined })}
        items={[
          {
            key: 'county',
            label: t('byCounty'),
            children: (
              <ByCounty list={list.data!} names={summary.data!.industries.map((i) => i.industry)} />
            ),
          },
          {
            key: 'industry',
            label: t('byIndustry'),
            children: <ByIndustry summary={summary.data!} />,
          },
        ]}
      />
    </>
  );
}

export default function IndustriesPage() {
  const t = useT(m);
  return (
    <Page view="industries" title={t('title')} needs="nothing">
      {() => <Industries />}
    </Page>
  );
}
