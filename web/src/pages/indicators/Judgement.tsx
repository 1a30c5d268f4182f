// 人工评定: a target its department judges (plan field `judgement: manual`). The department (or
// the province) records 完成 / 基本完成 / 未完成 with a note and evidence; the server checks who
// may and keeps every revision. This only offers the form to those it would accept.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Radio, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import { useApi } from '../../api/queries.js';
import type { PlanTarget, ResultRow, User } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { defineMessages, useT } from '../../i18n/index.js';
import { timeText } from '../../lib/format.js';

const m = defineMessages({
  zh: {
    column: '评定',
    action: '评定',
    actionLabel: '评定{county}',
    title: '人工评定',
    hintA: '目标「',
    hintB:
      '」由责任部门评定。评定结果计入完成情况,每次评定都留有记录(何人、何时、原结果、新结果、说明)。',
    status: '评定结果',
    note: '评定说明',
    notePlaceholder: '评定依据,如完成了哪些任务、未完成的原因',
    noteRequired: '请填写评定说明',
    evidence: '佐证材料',
    evidencePlaceholder: '文号、链接或文件名(可选)',
    ok: '保存评定',
    cancel: '取消',
    saved: '已保存评定',
    by: '{who} 于 {at} 评定',
    none: '尚未评定',
    met: '完成',
    nearly_met: '基本完成',
    not_met: '未完成',
    history: '记录',
    historyLabel: '{county}的评定记录',
    historyTitle: '评定记录',
    at: '时间',
    who: '评定人',
    change: '结果',
    why: '说明',
    proof: '佐证',
  },
  en: {
    column: 'Judgement',
    action: 'Judge',
    actionLabel: 'Judge {county}',
    title: 'Manual judgement',
    hintA: 'The target "',
    hintB:
      '" is judged by its department. The judgement counts as the status; every judgement is kept (who, when, old, new, why).',
    status: 'Status',
    note: 'Note',
    notePlaceholder: 'Why: what was done, or why it was not',
    noteRequired: 'A note is required',
    evidence: 'Evidence',
    evidencePlaceholder: 'Document number, link or file name (optional)',
    ok: 'Save judgement',
    cancel: 'Cancel',
    saved: 'Judgement saved',
    by: 'by {who} at {at}',
    none: 'not judged yet',
    met: 'met',
    nearly_met: 'nearly met',
    not_met: 'not met',
    history: 'Record',
    historyLabel: 'Judgement record of {county}',
    historyTitle: 'Judgement record',
    at: 'When',
    who: 'By',
    change: 'Status',
    why: 'Note',
    proof: 'Evidence',
  },
});

const STATUSES = ['met', 'nearly_met', 'not_met'] as const;
type Judged = (typeof STATUSES)[number];

/** Whether the target is one a person judges. */
export const isManual = (t: PlanTarget | undefined): boolean => t?.spec?.type === 'manual';

/** Whether the server would take this user's judgement of the target (it checks again). */
export function mayJudge(user: User, t: PlanTarget | undefined): boolean {
  if (!t || !isManual(t)) return false;
  if (user.role === 'province') return true;
  return (
    user.role === 'department' && !!user.department && !!t.departments?.includes(user.department)
  );
}

/** What was recorded: the note (evidence, who and when on hover), or that nothing was. */
export function JudgementNote({ row }: { row: ResultRow }) {
  const t = useT(m);
  const j = row.judgement;
  if (!j) return <span style={{ color: '#595959' }}>{t('none')}</span>;
  const who = [j.evidence, j.by && j.at ? t('by', { who: j.by, at: timeText(j.at) }) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip title={who ? <Data>{who}</Data> : undefined}>
      <span data-testid={`judgement-note-${row.region}`}>
        <Data>{j.note ?? ''}</Data>
      </span>
    </Tooltip>
  );
}

export interface Judging {
  plan: string;
  period: string;
  region: string;
  county: string;
  target: PlanTarget;
  status: ResultRow['status'];
}

export function JudgeButton({ county, onClick }: { county: string; onClick: () => void }) {
  const t = useT(m);
  return (
    <Button
      size="small"
      autoInsertSpace={false}
      onClick={onClick}
      aria-label={t('actionLabel', { county })}
    >
      {t('action')}
    </Button>
  );
}

