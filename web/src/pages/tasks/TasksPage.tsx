import { Button, Card, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useApi } from '../../api/queries.js';
import { Data } from '../../components/Data.js';
import { BadFilters, FilterBar, FilterSelect, useUrlFilters } from '../../components/filters.js';
import { Page } from '../../components/Page.js';
import { PageState, stateOf } from '../../components/PageState.js';
import { SECONDARY } from '../../components/regions.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { useT } from '../../i18n/index.js';
import { m } from './messages.js';
import { TaskStatusTag } from './parts.js';
import { ReportDialog } from './ReportDialog.js';
import { TaskDrawer } from './TaskDrawer.js';
import { TASK_STATUSES } from '../../../../src/core/tasks/types.js';
import type { TaskItem, TaskList } from './types.js';

const FILTERS = ['department', 'status'] as const;

/** The tasks by their first lead unit; a unit with an overdue task comes first (the API's order within). */
function groups(items: TaskItem[]): { lead: string; items: TaskItem[] }[] {
  const by = new Map<string, TaskItem[]>();
  for (const i of items) {
    const lead = i.lead[0] ?? '';
    by.set(lead, [...(by.get(lead) ?? []), i]);
  }
  const overdue = (g: TaskItem[]) => (g.some((i) => i.status === 'overdue') ? 0 : 1);
  return [...by]
    .map(([lead, list]) => ({ lead, items: list }))
    .sort((a, b) => overdue(a.items) - overdue(b.items));
}

function useColumns(open: (t: TaskItem) => void, report: (t: TaskItem) => void) {
  const t = useT(m);
  const columns: ColumnsType<TaskItem> = [
    { title: t('no'), dataIndex: 'no', width: 56, align: 'right' },
    {
      title: t('task'),
      key: 'task',
      render: (_, i) => (
        <Flex vertical gap={2}>
          <Data>{i.title}</Data>
          {i.goals.length > 0 && (
            <span style={{ fontSize: 12, color: SECONDARY }}>
              {t('goals')}: <Data>{i.goals.map((g) => g.printed).join(';')}</Data>
            </span>
          )}
          {i.cooperating.length > 0 && (
            <span style={{ fontSize: 12, color: SECONDARY }}>
              {t('cooperating')}: <Data>{i.cooperating.join('、')}</Data>
            </span>
          )}
        </Flex>
      ),
    },
    {
      title: t('deadline'),
      key: 'deadline',
      width: 130,
      render: (_, i) => (
        <Flex vertical>
          <Data>{i.deadlineLabel}</Data>
          {i.dueDate && (
            <span style={{ fontSize: 12, color: SECONDARY }}>{t('due', { date: i.dueDate })}</span>
          )}
        </Flex>
      ),
    },
    {
      title: t('status'),
      key: 'status',
      width: 110,
      render: (_, i) => (
        <Flex vertical gap={2} align="start">
          <TaskStatusTag status={i.status} />
          {i.occurrences && (
            <span style={{ fontSize: 12, color: SECONDARY }}>
              {t('occurrences', i.occurrences)}
            </span>
          )}
        </Flex>
      ),
    },
    {
      title: t('lastReport'),
      key: 'last',
      width: 260,
      render: (_, i) =>
        i.lastReport ? (
          <Flex vertical>
            <span style={{ fontSize: 12, color: SECONDARY }}>
              {i.lastReport.date}
              {i.percent !== null && ` · ${i.percent}%`}
            </span>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              <Data>{i.lastReport.text}</Data>
            </Typography.Paragraph>
          </Flex>
        ) : (
          <span style={{ color: SECONDARY }}>{t('noReport')}</span>
        ),
    },
    {
      title: '',
      key: 'actions',
      width: 150,
      render: (_, i) => (
        <Flex gap={4} wrap>
          <Button size="small" onClick={() => open(i)} data-testid={`task-open-${i.no}`}>
            {t('details')}
          </Button>
          {i.mayReport && (
            <Button
              size="small"
              type="primary"
              onClick={() => report(i)}
              data-testid={`task-report-${i.no}`}
            >
              {t('report')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];
  return columns;
}

function Ledger({ plan }: { plan: string }) {
  const t = useT(m);
  const filters = useUrlFilters(FILTERS);
  const { valid, bad } = filters.check({
    department: () => true,
    status: (s) => (TASK_STATUSES as readonly string[]).includes(s),
  });
  const q = useApi<TaskList>('/tasks', {
    plan,
    department: valid.department,
    status: valid.status,
  });
  const [open, setOpen] = useState<TaskItem | null>(null);
  const [reporting, setReporting] = useState<TaskItem | null>(null);
  const columns = useColumns(setOpen, setReporting);
  const grouped = useMemo(() => groups(q.data?.items ?? []), [q.data]);
  const state = stateOf(q);
  if (state) return state;
  const data = q.data!;
  const overdue = data.items.filter((i) => i.status === 'overdue').length;
  return (
    <>
      <SyntheticBanner synthetic={data.synthetic} />
      <BadFilters bad={bad} onClear={filters.clear} />
      <FilterBar
        filters={filters}
        shown={
          <Typography.Text data-testid="shown">
            {t('shown', { n: data.items.length, overdue })} · {t('today', { date: data.today })}
          </Typography.Text>
        }
      >
        <FilterSelect
          label={t('lead')}
          all={t('allDepartments')}
          value={valid.department}
          options={data.departments.map((d) => ({ value: d, label: <Data>{d}</Data> }))}
          onChange={(x) => filters.set({ department: x })}
          width={200}
          wide
          testId="filter-department"
        />
        <FilterSelect
          label={t('status')}
          all={t('allStatuses')}
          value={valid.status}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(x) => filters.set({ status: x })}
          width={130}
          testId="filter-status"
        />
      </FilterBar>
      {grouped.length === 0 && <PageState empty={filters.any ? t('emptyFiltered') : t('empty')} />}
      {grouped.map((g) => (
        <Card
          key={g.lead}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <span>
              {g.lead ? <Data>{g.lead}</Data> : t('noLead')}{' '}
              <span style={{ fontWeight: 400, color: SECONDARY }}>
                {t('tasksIn', { n: g.items.length })}
              </span>
            </span>
          }
          data-testid="task-group"
        >
          <Table<TaskItem>
            size="small"
            rowKey="no"
            tableLayout="fixed"
            columns={columns}
            dataSource={g.items}
            pagination={false}
            scroll={{ x: 900 }}
            data-testid="tasks-table"
          />
        </Card>
      ))}
      <TaskDrawer task={open} onClose={() => setOpen(null)} />
      {reporting && (
        <ReportDialog task={reporting} today={data.today} onClose={() => setReporting(null)} />
      )}
    </>
  );
}

export default function TasksPage() {
  const t = useT(m);
  return (
    <Page view="tasks" title={t('title')} needs="plan">
      {(sel) => <Ledger key={sel.plan} plan={sel.plan} />}
    </Page>
  );
}
