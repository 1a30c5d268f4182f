// The profile's 项目与主导工业 section: the county's projects (compact) and its leading industries.
import { Button, Card, Flex, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useApi, type Selected } from '../../api/queries.js';
import { Data } from '../../components/Data.js';
import { PageState, stateOf } from '../../components/PageState.js';
import { defineMessages, useT } from '../../i18n/index.js';
import { mayOpen } from '../../lib/access.js';
import { useSelection } from '../../lib/selection.js';
import { useUser } from '../../api/session.js';
import { useCountyColumns } from '../industries/IndustriesPage.js';
import type { IndustryList, IndustryRow } from '../industries/types.js';
import { m as pm } from '../projects/messages.js';
import { MilestoneBar } from '../projects/Milestones.js';
import { isMonth, wan } from '../projects/parts.js';
import type { ProjectItem, ProjectList } from '../projects/types.js';
import { ValueStatusTag } from '../review/parts.js';

const m = defineMessages({
  zh: {
    title: '项目与主导工业',
    projects: '重点项目({n} 个,滞后 {late} 个)',
    noProjects: '本期没有本县的项目台账。',
    industries: '主导工业',
    noIndustries: '本县还没有报送主导工业。',
    all: '查看全部项目',
  },
  en: {
    title: 'Projects and leading industries',
    projects: 'Key projects ({n}, {late} late)',
    noProjects: 'No project ledger of the county for this period.',
    industries: 'Leading industries',
    noIndustries: 'The county has not reported its leading industries.',
    all: 'All projects',
  },
});

/** Shown on the profile: the first page of projects, late ones first. */
const SHOWN = 10;

function Projects({ sel, code }: { sel: Selected; code: string }) {
  const t = useT(m);
  const tp = useT(pm);
  const { search } = useSelection();
  const period = isMonth(sel.period) ? sel.period : undefined;
  const q = useApi<ProjectList>('/projects', { period, region: code, page: 1, pageSize: SHOWN });
  const late = useApi<ProjectList>('/projects', { period, region: code, late: true, pageSize: 1 });
  const state = stateOf(q, late);
  if (state) return state;
  const data = q.data!;
  const columns: ColumnsType<ProjectItem> = [
    {
      title: tp('name'),
      key: 'name',
      render: (_, p) => (
        <Link to={`/projects/${encodeURIComponent(p.id)}${search}`}>
          <Data>{p.name}</Data>
        </Link>
      ),
    },
    {
      title: tp('industry'),
      key: 'industry',
      width: 130,
      render: (_, p) => <Data>{p.industry}</Data>,
    },
    {
      title: tp('completed'),
      key: 'completed',
      width: 130,
      align: 'right',
      render: (_, p) => wan(p.completedYtd),
    },
    {
      title: tp('milestones'),
      key: 'milestones',
      width: 150,
      render: (_, p) => <MilestoneBar steps={p.milestones} />,
    },
    {
      title: tp('status'),
      key: 'status',
      width: 100,
      render: (_, p) => <ValueStatusTag status={p.status} />,
    },
  ];
  const regionLink = `/projects${search}${search ? '&' : '?'}region=${code}`;
  return (
    <>
      <Flex justify="space-between" align="center" style={{ padding: '8px 12px' }}>
        <strong>{t('projects', { n: data.total, late: late.data!.total })}</strong>
        <Link to={regionLink}>
          <Button size="small">{t('all')}</Button>
        </Link>
      </Flex>
      {data.items.length === 0 ? (
        <PageState empty={t('noProjects')} />
      ) : (
        <Table<ProjectItem>
          size="small"
          rowKey="id"
          tableLayout="fixed"
          columns={columns}
          dataSource={data.items}
          pagination={false}
          scroll={{ x: 700 }}
          data-testid="county-projects"
        />
      )}
    </>
  );
}

function Industries({ code }: { code: string }) {
  const t = useT(m);
  const q = useApi<IndustryList>('/industries', { region: code });
  const columns = useCountyColumns();
  const state = stateOf(q);
  if (state) return state;
  const rows = q.data!.items.filter((r) => r.county === code);
  return (
    <>
      <div style={{ padding: '8px 12px' }}>
        <strong>{t('industries')}</strong>
      </div>
      {rows.length === 0 ? (
        <PageState empty={t('noIndustries')} />
      ) : (
        <Table<IndustryRow>
          size="small"
          rowKey="position"
          tableLayout="fixed"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="county-industries"
        />
      )}
    </>
  );
}

/** The county's ledgers, for the roles that may open them. */
export function Ledgers({ sel, code }: { sel: Selected; code: string }) {
  const t = useT(m);
  const user = useUser();
  if (!mayOpen(user.role, 'projects')) return null;
  return (
    <Card
      size="small"
      title={t('title')}
      style={{ marginBottom: 12 }}
      styles={{ body: { padding: 0 } }}
      data-testid="county-ledgers"
    >
      <Projects sel={sel} code={code} />
      <Industries code={code} />
    </Card>
  );
}
