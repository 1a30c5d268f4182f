import { Descriptions, Drawer, List, Typography } from 'antd';
import { useApi } from '../../api/queries.js';
import { Data } from '../../components/Data.js';
import { stateOf } from '../../components/PageState.js';
import { SECONDARY } from '../../components/regions.js';
import { useT } from '../../i18n/index.js';
import { timeText } from '../../lib/format.js';
import { m } from './messages.js';
import { TaskStatusTag } from './parts.js';
import type { StoredReport, TaskDetail, TaskItem } from './types.js';

function Reports({ task }: { task: TaskItem }) {
  const t = useT(m);
  const q = useApi<TaskDetail>(`/tasks/${encodeURIComponent(task.plan)}/${task.no}`);
  const state = stateOf(q);
  if (state) return state;
  return (
    <List<StoredReport>
      size="small"
      dataSource={q.data!.reports}
      locale={{ emptyText: t('reportsEmpty') }}
      data-testid="task-reports"
      renderItem={(r) => (
        <List.Item>
          <div>
            <div>
              <strong>{r.date}</strong>
              {r.percent !== null && ` · ${r.percent}%`}
              {r.done && (
                <span style={{ marginInlineStart: 8 }}>
                  <TaskStatusTag status="done" />
                </span>
              )}
            </div>
            <Data>{r.text}</Data>
            {r.evidence && (
              <div style={{ color: SECONDARY, fontSize: 12 }}>
                {t('evidence')}: <Data>{r.evidence}</Data>
              </div>
            )}
            <div style={{ color: SECONDARY, fontSize: 12 }}>
              <Data>{r.department}</Data> · <Data>{r.actor}</Data> · {timeText(r.at)}
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

/** A task in full, and every progress report on it. */
export function TaskDrawer({ task, onClose }: { task: TaskItem | null; onClose: () => void }) {
  const t = useT(m);
  return (
    <Drawer
      open={!!task}
      onClose={onClose}
      size={560}
      destroyOnHidden
      title={task ? t('drawerTitle', { no: task.no }) : ''}
      data-testid="task-drawer"
    >
      {task && (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'task', label: t('text_'), children: <Data>{task.text ?? task.title}</Data> },
              {
                key: 'status',
                label: t('status'),
                children: <TaskStatusTag status={task.status} />,
              },
              { key: 'lead', label: t('lead'), children: <Data>{task.lead.join('、')}</Data> },
              {
                key: 'co',
                label: t('cooperating'),
                children: <Data>{task.cooperating.join('、') || '—'}</Data>,
              },
              {
                key: 'deadline',
                label: t('deadline'),
                children: <Data>{task.deadlineLabel}</Data>,
              },
            ]}
          />
          <Typography.Title level={5}>{t('reports')}</Typography.Title>
          <Reports task={task} />
        </>
      )}
    </Drawer>
  );
}
