import { CheckCircleFilled, NotificationOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, withQuery } from '../../api/client.js';
import { useApi, type Selected } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { PageState, useErrorText } from '../../components/PageState.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText, timeText } from '../../lib/format.js';
import { useSelection } from '../../lib/selection.js';
import { m } from './messages.js';
import type { LateCounties, PublicationStatus, PublishState } from './types.js';

/** One row of the unapproved values' export. */
interface UnapprovedValue {
  county: string;
  indicator: string;
  state: PublishState;
}

const STATES: PublishState[] = [
  'approved',
  'reviewed',
  'submitted',
  'draft',
  'returned',
  'missing',
];
const STATE_COLOUR: Record<PublishState, string> = {
  approved: '#237804',
  reviewed: '#0958d9',
  submitted: '#0958d9',
  draft: '#595959',
  returned: '#cf1322',
  missing: '#cf1322',
};

/** 催报 and 公布 for the selected period, beside the page title (province and prefectures). */
export function CompletenessActions() {
  const user = useUser();
  const sel = useSelection();
  if (!sel.plan || !sel.period) return null;
  if (user.role !== 'province' && user.role !== 'prefecture') return null;
  const s = { plan: sel.plan, period: sel.period };
  return (
    <Space size={8} wrap>
      <Remind {...s} />
      <Button
        icon={<PrinterOutlined />}
        href={withQuery('/api/reminders/sheet', s)}
        download
        data-testid="reminder-sheet"
      >
        <DownloadLabel />
      </Button>
      {user.role === 'province' && <Publish {...s} />}
    </Space>
  );
}

function DownloadLabel() {
  const t = useT(m);
  return <>{t('sheet')}</>;
}

function Remind(s: Selected) {
  const t = useT(m);
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const late = useApi<LateCounties>('/reminders/late', { ...s });
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<{ sent: number }>('/reminders', {
        method: 'POST',
        body: { ...s, regions: chosen, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: async (r) => {
      void message.success(t('sent', { n: r.sent }));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['/reminders'] });
    },
  });
  const counties = late.data?.counties ?? [];
  const why = !late.data
    ? undefined
    : !late.data.overdue
      ? t('notDueYet', { due: late.data.due })
      : counties.length === 0
        ? t('noneLate')
        : undefined;
  return (
    <>
      <Button
        type="primary"
        icon={<NotificationOutlined />}
        disabled={!late.data || counties.length === 0}
        loading={late.isPending}
        aria-describedby={why ? 'remind-why' : undefined}
        onClick={() => {
          setChosen(counties.map((c) => c.region));
          setNote('');
          send.reset();
          setOpen(true);
        }}
        data-testid="remind-open"
      >
        {t('remind', { n: counties.length })}
      </Button>
      {/* Why the button cannot be used, in words: a disabled button shows no tooltip. */}
      {why && (
        <Typography.Text
          type="secondary"
          id="remind-why"
          data-testid="remind-why"
          style={{ marginLeft: 8 }}
        >
          {why}
        </Typography.Text>
      )}
      <Modal
        open={open}
        title={t('remindTitle', { period: periodText(s.period, lang) })}
        okText={t('remindSend', { n: chosen.length })}
        cancelText={t('cancel')}
        onOk={() => send.mutate()}
        okButtonProps={{ disabled: chosen.length === 0, loading: send.isPending }}
        onCancel={() => setOpen(false)}
        width={640}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t('remindIntro', { due: late.data?.due ?? '', n: counties.length })}
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('remindCounties')} htmlFor="remind-counties">
            <Select
              id="remind-counties"
              mode="multiple"
              value={chosen}
              onChange={setChosen}
              maxTagCount="responsive"
              optionFilterProp="search"
              options={counties.map((c) => ({
                value: c.region,
                search: `${c.name} ${c.region}`,
                label: (
                  <span>
                    <Data>{c.name}</Data> {c.region}
                  </span>
                ),
              }))}
              optionRender={(o) => {
                const c = counties.find((x) => x.region === o.value)!;
                return (
                  <span>
                    <Data>{c.name}</Data> {c.region} · {t('missingN', { n: c.missing.length })}
                  </span>
                );
              }}
              data-testid="remind-counties"
            />
          </Form.Item>
          <Form.Item label={t('remindNote')} htmlFor="remind-note">
            <Input.TextArea
              id="remind-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={500}
              showCount
              rows={3}
              placeholder={t('remindNoteHint')}
              data-testid="remind-note"
            />
          </Form.Item>
        </Form>
        {send.isError && (
          <Typography.Text type="danger" role="alert">
            {errorText(send.error)}
          </Typography.Text>
        )}
      </Modal>
    </>
  );
}

