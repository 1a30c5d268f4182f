import { HistoryOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Segmented, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import { useApi, type Selected } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import type { Role } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { Page } from '../../components/Page.js';
import { PageState, stateOf, useErrorText } from '../../components/PageState.js';
import { SECONDARY } from '../../components/regions.js';
import { Summary } from '../../components/Summary.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { useLang, useT } from '../../i18n/index.js';
import { formatValue, periodText } from '../../lib/format.js';
import { HistoryDrawer } from './HistoryDrawer.js';
import { m, type Key as Msg } from './messages.js';
import { changeText, FindingTags, ValueStatusTag } from './parts.js';
import { keyOf, type Key, type QueueRow, type ReviewAction, type Waiting } from './types.js';

type Stage = 'review' | 'approve';
/** The value status each stage acts on. */
const STAGE_STATUS: Record<Stage, 'submitted' | 'reviewed'> = {
  review: 'submitted',
  approve: 'reviewed',
};
/** The stages of each role (UI.md: 市 审核, 省直部门 核定, the province both). */
const STAGES: Partial<Record<Role, Stage[]>> = {
  province: ['review', 'approve'],
  prefecture: ['review'],
  department: ['approve'],
};

type Group = 'county' | 'indicator';

const PAGE_SIZES = [20, 50, 100];

interface Act {
  action: ReviewAction;
  keys: Key[];
  reason?: string;
  expectedRevision?: number;
}

/** antd's danger red (#ff4d4f) is too light for text on white (WCAG AA): the darker red. */
const DANGER = { color: '#cf1322', borderColor: '#cf1322' };

const toKey = (r: Key): Key => ({ region: r.region, indicator: r.indicator, period: r.period });

function Board(s: Selected) {
  const t = useT(m);
  const { lang } = useLang();
  const user = useUser();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const errorText = useErrorText();
  const stages = STAGES[user.role] ?? [];

  const [period, setPeriod] = useState(s.period);
  useEffect(() => setPeriod(s.period), [s.period]);
  const waiting = useApi<Waiting>('/review/waiting');
  const countOf = (p: string, stage?: Stage) =>
    (waiting.data?.periods ?? [])
      .filter((w) => w.period === p && (!stage || w.status === STAGE_STATUS[stage]))
      .reduce((n, w) => n + w.count, 0);
  const [chosenStage, setStage] = useState<Stage | undefined>();
  // The first stage with work in the period, unless the user chose one.
  const stage: Stage =
    chosenStage ?? stages.find((x) => countOf(period, x) > 0) ?? stages[0] ?? 'review';
  const queue = useApi<QueueRow[]>('/review/queue', { period, status: STAGE_STATUS[stage] });
  const [group, setGroup] = useState<Group>('county');
  const [selected, setSelected] = useState<string[]>([]);
  const [page, setPage] = useState({ current: 1, size: 50 });
  const [returning, setReturning] = useState<Key[] | null>(null);
  const [history, setHistory] = useState<Key | null>(null);
  const [notice, setNotice] = useState<{ type: 'warning' | 'error'; text: React.ReactNode }>();

  useEffect(() => {
    setSelected([]);
    setPage((p) => ({ ...p, current: 1 }));
  }, [period, stage]);

  const rows = useMemo(() => {
    const list = [...(queue.data ?? [])];
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return group === 'county'
      ? list.sort((a, b) => cmp(a.region, b.region) || cmp(a.indicator, b.indicator))
      : list.sort((a, b) => cmp(a.indicator, b.indicator) || cmp(a.region, b.region));
  }, [queue.data, group]);

  const refresh = () => client.invalidateQueries();
  const mutation = useMutation({
    mutationFn: (a: Act) =>
      api<{ action: string; count: number }>(`/review/${a.action}`, {
        method: 'POST',
        body: {
          keys: a.keys,
          ...(a.reason !== undefined ? { reason: a.reason } : {}),
          ...(a.expectedRevision !== undefined ? { expectedRevision: a.expectedRevision } : {}),
        },
      }),
    onSuccess: (r, a) => {
      setNotice(undefined);
      setSelected([]);
      setReturning(null);
      void message.success(t('done', { action: t(`do.${a.action}` as Msg), n: r.count }));
      void refresh();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) {
        setNotice({ type: 'warning', text: t('conflict') });
        setSelected([]);
        setReturning(null);
        void refresh();
      } else setNotice({ type: 'error', text: errorText(e) });
    },
  });
  const act = (a: Act) => {
    setNotice(undefined);
    mutation.mutate(a);
  };
  const forwardAction: ReviewAction = stage;
  const selectedKeys = rows.filter((r) => selected.includes(keyOf(r))).map(toKey);
  const busy = mutation.isPending;

  const state = stateOf(queue);
  const periods = [
    ...new Set([period, s.period, ...(waiting.data?.periods ?? []).map((w) => w.period)]),
  ].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const elsewhere = (waiting.data?.periods ?? []).filter((w) => w.period !== period);
  const elsewhereCount = elsewhere.reduce((n, w) => n + w.count, 0);
  const elsewherePeriods = [...new Set(elsewhere.map((w) => w.period))];
  const total = countOf(period, stage);
  const pText = periodText(period, lang);

  // Group cells span the group's rows on the page shown.
  const pageRows = rows.slice((page.current - 1) * page.size, page.current * page.size);
  const spans = new Map<string, number>();
  const groupOf = (r: QueueRow) => (group === 'county' ? r.region : r.indicator);
  for (let i = 0; i < pageRows.length;) {
    let j = i;
    while (j < pageRows.length && groupOf(pageRows[j]!) === groupOf(pageRows[i]!)) j++;
    spans.set(keyOf(pageRows[i]!), j - i);
    for (let k = i + 1; k < j; k++) spans.set(keyOf(pageRows[k]!), 0);
    i = j;
  }
  const countyCell = (r: QueueRow) => (
    <span>
      <Data>{r.regionName}</Data> <span style={{ fontSize: 12, color: SECONDARY }}>{r.region}</span>
    </span>
  );
  const indicatorCell = (r: QueueRow) => (
    <span>
      <Data>{r.indicatorName}</Data>
      {r.unit && (
        <span style={{ color: SECONDARY }}>
          {' ('}
          <Data>{r.unit}</Data>)
        </span>
      )}
    </span>
  );
  const countyColumn: ColumnsType<QueueRow>[number] = {
    title: t('county'),
    key: 'county',
    width: 120,
    render: (_, r) => countyCell(r),
  };
  const indicatorColumn: ColumnsType<QueueRow>[number] = {
    title: t('indicator'),
    key: 'indicator',
    width: 180,
    render: (_, r) => indicatorCell(r),
  };
  const first = group === 'county' ? countyColumn : indicatorColumn;
  const second = group === 'county' ? indicatorColumn : countyColumn;
  const columns: ColumnsType<QueueRow> = [
    {
      ...first,
      onCell: (r) => ({ rowSpan: spans.get(keyOf(r)) ?? 1, style: { verticalAlign: 'top' } }),
    },
    second,
    {
      title: t('value'),
      key: 'value',
      width: 80,
      align: 'right',
      render: (_, r) => <strong>{formatValue(r.value, r.unit)}</strong>,
    },
    {
      title: t('lastYear'),
      key: 'lastYear',
      width: 100,
      align: 'right',
      render: (_, r) => (
        <span style={{ color: SECONDARY }}>{formatValue(r.lastYearValue, r.unit)}</span>
      ),
    },
    {
      title: t('change'),
      key: 'change',
      width: 110,
      align: 'right',
      render: (_, r) => changeText(r, t),
    },
    {
      title: t('findings'),
      key: 'findings',
      width: 170,
      render: (_, r) => <FindingTags findings={r.findings} />,
    },
    {
      title: t('status'),
      key: 'status',
      width: 96,
      render: (_, r) => <ValueStatusTag status={r.status} />,
    },
    {
      title: t('operations'),
      key: 'ops',
      width: 200,
      render: (_, r) => (
        <Flex gap={4} wrap={false}>
          <Button
            size="small"
            type="primary"
            ghost
            disabled={busy}
            onClick={() =>
              act({ action: forwardAction, keys: [toKey(r)], expectedRevision: r.revision })
            }
          >
            {t(`do.${forwardAction}` as Msg)}
          </Button>
          <Button
            size="small"
            danger
            style={busy ? undefined : DANGER}
            disabled={busy}
            onClick={() => setReturning([toKey(r)])}
          >
            {t('do.return')}
          </Button>
          <Button
            size="small"
            type="text"
            icon={<HistoryOutlined />}
            aria-label={t('historyOf', { name: `${r.regionName} ${r.indicatorName}` })}
            onClick={() => setHistory(toKey(r))}
          >
            {t('history')}
          </Button>
        </Flex>
      ),
    },
  ];

  const exportSheet = () => ({
    name: t('exportSheet'),
    caption: [`${t('title')} ${pText} · ${t(`stage.${stage}` as Msg, { n: rows.length })}`],
    columns: [
      { title: t('county'), value: (r: QueueRow) => r.regionName },
      { title: t('indicator'), value: (r: QueueRow) => r.indicatorName },
      { title: t('unitColumn'), value: (r: QueueRow) => r.unit },
      { title: t('value'), value: (r: QueueRow) => r.value },
      { title: t('lastYear'), value: (r: QueueRow) => r.lastYearValue },
      { title: t('change'), value: (r: QueueRow) => changeText(r, t) },
      {
        title: t('findings'),
        value: (r: QueueRow) => r.findings.map((f) => f.message).join(';'),
      },
      { title: t('status'), value: (r: QueueRow) => t(`status.${r.status}` as Msg) },
    ],
    rows,
  });

  const confirmAll = () => {
    const keys = rows.map(toKey);
    void modal.confirm({
      title: t('confirmAll', { n: keys.length, action: t(`do.${forwardAction}` as Msg) }),
      okText: t('confirmOk'),
      cancelText: t('cancel'),
      onOk: () => act({ action: forwardAction, keys }),
    });
  };

  return (
    <>
      <SyntheticBanner synthetic={rows.some((r) => r.synthetic)} />
      <Summary testId="review-summary">
        <Flex align="center" wrap gap={12}>
          <span id="review-period-label">{t('period')}</span>
          <Select
            aria-labelledby="review-period-label"
            style={{ width: 230 }}
            value={period}
            onChange={(p: string) => {
              setPeriod(p);
              setStage(undefined);
            }}
            options={periods.map((p) => {
              const n = countOf(p);
              const label = periodText(p, lang);
              return {
                value: p,
                label: n
                  ? t('periodOption', { period: label, n })
                  : t('periodNone', { period: label }),
              };
            })}
            data-testid="review-period"
          />
          {stages.length > 1 && (
            <Segmented<Stage>
              aria-label={t('stage')}
              value={stage}
              onChange={(x) => setStage(x)}
              options={stages.map((x) => ({
                value: x,
                label: t(`stage.${x}` as Msg, { n: countOf(period, x) }),
              }))}
              data-testid="review-stage"
            />
          )}
          <Segmented<Group>
            aria-label={t('group')}
            value={group}
            onChange={(x) => setGroup(x)}
            options={[
              { value: 'county', label: t('byCounty') },
              { value: 'indicator', label: t('byIndicator') },
            ]}
          />
        </Flex>
      </Summary>
      {elsewhereCount > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="review-elsewhere"
          title={t('otherPeriods', {
            n: elsewhereCount,
            list: elsewherePeriods
              .slice(0, 6)
              .map((p) => `${periodText(p, lang)} ${countOf(p)}`)
              .join(lang === 'zh' ? '、' : ', '),
          })}
        />
      )}
      {notice && (
        <Alert
          type={notice.type}
          showIcon
          closable
          onClose={() => setNotice(undefined)}
          role="alert"
          style={{ marginBottom: 8 }}
          title={notice.text}
          data-testid="review-notice"
        />
      )}
      {state ?? (
        <>
          <Flex align="center" justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
            <Flex align="center" wrap gap={8}>
              <Button
                type="primary"
                disabled={busy || selectedKeys.length === 0}
                onClick={() => act({ action: forwardAction, keys: selectedKeys })}
                data-testid="act-selected"
              >
                {t(`selected.${forwardAction}` as Msg, { n: selectedKeys.length })}
              </Button>
              <Button
                danger
                style={busy || selectedKeys.length === 0 ? undefined : DANGER}
                disabled={busy || selectedKeys.length === 0}
                onClick={() => setReturning(selectedKeys)}
                data-testid="return-selected"
              >
                {t('selected.return', { n: selectedKeys.length })}
              </Button>
              <Button
                disabled={busy || rows.length === 0}
                onClick={confirmAll}
                data-testid="act-all"
              >
                {t(`all.${forwardAction}` as Msg, { n: rows.length })}
              </Button>
              <span style={{ color: SECONDARY }} data-testid="review-shown">
                {total > rows.length
                  ? t('truncated', { n: rows.length, total })
                  : t('shown', { n: rows.length })}
              </span>
            </Flex>
            <ExportButton
              fileName={`${t('exportSheet')}-${period}`}
              synthetic={rows.some((r) => r.synthetic)}
              disabled={rows.length === 0}
              sheet={exportSheet}
            />
          </Flex>
          {rows.length === 0 ? (
            <PageState
              empty={
                elsewhereCount > 0
                  ? t('emptyElsewhere', { period: pText })
                  : t('empty', { period: pText })
              }
            />
          ) : (
            <Table<QueueRow>
              size="small"
              rowKey={keyOf}
              columns={columns}
              dataSource={rows}
              bordered
              tableLayout="fixed"
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (r) => ({
                  'aria-label': `${r.regionName} ${r.indicatorName}`,
                }),
              }}
              pagination={{
                current: page.current,
                pageSize: page.size,
                pageSizeOptions: PAGE_SIZES,
                showSizeChanger: true,
                hideOnSinglePage: true,
                onChange: (current, size) => setPage({ current, size }),
              }}
              data-testid="review-table"
            />
          )}
        </>
      )}
      <ReturnDialog
        keys={returning}
        busy={busy}
        onCancel={() => setReturning(null)}
        onOk={(reason) => act({ action: 'return', keys: returning ?? [], reason })}
      />
      <HistoryDrawer target={history} onClose={() => setHistory(null)} />
    </>
  );
}

