import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../api/client.js';
import { useApi } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import {
  BULLETIN_FORMATS,
  FORMAT_NAMES,
  useFileDownload,
} from '../../components/BulletinDownload.js';
import { Data } from '../../components/Data.js';
import { ListTable } from '../../components/ListTable.js';
import { Page } from '../../components/Page.js';
import { stateOf, useErrorText } from '../../components/PageState.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText, timeText } from '../../lib/format.js';
import { m } from './messages.js';
import type { StoredBulletin, StoredBulletins } from './types.js';

const LIST = '/bulletins/stored';

/** The ids of the newest version of each period and scope: the rows that offer 重新生成. */
function newestIds(items: readonly StoredBulletin[]): Set<number> {
  const newest = new Map<string, StoredBulletin>();
  for (const b of items) {
    const key = `${b.period}|${b.scope}`;
    const seen = newest.get(key);
    if (!seen || b.version > seen.version) newest.set(key, b);
  }
  return new Set([...newest.values()].map((b) => b.id));
}

/** 重新生成 with a confirmation; the list is asked for again once the new version is stored. */
function useRegenerate() {
  const t = useT(m);
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  return (b: StoredBulletin) => {
    const period = periodText(b.period, lang);
    void modal.confirm({
      title: t('regenerateTitle', { period }),
      content: t('regenerateText', { n: b.version + 1 }),
      okText: t('regenerate'),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          const made = await api<{ item: StoredBulletin }>(LIST, {
            method: 'POST',
            body: { plan: b.plan, period: b.period },
          });
          void message.success(t('regenerated', { period, n: made.item.version }));
          await qc.invalidateQueries({ queryKey: [LIST] });
        } catch (e) {
          void message.error(errorText(e));
        }
      },
    });
  };
}

function useColumns(province: boolean, newest: Set<number>): ColumnsType<StoredBulletin> {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const { busy, run } = useFileDownload();
  const regenerate = useRegenerate();
  const columns: ColumnsType<StoredBulletin> = [
    {
      title: t('period'),
      key: 'period',
      width: 270,
      render: (_, b) => (
        <Space size={6}>
          <span data-testid="period" style={{ whiteSpace: 'nowrap' }}>
            {lang === 'zh' ? b.periodLabel : periodText(b.period, lang)}
          </span>
          {b.synthetic && (
            <Tag
              variant="solid"
              color="#ad4e00"
              icon={<ExperimentOutlined />}
              data-testid="synthetic"
            >
              {tc('synthetic')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('scope'),
      key: 'scope',
      width: 90,
      render: (_, b) => <Data>{b.scopeName}</Data>,
    },
    {
      title: t('version'),
      key: 'version',
      width: 80,
      render: (_, b) => <span data-testid="version">{t('versionN', { n: b.version })}</span>,
    },
    {
      title: t('createdAt'),
      key: 'createdAt',
      width: 150,
      render: (_, b) => <span data-testid="created-at">{timeText(b.createdAt)}</span>,
    },
    {
      title: t('reason'),
      key: 'reason',
      width: 120,
      render: (_, b) => <span data-testid="reason">{t(`reason.${b.reason}`)}</span>,
    },
    {
      title: t('createdBy'),
      key: 'createdBy',
      width: 90,
      render: (_, b) => (b.createdBy ? <Data>{b.createdBy}</Data> : t('system')),
    },
    {
      title: t('files'),
      key: 'files',
      width: 190,
      render: (_, b) => (
        <Space size={4}>
          {BULLETIN_FORMATS.map((f) => {
            const key = `${b.id}.${f}`;
            return (
              <Button
                key={f}
                size="small"
                loading={busy === key}
                disabled={busy !== null && busy !== key}
                onClick={() =>
                  void run(
                    key,
                    `${LIST}/${b.id}`,
                    { format: f },
                    `${t('fileName')}-${b.plan}-${b.period}-v${b.version}.${f}`,
                  )
                }
              >
                {FORMAT_NAMES[f]}
              </Button>
            );
          })}
        </Space>
      ),
    },
  ];
  if (province)
    columns.push({
      title: t('actions'),
      key: 'actions',
      width: 110,
      render: (_, b) =>
        newest.has(b.id) && (
          <Button
            size="small"
            icon={<ReloadOutlined />}
            onClick={() => regenerate(b)}
            data-testid="regenerate"
          >
            {t('regenerate')}
          </Button>
        ),
    });
  return columns;
}

/** The stored bulletins of the plan the user may see, newest first. */
function Stored({ plan }: { plan: string }) {
  const t = useT(m);
  const user = useUser();
  const q = useApi<StoredBulletins>(LIST, { plan });
  const items = q.data?.items ?? [];
  const province = user.role === 'province';
  const columns = useColumns(province, newestIds(items));
  const state = stateOf(q);
  if (state) return state;
  return (
    <ListTable
      rows={items}
      columns={columns}
      rowKey="id"
      empty={t('empty')}
      width={province ? 1100 : 990}
      paged
      testId="bulletins"
    />
  );
}

export default function BulletinsPage() {
  const t = useT(m);
  return (
    <Page view="bulletins" title={t('title')} needs="plan">
      {({ plan }) => (
        <>
          <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
          <Stored key={plan} plan={plan} />
        </>
      )}
    </Page>
  );
}
