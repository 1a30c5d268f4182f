import { App, Button, Flex, Input, Modal, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { PageState, useErrorText } from '../../components/PageState.js';
import { SECONDARY } from '../../components/regions.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { m } from './messages.js';
import { problemOf, readNumber, type Problem } from './rule.js';
import { StatusWord } from './StatusWord.js';
import type { EntryAnswer, EntryRow, ValueStatus } from './types.js';

/** Statuses a county may not change without choosing to (and, for the last two, saying why). */
const LOCKED: ReadonlySet<ValueStatus> = new Set(['submitted', 'reviewed', 'approved']);
const NEEDS_REASON: ReadonlySet<ValueStatus> = new Set(['reviewed', 'approved']);

/** A value as entered (exact: the form shows what was typed and stored, not a rounding of it). */
const show = (v: number | null) => (v === null ? '—' : String(v));

function useProblemText() {
  const t = useT(m);
  return (p: Problem): string => {
    switch (p.kind) {
      case 'number':
        return t('problem.number');
      case 'integer':
        return t('problem.integer');
      case 'negative':
        return t('problem.negative');
      case 'share':
        return t('problem.share', { ceiling: p.ceiling });
      case 'range':
        return t('problem.range', { min: p.min, max: p.max });
      case 'decrease':
        return t('problem.decrease', { previous: p.previous });
    }
  };
}

interface Props {
  a: EntryAnswer;
  maySubmit: boolean;
  onConflict: () => void;
}

/**
 * The month's form: one row per indicator in the template's order, last year's value greyed and
 * the previous month's beside the input; errors inline under the field before anything is saved.
 */
export function EntryForm({ a, maySubmit, onConflict }: Props) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const errorText = useErrorText();
  const problemText = useProblemText();
  /** Text typed per indicator (only rows the user touched). */
  const [typed, setTyped] = useState<Record<string, string>>({});
  /** Locked rows the user chose to change, with the reason when one is needed. */
  const [unlocked, setUnlocked] = useState<Record<string, string>>({});
  /** The server's refusal of a row, shown under it like the form's own checks. */
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<EntryRow | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);

  const textOf = (r: EntryRow) => typed[r.indicator] ?? (r.value === null ? '' : String(r.value));
  const dirty = a.rows.filter((r) => {
    if (!(r.indicator in typed)) return false;
    const v = readNumber(typed[r.indicator]!);
    return v === undefined || (v !== null && v !== r.value);
  });
  const problems = new Map(
    a.rows.flatMap((r) => {
      if (!(r.indicator in typed)) return [];
      const p = problemOf(r, typed[r.indicator]!);
      return p ? [[r.indicator, p] as const] : [];
    }),
  );
  const ready = a.rows.filter(
    (r) => (r.status === 'draft' || r.status === 'returned') && r.value !== null,
  );

  const invalidate = () => client.invalidateQueries({ queryKey: ['/entry'] });
  const conflict = async () => {
    void message.warning(t('conflict'));
    setTyped({});
    setUnlocked({});
    setRefused({});
    await invalidate();
    onConflict();
  };

  const save = useMutation({
    mutationFn: async () => {
      let n = 0;
      for (const r of dirty) {
        const value = readNumber(typed[r.indicator]!);
        if (value === undefined || value === null) continue;
        const why = unlocked[r.indicator];
        try {
          await api(`/observations/${a.region.code}/${r.indicator}/${a.period}`, {
            method: 'PUT',
            body: { value, expectedRevision: r.revision, ...(why ? { reason: why } : {}) },
          });
          n++;
        } catch (e) {
          if (e instanceof ApiError && e.status === 400)
            setRefused((x) => ({ ...x, [r.indicator]: e.message }));
          throw e;
        }
      }
      return n;
    },
    onSuccess: async (n) => {
      void message.success(t('saved', { n }));
      setTyped({});
      setUnlocked({});
      setRefused({});
      await invalidate();
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409) await conflict();
      else void message.error(errorText(e));
      await invalidate();
    },
  });

  const submit = useMutation({
    mutationFn: () =>
      api<{ count: number }>('/review/submit', {
        method: 'POST',
        body: {
          keys: ready.map((r) => ({
            region: a.region.code,
            indicator: r.indicator,
            period: a.period,
          })),
        },
      }),
    onSuccess: async (r) => {
      void message.success(t('submitted', { n: r.count }));
      await invalidate();
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409) await conflict();
      else void message.error(errorText(e));
    },
  });

  const onSave = () => {
    if (problems.size > 0) {
      void message.error(t('fixFirst', { n: problems.size }));
      return;
    }
    if (dirty.length === 0) {
      void message.info(t('nothingToSave'));
      return;
    }
    save.mutate();
  };

  const startChange = (r: EntryRow) => {
    if (r.status && NEEDS_REASON.has(r.status)) {
      setReason('');
      setReasonError(false);
      setAsking(r);
    } else setUnlocked((x) => ({ ...x, [r.indicator]: '' }));
  };

  const editable = (r: EntryRow) => !r.status || !LOCKED.has(r.status) || r.indicator in unlocked;

  const columns: ColumnsType<EntryRow> = [
    {
      title: t('indicator'),
      key: 'name',
      render: (_, r) => (
        <span>
          <Data>{r.name}</Data> <span style={{ color: SECONDARY }}>({<Data>{r.unit}</Data>})</span>
        </span>
      ),
    },
    {
      title: <Tooltip title={t('lastYearHint')}>{t('lastYear')}</Tooltip>,
      key: 'lastYear',
      width: 96,
      align: 'right',
      render: (_, r) => (
        <span style={{ color: SECONDARY }} data-testid={`last-${r.indicator}`}>
          {show(r.lastYear)}
        </span>
      ),
    },
    {
      title: t('previous'),
      key: 'previous',
      width: 80,
      align: 'right',
      render: (_, r) => <span data-testid={`prev-${r.indicator}`}>{show(r.previous)}</span>,
    },
    {
      title: t('current'),
      key: 'current',
      width: 170,
      render: (_, r) => {
        const p = problems.get(r.indicator);
        const error = p ? problemText(p) : refused[r.indicator];
        const errorId = `entry-error-${r.indicator}`;
        if (!editable(r))
          return (
            <Flex gap={6} align="center" justify="space-between">
              <span data-testid={`value-${r.indicator}`}>{show(r.value)}</span>
              <Button
                size="small"
                onClick={() => startChange(r)}
                data-testid={`change-${r.indicator}`}
              >
                {t('change')}
              </Button>
            </Flex>
          );
        return (
          <div>
            <Input
              size="small"
              inputMode="decimal"
              value={textOf(r)}
              status={error ? 'error' : undefined}
              aria-label={t('inputLabel', { name: lang === 'zh' ? r.name : r.nameEn })}
              aria-invalid={!!error}
              aria-describedby={error ? errorId : undefined}
              data-testid={`input-${r.indicator}`}
              onChange={(e) => {
                const v = e.target.value;
                setTyped((x) => ({ ...x, [r.indicator]: v }));
                setRefused((x) => {
                  const { [r.indicator]: _, ...rest } = x;
                  return rest;
                });
              }}
              style={{ textAlign: 'right' }}
            />
            {error && (
              <div
                id={errorId}
                role="alert"
                data-testid={`error-${r.indicator}`}
                style={{ color: '#cf1322', fontSize: 12, lineHeight: 1.4, marginTop: 2 }}
              >
                {p ? error : <Data>{error}</Data>}
              </div>
            )}
            {unlocked[r.indicator] && (
              <div style={{ color: SECONDARY, fontSize: 12 }}>
                {t('changeReasonShown', { reason: '' })}
                <Data>{unlocked[r.indicator]}</Data>
              </div>
            )}
          </div>
        );
      },
    },
    {
      title: t('status'),
      key: 'status',
      width: 130,
      render: (_, r) => (
        <div data-testid={`status-${r.indicator}`}>
          <StatusWord status={r.status} />
          {r.returnReason && (
            <div style={{ color: '#cf1322', fontSize: 12, marginTop: 2 }}>
              {t('returnReason', { reason: '' })}
              <Data>{r.returnReason}</Data>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('revision'),
      key: 'revision',
      width: 60,
      align: 'right',
      render: (_, r) => (r.revision > 0 ? r.revision : '—'),
    },
  ];

  const statusWord = (s: ValueStatus | null) => t(s ? `status.${s}` : 'status.none');
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 8 }} align="center">
        <Button
          type="primary"
          onClick={onSave}
          loading={save.isPending}
          data-testid="entry-save"
          disabled={dirty.length === 0}
        >
          {dirty.length > 0 ? t('saveCount', { n: dirty.length }) : t('save')}
        </Button>
        {maySubmit && (
          <Tooltip title={t('submitHint')}>
            <Button
              onClick={() => submit.mutate()}
              loading={submit.isPending}
              disabled={ready.length === 0 || dirty.length > 0}
              data-testid="entry-submit"
            >
              {ready.length > 0 ? t('submitCount', { n: ready.length }) : t('submit')}
            </Button>
          </Tooltip>
        )}
        <ExportButton
          fileName={`${t('exportSheet')}-${a.region.code}-${a.period}`}
          synthetic={a.synthetic}
          sheet={() => ({
            name: t('exportSheet'),
            caption: [`${a.region.name} ${a.region.code} ${a.label}`],
            columns: [
              { title: t('indicator'), value: (r: EntryRow) => r.name },
              { title: tc('unit'), value: (r: EntryRow) => r.unit },
              { title: t('lastYear'), value: (r: EntryRow) => r.lastYear },
              { title: t('previous'), value: (r: EntryRow) => r.previous },
              { title: t('current'), value: (r: EntryRow) => r.value },
              { title: t('status'), value: (r: EntryRow) => statusWord(r.status) },
              { title: t('revision'), value: (r: EntryRow) => r.revision },
            ],
            rows: a.rows,
          })}
        />
      </Flex>
      {a.rows.length === 0 ? (
        <PageState empty={t('emptyRows')} />
      ) : (
        <Table<EntryRow>
          size="small"
          rowKey="indicator"
          columns={columns}
          dataSource={a.rows}
          pagination={false}
          scroll={{ x: 720 }}
          data-testid="entry-form"
        />
      )}
      <Modal
        open={!!asking}
        title={asking ? t('changeTitle', { status: statusWord(asking.status) }) : ''}
        okText={t('confirm')}
        cancelText={t('cancel')}
        onCancel={() => setAsking(null)}
        onOk={() => {
          if (!asking) return;
          if (!reason.trim()) {
            setReasonError(true);
            return;
          }
          setUnlocked((x) => ({ ...x, [asking.indicator]: reason.trim() }));
          setAsking(null);
        }}
      >
        {asking && (
          <>
            <Typography.Paragraph>
              <Data>{asking.name}</Data>: {t('changeText', { status: statusWord(asking.status) })}
            </Typography.Paragraph>
            <label htmlFor="entry-change-reason">{t('changeReason')}</label>
            <Input.TextArea
              id="entry-change-reason"
              rows={3}
              maxLength={500}
              value={reason}
              status={reasonError ? 'error' : undefined}
              aria-invalid={reasonError}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(false);
              }}
              data-testid="change-reason"
            />
            {reasonError && (
              <div role="alert" style={{ color: '#cf1322', fontSize: 12 }}>
                {t('changeReasonRequired')}
              </div>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
