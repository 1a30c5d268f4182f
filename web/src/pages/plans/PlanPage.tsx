import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useParams, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { ListTable } from '../../components/ListTable.js';
import { Page } from '../../components/Page.js';
import { stateOf } from '../../components/PageState.js';
import { useT } from '../../i18n/index.js';
import { dateText } from '../../lib/format.js';
import type { ExportColumn } from '../../lib/export.js';
import { m } from './messages.js';
import {
  deadlineText,
  UnitList,
  useAttributeWords,
  usePeriodWords,
  useScopeWords,
} from './parts.js';
import { PlanEditor } from './PlanEditor.js';
import { usePlanList } from './PlansPage.js';
import type { PlanView, Task } from './types.js';

type TargetRow = PlanView['targets'][number] & { key: number };
type CategoryRow = PlanView['categories'][number];

const SECONDARY = '#595959';

function Targets({ plan }: { plan: PlanView }) {
  const t = useT(m);
  const scope = useScopeWords(plan.categories);
  const attribute = useAttributeWords();
  const rows: TargetRow[] = plan.targets.map((x, key) => ({ ...x, key }));
  const tableWord = (x: TargetRow) =>
    x.table === 'province' ? t('tableProvince') : t('tableCounty');
  const columns: ColumnsType<TargetRow> = [
    { title: t('table'), key: 'table', width: 120, render: (_, x) => tableWord(x) },
    { title: t('no'), dataIndex: 'no', key: 'no', width: 56, align: 'right' },
    {
      title: t('indicator'),
      key: 'indicator',
      width: 220,
      render: (_, x) => <Data>{x.unit ? `${x.name}(${x.unit})` : x.name}</Data>,
    },
    { title: t('scope'), key: 'scope', width: 110, render: (_, x) => scope.node(x.scope) },
    { title: t('year'), dataIndex: 'year', key: 'year', width: 64 },
    {
      title: t('phrase'),
      key: 'phrase',
      width: 150,
      render: (_, x) => (
        <Data>
          <strong>{x.phrase}</strong>
          {x.printed && (
            <div style={{ fontSize: 12, color: SECONDARY }}>{x.printed}</div>
          )}
        </Data>
      ),
    },
    { title: t('reading'), key: 'reading', render: (_, x) => <Data>{x.reading}</Data> },
    { title: t('attribute'), key: 'attribute', width: 90, render: (_, x) => attribute(x.attribute) },
    {
      title: t('departments'),
      key: 'departments',
      width: 160,
      render: (_, x) => <UnitList units={x.departments} none={t('notListed')} />,
    },
  ];
  const exportColumns: ExportColumn<TargetRow>[] = [
    { title: t('table'), value: tableWord },
    { title: t('no'), value: (x) => x.no },
    { title: t('indicator'), value: (x) => x.name },
    { title: t('unit'), value: (x) => x.unit },
    { title: t('scope'), value: (x) => scope.text(x.scope) },
    { title: t('year'), value: (x) => x.year },
    { title: t('phrase'), value: (x) => x.printed ?? x.phrase },
    { title: t('reading'), value: (x) => x.reading },
    { title: t('attribute'), value: (x) => attribute(x.attribute) },
    { title: t('departments'), value: (x) => x.departments.join('、') },
    { title: t('baseline'), value: (x) => x.baseline?.printed },
  ];
  return (
    <>
      {plan.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('problemsTitle', { n: plan.problems.length })}
          description={
            <ul style={{ margin: 0 }}>
              {plan.problems.map((p, i) => (
                <li key={i}>
                  <Data>
                    「{p.value}」 {p.reason}
                  </Data>
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        <ExportButton
          fileName={`${t('exportTargets')}-${plan.id}`}
          disabled={rows.length === 0}
          sheet={() => ({
            name: t('exportTargets'),
            caption: [plan.title],
            columns: exportColumns,
            rows,
          })}
        />
      </Flex>
      <ListTable
        rows={rows}
        columns={columns}
        empty={t('emptyTargets')}
        width={1150}
        paged
        testId="plan-targets"
      />
    </>
  );
}

function Categories({ plan }: { plan: PlanView }) {
  const t = useT(m);
  const columns: ColumnsType<CategoryRow> = [
    { title: t('category'), key: 'name', width: 110, render: (_, c) => <Data>{c.name}</Data> },
    { title: t('printedRule'), key: 'printed', render: (_, c) => <Data>{c.printed}</Data> },
    {
      title: t('ruleReading'),
      key: 'reading',
      render: (_, c) => (
        <Data>
          {c.name}:{c.reading}
        </Data>
      ),
    },
  ];
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        <ExportButton
          fileName={`${t('exportCategories')}-${plan.id}`}
          disabled={plan.categories.length === 0}
          sheet={() => ({
            name: t('exportCategories'),
            caption: [plan.title],
            columns: [
              { title: t('category'), value: (c: CategoryRow) => c.name },
              { title: t('printedRule'), value: (c: CategoryRow) => c.printed },
              { title: t('ruleReading'), value: (c: CategoryRow) => c.reading },
            ],
            rows: plan.categories,
          })}
        />
      </Flex>
      <ListTable
        rows={plan.categories}
        columns={columns}
        rowKey="code"
        empty={t('emptyCategories')}
        width={800}
        testId="plan-categories"
      />
    </>
  );
}

function Tasks({ plan }: { plan: PlanView }) {
  const t = useT(m);
  const columns: ColumnsType<Task> = [
    { title: t('no'), dataIndex: 'no', key: 'no', width: 56, align: 'right' },
    {
      title: t('taskTitle'),
      key: 'title',
      render: (_, x) => (
        <Data>
          <strong>{x.title}</strong>
          {x.text && x.text !== x.title && (
            <div
              style={{ fontSize: 12, color: SECONDARY, maxWidth: 620 }}
              title={x.text}
              className="plan-task-text"
            >
              {x.text.length > 120 ? `${x.text.slice(0, 120)}…` : x.text}
            </div>
          )}
        </Data>
      ),
    },
    {
      title: t('lead'),
      key: 'lead',
      width: 150,
      render: (_, x) => <UnitList units={x.lead} none={t('notListed')} />,
    },
    {
      title: t('cooperating'),
      key: 'cooperating',
      width: 170,
      render: (_, x) => <UnitList units={x.cooperating} none={t('notListed')} />,
    },
    {
      title: t('deadline'),
      key: 'deadline',
      width: 110,
      render: (_, x) => {
        const d = deadlineText(x.deadline);
        return d ? <Data>{d}</Data> : <span style={{ color: SECONDARY }}>{t('notListed')}</span>;
      },
    },
  ];
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        <ExportButton
          fileName={`${t('exportTasks')}-${plan.id}`}
          disabled={plan.tasks.length === 0}
          sheet={() => ({
            name: t('exportTasks'),
            caption: [plan.title],
            columns: [
              { title: t('no'), value: (x: Task) => x.no },
              { title: t('taskTitle'), value: (x: Task) => x.title },
              { title: t('taskText'), value: (x: Task) => x.text },
              { title: t('lead'), value: (x: Task) => x.lead.join('、') },
              { title: t('cooperating'), value: (x: Task) => x.cooperating.join('、') },
              { title: t('deadline'), value: (x: Task) => deadlineText(x.deadline) },
            ],
            rows: plan.tasks,
          })}
        />
      </Flex>
      <ListTable
        rows={plan.tasks}
        columns={columns}
        rowKey="no"
        empty={t('emptyTasks')}
        width={1000}
        paged
        testId="plan-tasks"
      />
    </>
  );
}

function SettingsWords({ plan }: { plan: PlanView }) {
  const t = useT(m);
  const s = plan.settings ?? {};
  const dflt = (set: boolean) => (set ? '' : t('dflt'));
  const r = (s.ranking ?? {}) as {
    normalise?: string;
    aggregate?: string;
    missing?: string;
    top?: number;
    improved?: number;
    sections?: Record<string, number>;
  };
  const inc = s.incentives as
    | { rule: 'proportional'; threshold?: number }
    | { rule: 'tiered'; tiers: { ranks: [number, number]; share: number }[] }
    | undefined;
  const key = <K extends string>(k: K) => k as Parameters<typeof t>[0];
  const items = [
    {
      key: 'due',
      label: t('settingDue'),
      children: t('settingDueText', { day: s.dueDay ?? 10, dflt: dflt(s.dueDay !== undefined) }),
    },
    {
      key: 'tolerance',
      label: t('settingTolerance'),
      children: t('settingToleranceText', {
        percent: s.tolerance?.percent ?? 0.5,
        relative: (s.tolerance?.relative ?? 0.02) * 100,
        dflt: dflt(s.tolerance !== undefined),
      }),
    },
    {
      key: 'ranking',
      label: t('settingRanking'),
      children: t('settingRankingText', {
        normalise: t(key(`normalise.${r.normalise ?? 'target'}`)),
        aggregate: t(key(`aggregate.${r.aggregate ?? 'arith'}`)),
        missing: t(key(`missing.${r.missing ?? 'floor'}`)),
        top: r.top ?? 10,
        improved: r.improved ?? 5,
        dflt: dflt(s.ranking !== undefined),
      }),
    },
    {
      key: 'weights',
      label: t('settingWeights'),
      children:
        r.sections && Object.keys(r.sections).length > 0 ? (
          <Data>
            {Object.entries(r.sections)
              .map(([k, v]) => `${k} ${v}`)
              .join('、')}
          </Data>
        ) : (
          t('settingWeightsNone')
        ),
    },
    {
      key: 'incentives',
      label: t('settingIncentives'),
      children: !inc
        ? t('settingIncentivesNone')
        : inc.rule === 'proportional'
          ? t('settingIncentivesProportional', { threshold: inc.threshold ?? 100 })
          : t('settingIncentivesTiered', {
              tiers: inc.tiers
                .map((x) =>
                  t('settingTier', {
                    from: x.ranks[0],
                    to: x.ranks[1],
                    share: Math.round(x.share * 1000) / 10,
                  }),
                )
                .join('; '),
            }),
    },
    {
      key: 'warnings',
      label: t('settingWarnings'),
      children: Array.isArray(s.warnings)
        ? t('settingWarningsCustom', { n: s.warnings.length })
        : s.warnings
          ? t('settingWarningsCustom', { n: Object.keys(s.warnings as object).length })
          : t('settingWarningsDefault'),
    },
  ];
  return <Descriptions column={1} bordered size="small" items={items} data-testid="plan-settings" />;
}

function PlanBody({ id }: { id: string }) {
  const t = useT(m);
  const user = useUser();
  const q = useApi<PlanView>(`/plans/${encodeURIComponent(id)}`);
  const list = usePlanList();
  const periodWords = usePeriodWords();
  const [search, setSearch] = useSearchParams();
  const editing = user.role === 'province' && search.get('edit') === '1';
  const state = stateOf(q);
  if (state) return state;
  const plan = q.data!;
  const setEdit = (on: boolean) => {
    if (on) search.set('edit', '1');
    else search.delete('edit');
    setSearch(search);
  };
  return (
    <>
      {editing && list.data && (
        <PlanEditor
          key={plan.updatedAt ?? plan.id}
          plans={list.data}
          base={plan}
          onClose={() => setEdit(false)}
        />
      )}
      <Flex justify="space-between" align="flex-start" gap={12} style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={3}
          data-testid="plan-meta"
          items={[
            { key: 'id', label: t('id'), children: plan.id },
            { key: 'issuer', label: t('issuer'), children: <Data>{plan.issuer}</Data> },
            { key: 'issued', label: t('issued'), children: plan.issued },
            { key: 'period', label: t('period'), children: periodWords(plan.period) },
            {
              key: 'kind',
              label: t('kind'),
              children: (
                <Tag color={plan.builtin ? 'default' : 'blue'}>
                  {plan.builtin ? t('builtin') : t('custom')}
                </Tag>
              ),
            },
            { key: 'updated', label: t('updatedAt'), children: dateText(plan.updatedAt) },
            {
              key: 'source',
              label: t('source'),
              span: 3,
              children: <Data>{plan.source}</Data>,
            },
          ]}
        />
        {user.role === 'province' && !editing && (
          <Button icon={<EditOutlined />} onClick={() => setEdit(true)} data-testid="edit-plan">
            {t('edit')}
          </Button>
        )}
      </Flex>
      <Tabs
        items={[
          {
            key: 'targets',
            label: t('tabTargets', { n: plan.targets.length }),
            children: <Targets plan={plan} />,
          },
          {
            key: 'categories',
            label: t('tabCategories', { n: plan.categories.length }),
            children: <Categories plan={plan} />,
          },
          {
            key: 'tasks',
            label: t('tabTasks', { n: plan.tasks.length }),
            children: <Tasks plan={plan} />,
          },
          { key: 'settings', label: t('tabSettings'), children: <SettingsWords plan={plan} /> },
        ]}
      />
    </>
  );
}

export default function PlanPage() {
  const t = useT(m);
  const { id = '' } = useParams();
  const q = useApi<PlanView>(`/plans/${encodeURIComponent(id)}`);
  return (
    <Page
      view="plans"
      needs="nothing"
      title={q.data ? <Data>{q.data.title}</Data> : t('title')}
      crumbs={[{ title: t('title'), to: '/plans' }, { title: id }]}
    >
      {() => <PlanBody id={id} />}
    </Page>
  );
}
