import { Drawer, Table } from 'antd';
import type { ReactNode } from 'react';
import { useApi } from '../../api/queries.js';
import { Data } from '../../components/Data.js';
import { stateOf, PageState } from '../../components/PageState.js';
import { useT } from '../../i18n/index.js';
import { m } from './messages.js';
import { ATTRIBUTES, type AdminEntry, type Attribute } from './types.js';

type Key = Parameters<ReturnType<typeof useT<keyof (typeof m)['zh']>>>[0];

/** A value of the log in words: attributes as 是/否/未知, other values as they are. */
function useValueText() {
  const t = useT(m);
  return (key: string, v: unknown): string => {
    if ((ATTRIBUTES as readonly string[]).includes(key) || typeof v === 'boolean' || v === null)
      return v === true ? t('yes') : v === false ? t('no') : t('unknown');
    return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  };
}

/** One record's change, key by key: old → new. */
function Change({ entry }: { entry: AdminEntry }) {
  const t = useT(m);
  const text = useValueText();
  const old = (entry.old ?? {}) as Record<string, unknown>;
  const neu = (entry.new ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(old), ...Object.keys(neu)])];
  return (
    <span>
      {keys.map((k) => {
        const label = (ATTRIBUTES as readonly string[]).includes(k)
          ? t(`attr.${k as Attribute}`)
          : k;
        return (
          <div key={k}>
            {label}:{' '}
            {k in old && (
              <>
                <Data>{text(k, old[k])}</Data> →{' '}
              </>
            )}
            <Data>{text(k, neu[k])}</Data>
          </div>
        );
      })}
    </span>
  );
}

/** The admin-log records of one region or user, newest first, in a drawer. */
export function HistoryDrawer({
  path,
  title,
  onClose,
}: {
  /** The history's API path, e.g. /regions/230183/history; undefined: closed. */
  path: string | undefined;
  title: ReactNode;
  onClose: () => void;
}) {
  const t = useT(m);
  const q = useApi<AdminEntry[]>(path ?? '', undefined, !!path);
  const actionWord = (a: string) => {
    const key = `action.${a}` as Key;
    return key in m.zh ? t(key) : a;
  };
  return (
    <Drawer open={!!path} title={title} onClose={onClose} size={560} destroyOnHidden>
      {stateOf(q) ??
        (q.data!.length === 0 ? (
          <PageState empty={t('emptyHistory')} />
        ) : (
          <Table<AdminEntry>
            size="small"
            rowKey={(e) => `${e.at}|${e.action}`}
            pagination={false}
            dataSource={q.data}
            data-testid="history"
            columns={[
              {
                title: t('when'),
                key: 'at',
                width: 140,
                render: (_, e) => new Date(e.at).toLocaleString('zh-CN', { hour12: false }),
              },
              {
                title: t('who'),
                key: 'actor',
                width: 80,
                render: (_, e) => <Data>{e.actor}</Data>,
              },
              {
                title: t('what'),
                key: 'what',
                render: (_, e) => (
                  <>
                    <strong>{actionWord(e.action)}</strong>
                    <Change entry={e} />
                  </>
                ),
              },
              {
                title: t('why'),
                key: 'why',
                width: 120,
                render: (_, e) => (e.reason ? <Data>{e.reason}</Data> : '—'),
              },
            ]}
          />
        ))}
    </Drawer>
  );
}
