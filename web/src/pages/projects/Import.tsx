import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import { ApiError, withQuery } from '../../api/client.js';
import { useSessionQuery } from '../../api/session.js';
import { Data } from '../../components/Data.js';
import { useErrorText } from '../../components/PageState.js';
import { SECONDARY } from '../../components/regions.js';
import { useT } from '../../i18n/index.js';
import { m } from './messages.js';
import type { ImportAnswer, ImportProblem } from './types.js';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; file: File }
  | { kind: 'problems'; file: File; problems: ImportProblem[] }
  | { kind: 'preview'; file: File; answer: ImportAnswer }
  | { kind: 'error'; file: File; error: unknown };

/** Sends the ledger (multipart, with the CSRF token): a dry run, or with `confirm` the write. */
async function send(csrf: string, file: File, period: string, confirm: boolean, reason = '') {
  const form = new FormData();
  form.append('period', period);
  if (confirm) form.append('confirm', 'true');
  if (reason) form.append('reason', reason);
  form.append('file', file, file.name);
  const res = await fetch('/api/projects/import', {
    method: 'POST',
    headers: { 'x-csrf-token': csrf, accept: 'application/json' },
    credentials: 'same-origin',
    body: form,
  });
  let body: { code?: string; message?: string; details?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not JSON: the status says what happened.
  }
  if (!res.ok)
    throw new ApiError(
      res.status,
      body.code ?? (res.status >= 500 ? 'SERVER' : `HTTP_${res.status}`),
      body.message ?? res.statusText,
      body.details,
    );
  return body as unknown as ImportAnswer;
}

/** The problems an answer or a refusal lists, when it lists any. */
function problemsOf(x: unknown): ImportProblem[] | undefined {
  const list = (x as { problems?: ImportProblem[] } | undefined)?.problems;
  return list && list.length > 0 ? list : undefined;
}

function useLedgerUpload(period: string) {
  const session = useSessionQuery();
  const client = useQueryClient();
  const { message } = App.useApp();
  const t = useT(m);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const csrf = session.data?.csrfToken ?? '';
  const fail = (file: File, e: unknown) => {
    const problems = e instanceof ApiError ? problemsOf(e.details) : undefined;
    setState(problems ? { kind: 'problems', file, problems } : { kind: 'error', file, error: e });
  };
  const check = async (file: File) => {
    setState({ kind: 'busy', file });
    try {
      const answer = await send(csrf, file, period, false);
      const problems = problemsOf(answer);
      setState(problems ? { kind: 'problems', file, problems } : { kind: 'preview', file, answer });
    } catch (e) {
      fail(file, e);
    }
  };
  const confirm = async (reason: string) => {
    if (state.kind !== 'preview') return;
    const file = state.file;
    setState({ kind: 'busy', file });
    try {
      const answer = await send(csrf, file, period, true, reason);
      void message.success(t('imported', answer.changes));
      setState({ kind: 'idle' });
    } catch (e) {
      fail(file, e);
    }
    await client.invalidateQueries({ queryKey: ['/projects'] });
    await client.invalidateQueries({ queryKey: ['/projects/summary'] });
  };
  return { state, check, confirm, reset: () => setState({ kind: 'idle' }) };
}

function Problems({ problems }: { problems: ImportProblem[] }) {
  const t = useT(m);
  const columns: ColumnsType<ImportProblem & { key: number }> = [
    {
      title: t('sheet'),
      dataIndex: 'sheet',
      width: 110,
      render: (v?: string | null) => <Data>{v}</Data>,
    },
    { title: t('row'), dataIndex: 'row', width: 60, align: 'right' },
    {
      title: t('column'),
      dataIndex: 'column',
      width: 120,
      render: (v?: string | null) => <Data>{v}</Data>,
    },
    {
      title: t('value'),
      dataIndex: 'value',
      width: 160,
      render: (v?: string | null) => <Data>{v}</Data>,
    },
    { title: t('reason'), dataIndex: 'reason', render: (v: string) => <Data>{v}</Data> },
  ];
  return (
    <div data-testid="import-problems">
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('problemsFound', { n: problems.length })}
        style={{ marginBottom: 8 }}
      />
      <Table
        size="small"
        columns={columns}
        dataSource={problems.map((p, key) => ({ ...p, key }))}
        pagination={false}
        scroll={{ y: 240 }}
      />
    </div>
  );
}

/** Template download, upload, the row-by-row report or the changes, and the confirmation. */
export function ImportPanel({ region, period }: { region: string | undefined; period: string }) {
  const t = useT(m);
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const up = useLedgerUpload(period);
  const [reason, setReason] = useState('');
  const s = up.state;
  const reasonMissing = s.kind === 'preview' && !!s.answer.needsReason && !reason.trim();
  const href = withQuery('/api/projects/template', { region, period });
  return (
    <Card size="small" title={t('importTitle')} style={{ marginBottom: 12 }} data-testid="import">
      <Typography.Paragraph style={{ fontSize: 13, color: SECONDARY, marginBottom: 8 }}>
        {t('importHint')}
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: s.kind === 'idle' ? 0 : 8 }}>
        {region ? (
          <Button icon={<DownloadOutlined />} href={href} download data-testid="projects-template">
            {t('template')}
          </Button>
        ) : (
          <Typography.Text style={{ color: SECONDARY, alignSelf: 'center' }}>
            {t('chooseCounty')}
          </Typography.Text>
        )}
        <input
          ref={input}
          type="file"
          accept=".xlsx"
          style={{ display: 'none' }}
          aria-label={t('upload')}
          data-testid="projects-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void up.check(file);
          }}
        />
        <Button
          icon={<UploadOutlined />}
          loading={s.kind === 'busy'}
          onClick={() => input.current?.click()}
        >
          {s.kind === 'busy' ? t('checking') : t('upload')}
        </Button>
        {s.kind !== 'idle' && s.kind !== 'busy' && (
          <Button onClick={up.reset}>{t('discard')}</Button>
        )}
        {s.kind === 'preview' && (
          <Button
            type="primary"
            disabled={s.answer.changes.created + s.answer.changes.changed === 0 || reasonMissing}
            onClick={() => void up.confirm(reason.trim())}
            data-testid="import-confirm"
          >
            {t('confirm')}
          </Button>
        )}
      </Flex>
      {s.kind === 'preview' && s.answer.needsReason && (
        <div style={{ marginBottom: 8 }}>
          <label htmlFor="projects-import-reason">{t('importReason')}</label>
          <Input
            id="projects-import-reason"
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      )}
      {s.kind === 'problems' && <Problems problems={s.problems} />}
      {s.kind === 'preview' && (
        <Alert
          type={s.answer.changes.created + s.answer.changes.changed ? 'success' : 'info'}
          showIcon
          data-testid="import-preview"
          title={
            s.answer.changes.created + s.answer.changes.changed
              ? t('clean', s.answer.changes)
              : t('nothing')
          }
        />
      )}
      {s.kind === 'error' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('refused')}
          description={errorText(s.error)}
          data-testid="import-error"
        />
      )}
    </Card>
  );
}
