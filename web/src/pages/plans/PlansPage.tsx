import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { ListTable } from '../../components/ListTable.js';
import { Page } from '../../components/Page.js';
import { stateOf } from '../../components/PageState.js';
import { useT } from '../../i18n/index.js';
import { dateText } from '../../lib/format.js';
import { m } from './messages.js';
import { usePeriodWords } from './parts.js';
import { PlanEditor } from './PlanEditor.js';
import type { PlanListItem } from './types.js';

export const usePlanList = () => useApi<PlanListItem[]>('/plans');

function PlanList() {
  const t = useT(m);
  const user = useUser();
  const q = usePlanList();
  const periodWords = usePeriodWords();
  const [search, setSearch] = useSearchParams();
  const creating = user.role === 'province' && search.get('new') === '1';
  const state = stateOf(q);
  if (state) return state;
  const plans = q.data!;
  const columns: ColumnsType<PlanListItem> = [
    {
      title: t('plan'),
      key: 'title',
      render: (_, p) => (
        <Link to={`/plans/${p.id}`}>
          <Data>{p.title}</Data>
        </Link>
      ),
    },
    { title: t('id'), dataIndex: 'id', key: 'id', width: 110 },
    {
      title: t('issuer'),
      key: 'issuer',
      width: 220,
      render: (_, p) => <Data>{p.issuer}</Data>,
    },
    { title: t('issued'), dataIndex: 'issued', key: 'issued', width: 110 },
    { title: t('period'), key: 'period', width: 110, render: (_, p) => periodWords(p.period) },
    { title: t('targets'), dataIndex: 'targets', key: 'targets', width: 80, align: 'right' },
    { title: t('tasks'), dataIndex: 'tasks', key: 'tasks', width: 80, align: 'right' },
    {
      title: t('kind'),
      key: 'builtin',
      width: 80,
      render: (_, p) => (
        <Tag color={p.builtin ? 'default' : 'blue'}>{p.builtin ? t('builtin') : t('custom')}</Tag>
      ),
    },
  ];
  return (
    <>
      {creating && (
        <PlanEditor
          plans={plans}
          onClose={() => {
            search.delete('new');
            setSearch(search);
          }}
        />
      )}
      <Flex justify="flex-end" gap={8} style={{ marginBottom: 8 }}>
            {user.role === 'province' && !creating && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  search.set('new', '1');
                  setSearch(search);
                }}
              >
                {t('newPlan')}
              </Button>
            )}
            <ExportButton
              fileName={t('exportPlans')}
              disabled={plans.length === 0}
              sheet={() => ({
                name: t('exportPlans'),
                caption: [t('title')],
                columns: [
                  { title: t('plan'), value: (p: PlanListItem) => p.title },
                  { title: t('id'), value: (p: PlanListItem) => p.id },
                  { title: t('issuer'), value: (p: PlanListItem) => p.issuer },
                  { title: t('issued'), value: (p: PlanListItem) => p.issued },
                  { title: t('period'), value: (p: PlanListItem) => periodWords(p.period) },
                  { title: t('targets'), value: (p: PlanListItem) => p.targets },
                  { title: t('tasks'), value: (p: PlanListItem) => p.tasks },
                  {
                    title: t('kind'),
                    value: (p: PlanListItem) => (p.builtin ? t('builtin') : t('custom')),
                  },
                  { title: t('updatedAt'), value: (p: PlanListItem) => dateText(p.updatedAt) },
                ],
                rows: plans,
              })}
            />
      </Flex>
      <ListTable
        rows={plans}
        columns={columns}
        rowKey="id"
        empty={t('emptyPlans')}
        width={1000}
        testId="plans"
      />
    </>
  );
}

export default function PlansPage() {
  const t = useT(m);
  return (
    <Page view="plans" title={t('title')} needs="nothing">
      {() => <PlanList />}
    </Page>
  );
}
