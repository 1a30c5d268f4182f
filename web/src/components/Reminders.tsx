import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Drawer, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { useApi } from '../api/queries.js';
import { useUser } from '../api/session.js';
import { defineMessages, useLang, useT } from '../i18n/index.js';
import { periodText, timeText } from '../lib/format.js';
import { Data } from './Data.js';
import { PageState } from './PageState.js';

/** A reminder (催报) as GET /api/reminders answers it. */
export interface Reminder {
  id: number;
  plan: string;
  period: string;
  region: string;
  regionName: string;
  due: string;
  missing: number;
  note: string | null;
  sentBy: string;
  senderName: string;
  sentAt: string;
  auto: boolean;
  readBy: string | null;
  readAt: string | null;
}

export interface ReminderPage {
  total: number;
  unread: number;
  offset: number;
  limit: number;
  items: Reminder[];
}

const m = defineMessages({
  zh: {
    button: '催报',
    buttonLabel: '催报提醒,{n} 条未读',
    title: '催报提醒',
    empty: '还没有收到催报:上级催报或截止日期后系统自动催报时,会显示在这里。',
    item: '{period}的数据:截止日期 {due},缺报 {n} 项',
    sender: '催报人:',
    at: '时间 {at}',
    system: '系统(截止日期后自动)',
    unread: '未读',
    note: '备注:',
    noticeTitle: '您有 {n} 条未读的催报',
    noticeBody: '上级提醒您尽快报送缺报的数据。',
    show: '查看',
    markRead: '知道了',
    onEntry: '催报:{period}的数据已过截止日期 {due},催报时缺报 {n} 项',
  },
  en: {
    button: 'Reminders',
    buttonLabel: 'Reminders, {n} unread',
    title: 'Reminders',
    empty:
      'No reminders yet: reminders from your prefecture or the province, and the automatic ones after a due date, appear here.',
    item: 'Data of {period}: due {due}, {n} values missing',
    sender: 'Sent by ',
    at: 'at {at}',
    system: 'the system (automatic, after the due date)',
    unread: 'unread',
    note: 'Note: ',
    noticeTitle: 'You have {n} unread reminders',
    noticeBody: 'You are asked to report the missing values soon.',
    show: 'Show',
    markRead: 'Mark as read',
    onEntry: 'Reminder: data of {period} were due on {due}; {n} values were missing when reminded',
  },
});

/** Marks the county's reminders read, then refreshes every reminder query. */
function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ marked: number }>('/reminders/read', { method: 'POST', body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['/reminders'] }),
  });
}

function Sender({ r }: { r: Reminder }) {
  const t = useT(m);
  return (
    <>
      {t('sender')}
      {r.auto ? t('system') : <Data>{r.senderName}</Data>}
      {' · '}
      {t('at', { at: timeText(r.sentAt) })}
    </>
  );
}

function Item({ r }: { r: Reminder }) {
  const t = useT(m);
  const { lang } = useLang();
  return (
    <List.Item data-testid="reminder-item">
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Space size={6} wrap>
          <strong>
            {t('item', { period: periodText(r.period, lang), due: r.due, n: r.missing })}
          </strong>
          {r.readAt === null && <Tag color="red">{t('unread')}</Tag>}
        </Space>
        <Typography.Text type="secondary">
          <Sender r={r} />
        </Typography.Text>
        {r.note && (
          <span>
            {t('note')}
            <Data>{r.note}</Data>
          </span>
        )}
      </Space>
    </List.Item>
  );
}

/** The header's badge for county users: unread reminders; a click lists them and marks them read. */
export function ReminderBadge() {
  const user = useUser();
  return user.role === 'county' ? <CountyBadge username={user.username} /> : null;
}

function CountyBadge({ username }: { username: string }) {
  const t = useT(m);
  const { notification } = App.useApp();
  const q = useApi<ReminderPage>('/reminders', { limit: 50 });
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  const unread = q.data?.unread ?? 0;
  const show = () => {
    setOpen(true);
    notification.destroy('reminders');
    if (unread > 0) markRead.mutate();
  };
  // The notice after signing in: once for each newest unread reminder, not on every page.
  const newest = q.data?.items.find((r) => r.readAt === null)?.id;
  useEffect(() => {
    if (!newest) return;
    const key = `leitai.reminders.noticed.${username}`;
    try {
      if (Number(sessionStorage.getItem(key)) >= newest) return;
      sessionStorage.setItem(key, String(newest));
    } catch {
      // No storage: the badge still shows them.
    }
    notification.warning({
      key: 'reminders',
      message: t('noticeTitle', { n: unread }),
      description: t('noticeBody'),
      placement: 'bottomRight',
      duration: 0,
      btn: (
        <Button type="primary" size="small" onClick={show} data-testid="reminder-notice-show">
          {t('show')}
        </Button>
      ),
      props: { 'data-testid': 'reminder-notice' } as object,
    });
    // Once per newest unread reminder, not on every render.
  }, [newest]);
  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined />}
          onClick={show}
          aria-label={t('buttonLabel', { n: unread })}
          data-testid="reminder-badge"
        >
          {t('button')}
        </Button>
      </Badge>
      <Drawer title={t('title')} open={open} onClose={() => setOpen(false)} width={420}>
        {q.isError ? (
          <PageState error={q.error} onRetry={() => void q.refetch()} />
        ) : (q.data?.items.length ?? 0) === 0 ? (
          <PageState empty={t('empty')} />
        ) : (
          <List
            dataSource={q.data!.items}
            renderItem={(r) => <Item r={r} />}
            data-testid="reminder-list"
          />
        )}
      </Drawer>
    </>
  );
}

/**
 * The reminders of one plan's period shown on /entry: what the county was reminded of, by
 * whom and when, with the note; nothing for other roles or when there is none.
 */
export function ReminderNotice({ plan, period }: { plan: string; period: string }) {
  const user = useUser();
  return user.role === 'county' ? <CountyNotice plan={plan} period={period} /> : null;
}

function CountyNotice({ plan, period }: { plan: string; period: string }) {
  const t = useT(m);
  const { lang } = useLang();
  const q = useApi<ReminderPage>('/reminders', { plan, period, limit: 5 });
  const markRead = useMarkRead();
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  const latest = items[0]!;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="reminder-notice-entry"
      message={t('onEntry', {
        period: periodText(latest.period, lang),
        due: latest.due,
        n: latest.missing,
      })}
      description={
        <Space direction="vertical" size={2}>
          {items.map((r) => (
            <span key={r.id}>
              <Sender r={r} />
              {r.note && (
                <>
                  {' · '}
                  {t('note')}
                  <Data>{r.note}</Data>
                </>
              )}
            </span>
          ))}
        </Space>
      }
      action={
        items.some((r) => r.readAt === null) ? (
          <Button size="small" onClick={() => markRead.mutate()} loading={markRead.isPending}>
            {t('markRead')}
          </Button>
        ) : undefined
      }
    />
  );
}
