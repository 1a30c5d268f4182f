import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import { ApiError, withQuery } from '../../api/client.js';
import { useSessionQuery } from '../../api/session.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { useErrorText } from '../../components/PageState.js';
import { SECONDARY } from '../../components/regions.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText } from '../../lib/format.js';
import { m } from './messages.js';
import { StatusWord } from './StatusWord.js';
import type {
  EntryAnswer,
  ImportDone,
  ImportPreview,
  ImportProblem,
  PreviewChange,
} from './types.js';

const ACCEPTED = /\.(xlsx|csv)$/i;

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Where an upload stands: nothing yet, checking, refused with problems, clean with changes, or an error. */
type UploadState =
  | { kind: 'idle' }
  | { kind: 'busy'; file: File }
  | { kind: 'problems'; file: File; problems: ImportProblem[] }
  | { kind: 'preview'; file: File; preview: ImportPreview }
  | { kind: 'error'; file: File | null; error: unknown };

/** Sends the file (multipart, with the session's CSRF token); the API's errors as ApiError. */
async function send<T>(csrf: string, file: File, fields: Record<string, string>): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, file.name);
  const res = await fetch('/api/imports', {
    method: 'POST',
    headers: { 'x-csrf-token': csrf, accept: 'application/json' },
    credentials: 'same-origin',
    body: form,
  });
  let body: { code?: string; message?: string; details?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not JSON: the status alone says what happened.
  }
  if (!res.ok)
    throw new ApiError(
      res.status,
      body.code ?? (res.status >= 500 ? 'SERVER' : `HTTP_${res.status}`),
      body.message ?? res.statusText,
      body.details,
    );
  return body as T;
}

export interface Upload {
  state: UploadState;
  check: (file: File) => Promise<void>;
  confirm: (reason: string) => Promise<void>;
  reset: () => void;
  confirming: boolean;
}