/** The reason for a return, required: an empty one is refused here, before anything is sent. */
function ReturnDialog({
  keys,
  busy,
  onCancel,
  onOk,
}: {
  keys: Key[] | null;
  busy: boolean;
  onCancel: () => void;
  onOk: (reason: string) => void;
}) {
  const t = useT(m);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  // Each opening starts empty. Set while rendering, not in an effect: a click on 退回 right after
  // the dialog appears must not have its refusal wiped by a late reset.
  const opened = keys && keys.map(keyOf).join('\n');
  const [shown, setShown] = useState<string | null>(null);
  if (opened !== shown) {
    setShown(opened);
    setReason('');
    setTried(false);
  }
  const empty = reason.trim() === '';
  return (
    <Modal
      open={keys !== null}
      title={t('returnTitle', { n: keys?.length ?? 0 })}
      okText={t('returnOk')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: true, loading: busy }}
      onCancel={onCancel}
      onOk={() => {
        setTried(true);
        if (!empty) onOk(reason.trim());
      }}
      destroyOnHidden
    >
      <p>{t('returnHint')}</p>
      <Form layout="vertical">
        <Form.Item
          label={t('reason')}
          htmlFor="return-reason"
          required
          validateStatus={tried && empty ? 'error' : undefined}
          help={tried && empty ? <span role="alert">{t('reasonRequired')}</span> : undefined}
        >
          <Input.TextArea
            id="return-reason"
            rows={3}
            maxLength={500}
            value={reason}
            placeholder={t('reasonPlaceholder')}
            onChange={(e) => setReason(e.target.value)}
            data-testid="return-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ReviewPage() {
  const t = useT(m);
  return (
    <Page view="review" title={t('title')}>
      {(s) => <Board {...s} />}
    </Page>
  );
}
