import { Drawer, Table, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useApi } from '../../api/queries.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { PageState, stateOf } from '../../components/PageState.js';
import { SECONDARY } from '../../components/regions.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { formatValue, periodText } from '../../lib/format.js';
import { m, type Key as Msg } from './messages.js';
import { ValueStatusTag } from './parts.js';
import type { History, HistoryRevision, Key } from './types.js';

/** 2026-10-08 09:30 (UTC+8, where the users are), the same in both languages. */
function timeText(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

function useWords() {
  const t = useT(m);
  const tc = useT(common);
  return {
    who: (r: HistoryRevision) =>
      r.actorRole ? `${tc(`role.${r.actorRole}` as Parameters<typeof tc>[0])}` : t('system'),
    action: (a: string) => {
      const k = `action.${a}` as Msg;
      return k in m.zh ? t(k) : a;
    },
  };
}

/** Every revision of one value: the review chain as a timeline, then the audit trail as a table. */
export function HistoryDrawer({ target, onClose }: { target: Key | null; onClose: () => void }) {
  const t = useT(m);
  const { lang } = useLang();
  const q = useApi<History>('/review/history', target ? { ...target } : undefined, target !== null);
  const words = useWords();
  const h = q.data && target && q.data.region === target.region ? q.data : undefined;
  const value = (v: number | null) => formatValue(v, h?.unit ?? '');
  const columns: ColumnsType<HistoryRevision> = [
    { title: t('revision'), dataIndex: 'revision', key: 'revision', width: 48, align: 'right' },
    { title: t('at'), key: 'at', width: 92, render: (_, r) => timeText(r.at) },
    {
      title: t('who'),
      key: 'who',
      width: 110,
      render: (_, r) => (
        <span>
          <Data>{r.actorName}</Data>
          <div style={{ fontSize: 12, color: SECONDARY }}>{words.who(r)}</div>
        </span>
      ),
    },
    { title: t('action'), key: 'action', width: 90, render: (_, r) => words.action(r.action) },
    {
      title: t('oldValue'),
      key: 'old',
      width: 70,
      align: 'right',
      render: (_, r) => value(r.oldValue),
    },
    {
      title: t('newValue'),
      key: 'new',
      width: 70,
      align: 'right',
      render: (_, r) => value(r.newValue),
    },
    {
      title: t('newStatus'),
      key: 'status',
      width: 104,
      render: (_, r) => <ValueStatusTag status={r.newStatus} />,
    },
    {
      title: `${t('why')} / ${t('source')}`,
      key: 'reason',
      width: 150,
      render: (_, r) => (
        <span style={{ wordBreak: 'break-all' }}>
          {r.reason ? <Data>{r.reason}</Data> : '—'}
          <div style={{ fontSize: 12, color: SECONDARY }}>
            <Data>{r.source}</Data>
          </div>
        </span>
      ),
    },
  ];
  const state = target ? stateOf(q) : null;
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={820}
      title={
        h ? (
          <span data-testid="history-title">
            {t('drawerTitle')} · <Data>{h.regionName}</Data> · <Data>{h.indicatorName}</Data>
            {h.unit ? (
              <>
                {' ('}
                <Data>{h.unit}</Data>)
              </>
            ) : null}{' '}
            · {periodText(h.period, lang)}
          </span>
        ) : (
          t('drawerTitle')
        )
      }
      destroyOnHidden
    >
      {state ??
        (!h || h.revisions.length === 0 ? (
          <PageState empty={t('historyEmpty')} />
        ) : (
          <div data-testid="history">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('chain')}
            </Typography.Title>
            <Timeline
              data-testid="history-chain"
              items={h.revisions.map((r) => ({
                key: r.revision,
                content: (
                  <div>
                    <strong>{words.action(r.action)}</strong> · <Data>{r.actorName}</Data> (
                    {words.who(r)}) · {timeText(r.at)}
                    <div>
                      {t('valueChange', { old: value(r.oldValue), new: value(r.newValue) })}{' '}
                      <ValueStatusTag status={r.oldStatus} /> →{' '}
                      <ValueStatusTag status={r.newStatus} />
                    </div>
                    {r.reason && (
                      <div>
                        {t('why')}:<Data>{r.reason}</Data>
                      </div>
                    )}
                  </div>
                ),
              }))}
            />
            <div
              style={{
                display: 'flex',
                justifyContent: 'space-between',
                alignItems: 'center',
                marginBottom: 8,
              }}
            >
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('audit')}
              </Typography.Title>
              <ExportButton
                fileName={`${t('audit')}-${h.region}-${h.indicator}-${h.period}`}
                synthetic={h.revisions.some((r) => r.synthetic)}
                sheet={() => ({
                  name: t('audit'),
                  caption: [`${h.regionName} ${h.indicatorName} ${periodText(h.period, lang)}`],
                  columns: [
                    { title: t('revision'), value: (r: HistoryRevision) => r.revision },
                    { title: t('at'), value: (r: HistoryRevision) => timeText(r.at) },
                    { title: t('who'), value: (r: HistoryRevision) => r.actorName },
                    { title: t('action'), value: (r: HistoryRevision) => words.action(r.action) },
                    { title: t('oldValue'), value: (r: HistoryRevision) => r.oldValue },
                    { title: t('newValue'), value: (r: HistoryRevision) => r.newValue },
                    {
                      title: t('oldStatus'),
                      value: (r: HistoryRevision) =>
                        r.oldStatus ? t(`status.${r.oldStatus}` as Msg) : '',
                    },
                    {
                      title: t('newStatus'),
                      value: (r: HistoryRevision) => t(`status.${r.newStatus}` as Msg),
                    },
                    { title: t('why'), value: (r: HistoryRevision) => r.reason ?? '' },
                    { title: t('source'), value: (r: HistoryRevision) => r.source },
                  ],
                  rows: h.revisions,
                })}
              />
            </div>
            <Table<HistoryRevision>
              size="small"
              rowKey="revision"
              columns={columns}
              dataSource={[...h.revisions].reverse()}
              pagination={false}
              tableLayout="fixed"
              data-testid="history-audit"
            />
          </div>
        ))}
    </Drawer>
  );
}