function StateTag({ state, n }: { state: PublishState; n?: number }) {
  const t = useT(m);
  const colour = STATE_COLOUR[state];
  return (
    <Tag style={{ background: '#fff', color: colour, borderColor: colour, marginInlineEnd: 4 }}>
      {t(`state.${state}`)}
      {n !== undefined ? ` ${n}` : ''}
    </Tag>
  );
}

function Publish(s: Selected) {
  const t = useT(m);
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const status = useApi<PublicationStatus>('/publications', { ...s });
  const [open, setOpen] = useState(false);
  const publish = useMutation({
    mutationFn: () =>
      api<{ new: boolean }>('/publications', { method: 'POST', body: { period: s.period } }),
    onSuccess: async () => {
      void message.success(t('published', { period: periodText(s.period, lang) }));
      setOpen(false);
      // Every view may now show other things (published values, the period list): ask again.
      await qc.invalidateQueries();
    },
  });
  const d = status.data;
  if (d?.published)
    return (
      <Tag
        icon={<CheckCircleFilled />}
        style={{ background: '#fff', color: '#237804', borderColor: '#237804', padding: '4px 8px' }}
        data-testid="published-tag"
      >
        {t('publishedAt', { at: timeText(d.publishedAt!) })} <Data>{d.publisherName ?? ''}</Data>
      </Tag>
    );
  const unapprovedN = d ? STATES.reduce((a, k) => a + (k === 'approved' ? 0 : d.counts[k]), 0) : 0;
  return (
    <>
      <Button
        disabled={!d}
        loading={status.isPending}
        onClick={() => {
          publish.reset();
          setOpen(true);
        }}
        data-testid="publish-open"
      >
        {t('publish')}
      </Button>
      <Modal
        open={open}
        title={t('publishTitle', { period: periodText(s.period, lang) })}
        okText={t('publishConfirm')}
        okButtonProps={{ loading: publish.isPending }}
        cancelText={t('cancel')}
        onOk={() => publish.mutate()}
        onCancel={() => setOpen(false)}
        width={860}
        destroyOnHidden
      >
        {!d ? (
          <PageState loading />
        ) : (
          <>
            <Typography.Paragraph>
              {unapprovedN > 0
                ? t('publishWarn', { n: unapprovedN, counties: d.unapproved.length })
                : t('publishAllApproved')}
            </Typography.Paragraph>
            <Space style={{ marginBottom: 8 }} wrap>
              <div data-testid="publish-counts">
                {STATES.map((k) => (
                  <StateTag key={k} state={k} n={d.counts[k]} />
                ))}
              </div>
              <ExportButton
                fileName={`${t('unapprovedSheet')}-${s.period}`}
                disabled={d.unapproved.length === 0}
                sheet={() => ({
                  name: t('unapprovedSheet'),
                  caption: [t('publishTitle', { period: periodText(s.period, lang) })],
                  columns: [
                    { title: t('county'), value: (r: UnapprovedValue) => r.county },
                    { title: t('indicatorUnit'), value: (r: UnapprovedValue) => r.indicator },
                    { title: t('state'), value: (r: UnapprovedValue) => t(`state.${r.state}`) },
                  ],
                  rows: d.unapproved.flatMap((c) =>
                    c.values.map((v) => ({
                      county: `${c.name} ${c.region}`,
                      indicator: `${v.name} (${v.unit})`,
                      state: v.state,
                    })),
                  ),
                })}
              />
            </Space>
            {d.unapproved.length > 0 && (
              // A focusable region of its own, so the list scrolls by keyboard too and the
              // confirmation stays on a 768-pixel screen.
              <div
                tabIndex={0}
                role="region"
                aria-label={t('notApproved')}
                style={{ maxHeight: 300, overflowY: 'auto' }}
              >
                <Table
                  size="small"
                  rowKey="region"
                  dataSource={d.unapproved}
                  pagination={false}
                  data-testid="publish-unapproved"
                  columns={[
                    {
                      title: t('county'),
                      key: 'county',
                      width: 160,
                      render: (_, r) => (
                        <span>
                          <Data>{r.name}</Data> {r.region}
                          <br />
                          <Typography.Text type="secondary">
                            <Data>{r.prefectureName ?? ''}</Data>
                          </Typography.Text>
                        </span>
                      ),
                    },
                    {
                      title: t('notApproved'),
                      key: 'values',
                      render: (_, r) =>
                        STATES.filter((k) => k !== 'approved' && r.counts[k] > 0).map((k) => (
                          <div key={k}>
                            <StateTag state={k} n={r.counts[k]} />
                            <Data>
                              {r.values
                                .filter((v) => v.state === k)
                                .map((v) => v.name)
                                .join('、')}
                            </Data>
                          </div>
                        )),
                    },
                  ]}
                />
              </div>
            )}
            {publish.isError && (
              <Typography.Text type="danger" role="alert">
                {errorText(publish.error)}
              </Typography.Text>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
