import { Checkbox, Input, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import { Data } from '../../components/Data.js';
import { BadFilters, FilterBar, FilterSelect, useUrlFilters } from '../../components/filters.js';
import { Page } from '../../components/Page.js';
import { PageState, stateOf } from '../../components/PageState.js';
import { MILESTONE_LABELS } from '../../../../src/core/projects/types.js';
import { PrefectureFilter, useRegionIndex } from '../../components/regions.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText } from '../../lib/format.js';
import { useSelection } from '../../lib/selection.js';
import { ValueStatusTag } from '../review/parts.js';
import { ImportPanel } from './Import.js';
import { m } from './messages.js';
import { MilestoneBar, useMilestoneName } from './Milestones.js';
import { FlagTags, isMonth, wan } from './parts.js';
import { ReviewActions } from './Review.js';
import { Sums } from './Sums.js';
import type { ProjectItem, ProjectList, ProjectSummary } from './types.js';

const FILTERS = ['prefecture', 'region', 'industry', 'stage', 'flag', 'late', 'q', 'page'] as const;
const STAGES = ['plan', 'sign', 'start', 'operate', 'full'] as const;
const PAGE_SIZE = 50;

function useColumns(): ColumnsType<ProjectItem> {
  const t = useT(m);
  const { search } = useSelection();
  return [
    {
      title: t('name'),
      key: 'name',
      width: 210,
      fixed: 'left',
      render: (_, p) => (
        <Link to={`/projects/${encodeURIComponent(p.id)}${search}`} data-testid="project-link">
          <Data>{p.name}</Data>
        </Link>
      ),
    },
    { title: t('county'), key: 'county', width: 90, render: (_, p) => <Data>{p.countyName}</Data> },
    {
      title: t('industry'),
      key: 'industry',
      width: 110,
      render: (_, p) => <Data>{p.industry}</Data>,
    },
    {
      title: t('type'),
      key: 'type',
      width: 60,
      render: (_, p) => (p.typeLabel ? <Data>{p.typeLabel}</Data> : '—'),
    },
    {
      title: t('total'),
      key: 'total',
      width: 100,
      align: 'right',
      render: (_, p) => wan(p.totalInvestment),
    },
    {
      title: t('planned'),
      key: 'planned',
      width: 100,
      align: 'right',
      render: (_, p) => wan(p.plannedThisYear),
    },
    {
      title: t('completed'),
      key: 'completed',
      width: 110,
      align: 'right',
      render: (_, p) => wan(p.completedYtd),
    },
    {
      title: t('milestones'),
      key: 'milestones',
      width: 150,
      render: (_, p) => <MilestoneBar steps={p.milestones} />,
    },
    {
      title: t('status'),
      key: 'status',
      width: 100,
      render: (_, p) => <ValueStatusTag status={p.status} />,
    },
    { title: t('flags'), key: 'flags', render: (_, p) => <FlagTags flags={p.flags} /> },
  ];
}

/** `asked`: the selected month, or undefined for the latest month with reports (a year or quarter chosen). */
function Ledger({ asked }: { asked: string | undefined }) {
  const t = useT(m);
  const { lang } = useLang();
  const user = useUser();
  const regions = useRegionIndex();
  const filters = useUrlFilters(FILTERS);
  const { valid, bad } = filters.check({
    prefecture: regions.mayBePrefecture,
    region: (c) => regions.pending || regions.byCode.get(c)?.level === 'county',
    industry: () => true,
    stage: (s) => (STAGES as readonly string[]).includes(s),
    flag: () => true,
    late: (x) => x === 'true',
    q: () => true,
    page: (x) => /^[1-9]\d{0,4}$/.test(x),
  });
  const region = valid.region ?? valid.prefecture;
  const page = Number(valid.page ?? '1');
  const list = useApi<ProjectList>('/projects', {
    period: asked,
    region,
    industry: valid.industry,
    stage: valid.stage,
    flag: valid.flag,
    late: valid.late,
    q: valid.q,
    page,
    pageSize: PAGE_SIZE,
  });
  const summary = useApi<ProjectSummary>('/projects/summary', { period: asked, region });
  const columns = useColumns();
  const milestoneName = useMilestoneName();
  const state = stateOf(list, summary);
  if (state) return state;
  const data = list.data!;
  const period = data.period;
  const counties = (regions.byCode.size ? [...regions.byCode.values()] : []).filter(
    (r) => r.level === 'county' && (!valid.prefecture || r.parent === valid.prefecture),
  );
  const writes = user.role === 'county' || user.role === 'prefecture';
  const set = (patch: Partial<Record<(typeof FILTERS)[number], string | undefined>>) =>
    filters.set({ ...patch, page: undefined });
  return (
    <>
      <SyntheticBanner synthetic={data.synthetic || summary.data!.synthetic} />
      <BadFilters bad={bad} onClear={filters.clear} />
      {writes && (
        <ImportPanel
          region={valid.region ?? (user.role === 'county' ? (user.region ?? undefined) : undefined)}
          period={period}
        />
      )}
      <Sums summary={summary.data!} />
      <FilterBar
        filters={filters}
        shown={
          <Typography.Text data-testid="shown">
            {t('shown', { n: data.total })} · {periodText(period, lang)}
            {!asked && ` (${t('latestMonth')})`}
          </Typography.Text>
        }
        extra={<ReviewActions role={user.role} items={data.items} period={period} />}
      >
        {user.role !== 'county' && (
          <PrefectureFilter
            value={valid.prefecture}
            options={regions.prefectures}
            onChange={(x) => set({ prefecture: x, region: undefined })}
            width={130}
          />
        )}
        {user.role !== 'county' && (
          <FilterSelect
            label={t('county')}
            all={t('allCounties')}
            value={valid.region}
            options={counties.map((c) => ({ value: c.code, label: <Data>{c.name}</Data> }))}
            onChange={(x) => set({ region: x })}
            width={130}
            testId="filter-county"
          />
        )}
        <FilterSelect
          label={t('industry')}
          all={t('allIndustries')}
          value={valid.industry}
          options={data.facets.industries.map((i) => ({ value: i, label: <Data>{i}</Data> }))}
          onChange={(x) => set({ industry: x })}
          width={140}
          wide
          testId="filter-industry"
        />
        <FilterSelect
          label={t('stage')}
          all={t('allStages')}
          value={valid.stage}
          options={STAGES.map((s) => ({
            value: s,
            label: milestoneName({ milestone: s, label: MILESTONE_LABELS[s] }),
          }))}
          onChange={(x) => set({ stage: x })}
          width={110}
          testId="filter-stage"
        />
        <FilterSelect
          label={t('flags')}
          all={t('allFlags')}
          value={valid.flag}
          options={data.facets.flags.map((f) => ({ value: f, label: <Data>{f}</Data> }))}
          onChange={(x) => set({ flag: x })}
          width={120}
          testId="filter-flag"
        />
        <Checkbox
          checked={valid.late === 'true'}
          onChange={(e) => set({ late: e.target.checked ? 'true' : undefined })}
          data-testid="filter-late"
        >
          {t('lateOnly')}
        </Checkbox>
        <Input.Search
          aria-label={t('search')}
          placeholder={t('search')}
          defaultValue={valid.q}
          allowClear
          onSearch={(x) => set({ q: x.trim() || undefined })}
          style={{ width: 200 }}
          data-testid="filter-q"
        />
      </FilterBar>
      {data.items.length === 0 ? (
        <PageState
          empty={
            filters.any ? t('emptyFiltered') : t('empty', { period: periodText(period, lang) })
          }
        />
      ) : (
        <Table<ProjectItem>
          size="small"
          rowKey="id"
          tableLayout="fixed"
          columns={columns}
          dataSource={data.items}
          scroll={{ x: 1130, y: 'calc(100vh - 320px)' }}
          rowClassName={(p) => (p.late ? 'project-late' : '')}
          pagination={{
            current: data.page,
            pageSize: data.pageSize,
            total: data.total,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (p) => filters.set({ page: p > 1 ? String(p) : undefined }),
          }}
          data-testid="projects-table"
        />
      )}
    </>
  );
}

export default function ProjectsPage() {
  const t = useT(m);
  return (
    <Page view="projects" title={t('title')}>
      {(sel) => <Ledger asked={isMonth(sel.period) ? sel.period : undefined} />}
    </Page>
  );
}