/** The form: status, note (required, checked here before anything is sent), evidence. */
export function JudgementDialog({
  judging,
  onClose,
}: {
  judging: Judging | null;
  onClose: () => void;
}) {
  const t = useT(m);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Judged>('met');
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Each opening starts from the target's current judgement. Set while rendering, not in an
  // effect: a choice made right after the dialog appears is never overwritten by a late reset,
  // nor by a refetch that hands the same target in a new object.
  const target =
    judging && [judging.plan, judging.region, judging.target.indicator, judging.period].join('|');
  const [opened, setOpened] = useState<string | null>(null);
  if (target !== opened) {
    setOpened(target);
    setStatus(STATUSES.find((x) => x === judging?.status) ?? 'met');
    setNote('');
    setEvidence('');
    setTried(false);
    setError(null);
  }
  const empty = note.trim() === '';

  const save = async () => {
    setTried(true);
    if (!judging || empty) return;
    setBusy(true);
    setError(null);
    try {
      await api('/judgements', {
        method: 'POST',
        body: {
          plan: judging.plan,
          indicator: judging.target.indicator,
          region: judging.region,
          period: judging.period,
          status,
          note: note.trim(),
          ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
        },
      });
      await qc.invalidateQueries();
      void message.success(t('saved'));
      onClose();
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={judging !== null}
      title={
        judging ? (
          <>
            {t('title')} · <Data>{judging.county}</Data>
          </>
        ) : (
          ''
        )
      }
      okText={t('ok')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      onOk={() => void save()}
      destroyOnHidden
    >
      {judging && (
        <p>
          {t('hintA')}
          <Data>{judging.target.phrase}</Data>
          {t('hintB')}
        </p>
      )}
      {error && (
        <Alert type="error" showIcon message={<Data>{error}</Data>} style={{ marginBottom: 12 }} />
      )}
      <Form layout="vertical">
        <Form.Item label={<span id="judgement-status">{t('status')}</span>} required>
          <Radio.Group
            aria-labelledby="judgement-status"
            optionType="button"
            value={status}
            onChange={(e) => setStatus(e.target.value as Judged)}
            options={STATUSES.map((s) => ({ value: s, label: t(s) }))}
            data-testid="judgement-status"
          />
        </Form.Item>
        <Form.Item
          label={t('note')}
          htmlFor="judgement-note"
          required
          validateStatus={tried && empty ? 'error' : undefined}
          help={tried && empty ? <span role="alert">{t('noteRequired')}</span> : undefined}
        >
          <Input.TextArea
            id="judgement-note"
            rows={3}
            maxLength={500}
            value={note}
            placeholder={t('notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
            data-testid="judgement-note"
          />
        </Form.Item>
        <Form.Item label={t('evidence')} htmlFor="judgement-evidence">
          <Input
            id="judgement-evidence"
            maxLength={500}
            value={evidence}
            placeholder={t('evidencePlaceholder')}
            onChange={(e) => setEvidence(e.target.value)}
            data-testid="judgement-evidence"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface Revision {
  revision: number;
  at: string;
  actorName: string;
  oldValue: number | null;
  newValue: number | null;
  reason: string | null;
  evidence: string | null;
}

/** The status a stored judgement value stands for (2 完成, 1 基本完成, 0 未完成). */
const statusOf = (v: number | null): Judged | undefined =>
  v === 2 ? 'met' : v === 1 ? 'nearly_met' : v === 0 ? 'not_met' : undefined;

/** Every judgement of one county and period, oldest first: who, when, old → new, why, evidence. */
export function JudgementHistory({
  indicator,
  region,
  period,
  county,
}: {
  indicator: string;
  region: string;
  period: string;
  county: string;
}) {
  const t = useT(m);
  const [open, setOpen] = useState(false);
  const q = useApi<{ revisions: Revision[] }>(
    '/review/history',
    { region, indicator: `${indicator}.judgement`, period },
    open,
  );
  const word = (v: number | null) => {
    const s = statusOf(v);
    return s ? t(s) : '—';
  };
  return (
    <>
      <Button
        size="small"
        type="link"
        autoInsertSpace={false}
        onClick={() => setOpen(true)}
        aria-label={t('historyLabel', { county })}
      >
        {t('history')}
      </Button>
      <Modal
        open={open}
        title={
          <>
            {t('historyTitle')} · <Data>{county}</Data>
          </>
        }
        footer={null}
        onCancel={() => setOpen(false)}
        width={720}
        destroyOnHidden
      >
        <Table<Revision>
          size="small"
          rowKey="revision"
          loading={q.isPending}
          pagination={false}
          dataSource={q.data?.revisions ?? []}
          data-testid="judgement-history"
          columns={[
            { title: t('at'), key: 'at', width: 130, render: (_, r) => timeText(r.at) },
            {
              title: t('who'),
              key: 'who',
              width: 100,
              render: (_, r) => <Data>{r.actorName}</Data>,
            },
            {
              title: t('change'),
              key: 'change',
              width: 150,
              render: (_, r) =>
                r.oldValue === null
                  ? word(r.newValue)
                  : `${word(r.oldValue)} → ${word(r.newValue)}`,
            },
            { title: t('why'), key: 'why', render: (_, r) => <Data>{r.reason ?? ''}</Data> },
            { title: t('proof'), key: 'proof', render: (_, r) => <Data>{r.evidence ?? ''}</Data> },
          ]}
        />
      </Modal>
    </>
  );
}

/** The column title. */
export function useJudgementTitle(): string {
  return useT(m)('column');
}
