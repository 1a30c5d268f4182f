import { Card, Descriptions, Empty, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../../api/queries.js';
import { Chart } from '../../components/Chart.js';
import { Data } from '../../components/Data.js';
import { Page } from '../../components/Page.js';
import { stateOf } from '../../components/PageState.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText, timeText } from '../../lib/format.js';
import { useSelection } from '../../lib/selection.js';
import { ValueStatusTag } from '../review/parts.js';
import { m } from './messages.js';
import { MilestoneSteps } from './Milestones.js';
import { FlagTags, isMonth, wan } from './parts.js';
import type { ProjectDetail, ProjectHistoryEntry } from './types.js';

type Key = Parameters<ReturnType<typeof useT<keyof typeof m.zh>>>[0];

function MonthsChart({ months }: { months: ProjectDetail['months'] }) {
  const t = useT(m);
  const { lang } = useLang();
  const shown = months.filter((x) => x.completedYtd !== null);
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: 70, right: 16, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: shown.map((x) => periodText(x.period, lang)) },
      yAxis: { type: 'value', name: lang === 'zh' ? '万元' : '10k yuan' },
      // Exact decimal strings from the API: drawn as numbers, never summed here.
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data: shown.map((x) => Number(x.completedYtd)),
          itemStyle: { color: '#0958d9' },
        },
      ],
    }),
    [shown, lang],
  );
  if (shown.length === 0) return <Empty description={t('chartEmpty')} />;
  const label = `${t('chartTitle')}: ${shown.map((x) => `${periodText(x.period, lang)} ${wan(x.completedYtd)}`).join(',')}`;
  return <Chart option={option} height={240} label={label} />;
}

function History({ history }: { history: ProjectHistoryEntry[] }) {
  const t = useT(m);
  const { lang } = useLang();
  const action = (a: string) => {
    const key = `action.${a}` as Key;
    return key in m.zh ? t(key) : a;
  };
  const columns: ColumnsType<ProjectHistoryEntry & { key: number }> = [
    { title: t('when'), key: 'at', width: 140, render: (_, h) => timeText(h.at) },
    { title: t('who'), key: 'actor', width: 120, render: (_, h) => <Data>{h.actor}</Data> },
    {
      title: t('action'),
      key: 'action',
      width: 170,
      render: (_, h) => (
        <Flex vertical gap={2}>
          <span>
            {periodText(h.period, lang)} · {action(h.action)}
          </span>
          <ValueStatusTag status={h.status} />
        </Flex>
      ),
    },
    {
      title: t('changes'),
      key: 'changes',
      render: (_, h) =>
        h.changes.length === 0
          ? '—'
          : h.changes.map((c) => (
              <div key={c.field}>
                <Data>{c.label}</Data>: <Data>{c.old ?? '—'}</Data> →{' '}
                <strong>
                  <Data>{c.new ?? '—'}</Data>
                </strong>
              </div>
            )),
    },
    {
      title: t('why'),
      key: 'reason',
      width: 160,
      render: (_, h) => <Data>{h.reason ?? '—'}</Data>,
    },
  ];
  return (
    <Table
      size="small"
      columns={columns}
      dataSource={history.map((h, key) => ({ ...h, key }))}
      pagination={false}
      locale={{ emptyText: t('historyEmpty') }}
      data-testid="project-history"
    />
  );
}

function Project({ id, period }: { id: string; period: string }) {
  const t = useT(m);
  const { search } = useSelection();
  const q = useApi<ProjectDetail>(`/projects/${encodeURIComponent(id)}`, {
    period: isMonth(period) ? period : undefined,
  });
  const state = stateOf(q);
  if (state) return state;
  const { project: p, months, history } = q.data!;
  const text = (x: string | null) => (x ? <Data>{x}</Data> : '—');
  return (
    <>
      <SyntheticBanner synthetic={p.synthetic} />
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        data-testid="project-header"
        title={
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="project-name">
            <Data>{p.name}</Data>
          </Typography.Title>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'company', label: t('company'), children: text(p.company) },
            {
              key: 'county',
              label: t('county'),
              children: (
                <Link to={`/counties/${p.county}${search}`}>
                  <Data>{p.countyName}</Data>
                </Link>
              ),
            },
            { key: 'industry', label: t('industry'), children: text(p.industry) },
            { key: 'type', label: t('type'), children: text(p.typeLabel) },
            { key: 'leader', label: t('leader'), children: text(p.leader) },
            { key: 'status', label: t('status'), children: <ValueStatusTag status={p.status} /> },
            { key: 'total', label: t('total'), children: wan(p.totalInvestment) },
            { key: 'planned', label: t('planned'), children: wan(p.plannedThisYear) },
            { key: 'completed', label: t('completed'), children: wan(p.completedYtd) },
            {
              key: 'flags',
              label: t('flags'),
              children: p.flags.length ? <FlagTags flags={p.flags} /> : '—',
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('milestones')} style={{ marginBottom: 12 }}>
        <MilestoneSteps steps={p.milestones} />
      </Card>
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Card
          size="small"
          title={t('chartTitle')}
          style={{ flex: '2 1 480px' }}
          data-testid="project-chart"
        >
          <MonthsChart months={months} />
        </Card>
        <Card size="small" title={t('progress')} style={{ flex: '1 1 300px' }}>
          <Typography.Paragraph data-testid="project-progress">
            {text(p.progress)}
          </Typography.Paragraph>
          <Typography.Title level={5} style={{ fontSize: 14 }}>
            {t('problems')}
          </Typography.Title>
          <Typography.Paragraph data-testid="project-problems">
            {text(p.problems)}
          </Typography.Paragraph>
        </Card>
      </Flex>
      <Card size="small" title={t('history')}>
        <History history={history} />
      </Card>
    </>
  );
}

export default function ProjectPage() {
  const { id = '' } = useParams();
  const t = useT(m);
  return (
    <Page
      view="projects"
      title={t('detail')}
      crumbs={[{ title: t('crumb'), to: '/projects' }, { title: t('detail') }]}
    >
      {(sel) => <Project key={`${id}|${sel.period}`} id={id} period={sel.period} />}
    </Page>
  );
}