/** The upload's life: check the file (dry run), show the report or the changes, confirm. */
export function useUpload(a: EntryAnswer | undefined): Upload {
  const t = useT(m);
  const session = useSessionQuery();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [state, setState] = useState<UploadState>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const csrf = session.data?.csrfToken ?? '';
  const check = async (file: File) => {
    if (!a) return;
    if (!ACCEPTED.test(file.name)) {
      setState({
        kind: 'problems',
        file,
        problems: [{ value: file.name, reason: t('wrongKind', { name: file.name }) }],
      });
      return;
    }
    if (file.size > a.maxUploadBytes) {
      setState({
        kind: 'problems',
        file,
        problems: [
          {
            value: file.name,
            reason: t('tooLarge', { size: mb(file.size), limit: mb(a.maxUploadBytes) }),
          },
        ],
      });
      return;
    }
    setState({ kind: 'busy', file });
    try {
      const preview = await send<ImportPreview>(csrf, file, { dryRun: 'true', period: a.period });
      setState({ kind: 'preview', file, preview });
    } catch (e) {
      const problems = (e as ApiError).details as { problems?: ImportProblem[] } | undefined;
      if (e instanceof ApiError && e.code === 'IMPORT_INVALID' && problems?.problems)
        setState({ kind: 'problems', file, problems: problems.problems });
      else setState({ kind: 'error', file, error: e });
    }
  };
  const confirm = async (reason: string) => {
    if (!a || state.kind !== 'preview') return;
    setConfirming(true);
    try {
      const done = await send<ImportDone>(csrf, state.file, {
        period: a.period,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      void message.success(t('imported', done.result));
      setState({ kind: 'idle' });
      await client.invalidateQueries({ queryKey: ['/entry'] });
    } catch (e) {
      setState({ kind: 'error', file: state.file, error: e });
      await client.invalidateQueries({ queryKey: ['/entry'] });
    } finally {
      setConfirming(false);
    }
  };
  return { state, check, confirm, reset: () => setState({ kind: 'idle' }), confirming };
}

/** Beside the form: the pre-filled template to download, and the file to upload and check. */
export function UploadPanel({ a, upload }: { a: EntryAnswer; upload: Upload }) {
  const t = useT(m);
  const input = useRef<HTMLInputElement>(null);
  const href = withQuery('/api/templates', {
    plan: a.plan,
    region: a.region.code,
    period: a.period,
  });
  return (
    <Card size="small" title={t('fileTitle')}>
      <Typography.Paragraph style={{ fontSize: 13, color: SECONDARY }}>
        {t('fileHint')}
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        <Button icon={<DownloadOutlined />} href={href} download data-testid="entry-template">
          {t('download')}
        </Button>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.csv"
          style={{ display: 'none' }}
          data-testid="entry-file"
          aria-label={t('upload')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void upload.check(file);
          }}
        />
        <Button
          icon={<UploadOutlined />}
          loading={upload.state.kind === 'busy'}
          onClick={() => input.current?.click()}
          data-testid="entry-upload"
        >
          {upload.state.kind === 'busy' ? t('checking') : t('upload')}
        </Button>
        <Typography.Text style={{ fontSize: 12, color: SECONDARY }}>
          {t('uploadHint', { size: mb(a.maxUploadBytes) })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** Below the form: the upload's report row by row, or the changes it would make and the confirmation. */
export function UploadReport({ a, upload }: { a: EntryAnswer; upload: Upload }) {
  const t = useT(m);
  const { lang } = useLang();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const s = upload.state;
  if (s.kind === 'idle' || s.kind === 'busy') return null;
  const names = new Map(a.rows.map((r) => [r.indicator, r.name]));
  const title = (
    <span>
      {t('reportTitle', { file: '' })}
      <Data>{s.file?.name ?? ''}</Data>
    </span>
  );
  if (s.kind === 'error')
    return (
      <Alert
        style={{ marginBottom: 16 }}
        type={s.error instanceof ApiError && s.error.status === 403 ? 'warning' : 'error'}
        showIcon
        role="alert"
        data-testid="upload-error"
        title={t('refused')}
        description={errorText(s.error)}
        action={
          <Button size="small" onClick={upload.reset}>
            {t('discard')}
          </Button>
        }
      />
    );
  if (s.kind === 'problems') {
    const columns: ColumnsType<ImportProblem & { key: number }> = [
      {
        title: t('sheet'),
        dataIndex: 'sheet',
        width: 100,
        render: (v?: string) => <Data>{v}</Data>,
      },
      { title: t('row'), dataIndex: 'row', width: 60, align: 'right' },
      { title: t('column'), dataIndex: 'column', width: 80 },
      {
        title: t('value'),
        dataIndex: 'value',
        width: 140,
        render: (v?: string) => <Data>{v}</Data>,
      },
      { title: t('reason'), dataIndex: 'reason', render: (v: string) => <Data>{v}</Data> },
    ];
    return (
      <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid="upload-problems">
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('problemsFound', { n: s.problems.length })}
          style={{ marginBottom: 8 }}
        />
        <Flex justify="flex-end" gap={8} style={{ marginBottom: 8 }}>
          <ExportButton
            fileName={`${t('problemsSheet')}-${a.region.code}-${a.period}`}
            sheet={() => ({
              name: t('problemsSheet'),
              caption: [s.file.name],
              columns: [
                { title: t('sheet'), value: (p: ImportProblem) => p.sheet },
                { title: t('row'), value: (p: ImportProblem) => p.row },
                { title: t('column'), value: (p: ImportProblem) => p.column },
                { title: t('value'), value: (p: ImportProblem) => p.value },
                { title: t('reason'), value: (p: ImportProblem) => p.reason },
              ],
              rows: s.problems,
            })}
          />
          <Button onClick={upload.reset}>{t('discard')}</Button>
        </Flex>
        <Table
          size="small"
          columns={columns}
          dataSource={s.problems.map((p, key) => ({ ...p, key }))}
          pagination={false}
          scroll={{ x: 700 }}
        />
      </Card>
    );
  }
  const p = s.preview;
  const columns: ColumnsType<PreviewChange & { key: string }> = [
    {
      title: t('indicator'),
      key: 'indicator',
      render: (_, c) => <Data>{names.get(c.indicator) ?? c.indicator}</Data>,
    },
    { title: t('period'), key: 'period', width: 140, render: (_, c) => periodText(c.period, lang) },
    {
      title: t('oldValue'),
      key: 'old',
      width: 100,
      align: 'right',
      render: (_, c) => (c.oldValue === null ? '—' : String(c.oldValue)),
    },
    {
      title: t('newValue'),
      key: 'new',
      width: 100,
      align: 'right',
      render: (_, c) => <strong>{c.value === null ? '—' : String(c.value)}</strong>,
    },
    {
      title: t('oldStatus'),
      key: 'status',
      width: 120,
      render: (_, c) => <StatusWord status={c.oldStatus} />,
    },
  ];
  const nothing = p.changes.length === 0;
  const reasonMissing = p.needsReason && !reason.trim();
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid="upload-preview">
      <Alert
        type={nothing ? 'info' : 'success'}
        showIcon
        title={nothing ? t('nothingChanges') : t('cleanFile', p.result)}
        style={{ marginBottom: 8 }}
      />
      {p.truncated && (
        <Typography.Paragraph>{t('truncated', { n: p.changes.length })}</Typography.Paragraph>
      )}
      {p.needsReason && (
        <div style={{ marginBottom: 8 }}>
          <label htmlFor="entry-import-reason">{t('importReason')}</label>
          <Input
            id="entry-import-reason"
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      )}
      <Flex justify="flex-end" gap={8} style={{ marginBottom: 8 }}>
        <ExportButton
          fileName={`${t('changesSheet')}-${a.region.code}-${a.period}`}
          disabled={nothing}
          sheet={() => ({
            name: t('changesSheet'),
            caption: [s.file.name],
            columns: [
              {
                title: t('indicator'),
                value: (c: PreviewChange) => names.get(c.indicator) ?? c.indicator,
              },
              { title: t('period'), value: (c: PreviewChange) => c.period },
              { title: t('oldValue'), value: (c: PreviewChange) => c.oldValue },
              { title: t('newValue'), value: (c: PreviewChange) => c.value },
              {
                title: t('oldStatus'),
                value: (c: PreviewChange) =>
                  t(c.oldStatus ? `status.${c.oldStatus}` : 'status.none'),
              },
            ],
            rows: p.changes,
          })}
        />
        <Button onClick={upload.reset}>{t('discard')}</Button>
        <Button
          type="primary"
          disabled={nothing || reasonMissing}
          loading={upload.confirming}
          onClick={() => void upload.confirm(reason)}
          data-testid="upload-confirm"
        >
          {t('confirmImport')}
        </Button>
      </Flex>
      {!nothing && (
        <Table
          size="small"
          columns={columns}
          dataSource={p.changes.map((c) => ({ ...c, key: `${c.indicator}|${c.period}` }))}
          pagination={false}
          scroll={{ x: 600 }}
        />
      )}
    </Card>
  );
}
