import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  ConfigProvider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/client.js';
import { useApi } from '../../api/queries.js';
import { Data } from '../../components/Data.js';
import { useErrorText } from '../../components/PageState.js';
import { StatusTag } from '../../components/StatusTag.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText } from '../../lib/format.js';
import { m } from './messages.js';
import type {
  PlanFile,
  PlanListItem,
  PlanPreview,
  PlanView,
  ReadLine,
  TableReading,
  Target,
} from './types.js';

type TableScope = 'province' | 'county';
const SCOPES: TableScope[] = ['province', 'county'];

interface Pasted {
  text: string;
  year: number | null;
  reading?: TableReading;
  /** The text the reading was made of: another text means it must be read again. */
  readText?: string;
  /** Lines whose unreadable phrase the user chose to have judged by hand. */
  manual?: number[];
}

interface Meta {
  id: string;
  title: string;
  issuer: string;
  issued: string;
  start: number;
  end: number;
  source: string;
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
const ISSUED = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const WEB_SOURCE = '网页录入(从计划文件粘贴的指标表)';

/** The plan file of a plan as GET /api/plans/:id answers it (without the readings it adds). */
export function toPlanFile(v: PlanView): PlanFile {
  const {
    builtin: _b,
    updatedAt: _u,
    problems: _p,
    targets,
    categories,
    ...rest
  } = v as PlanView & Record<string, unknown>;
  return {
    ...rest,
    targets: targets.map((t) => {
      const { reading: _r, spec: _s, tolerance: _t, ...file } = t as typeof t &
        Record<string, unknown>;
      return file as Target;
    }),
    categories: categories.map(({ reading: _r, ...c }) => c),
  } as PlanFile;
}

/** A target as the plan file keeps it: without the line and reading the table answer adds. */
function fileTarget(t: TableReading['targets'][number]): Target {
  const { line: _l, reading: _r, offer: _o, ...rest } = t;
  return rest;
}

/** A line's cells, editable where the line has a problem. */
function Cells({
  line,
  onEdit,
  scope,
}: {
  line: ReadLine;
  onEdit: (line: number, text: string) => void;
  scope: TableScope;
}) {
  const cells = line.text.split('\t');
  if (line.reasons.length === 0)
    return (
      <Data>
        {cells
          .map((c) => c.trim())
          .filter((c) => c !== '')
          .join(' | ')}
      </Data>
    );
  return (
    <Flex wrap gap={4}>
      {cells.map((c, i) => (
        <Input
          key={i}
          size="small"
          value={c}
          lang="zh-CN"
          aria-label={`${line.line}:${i + 1}`}
          data-testid={`cell-${scope}-${line.line}-${i}`}
          style={{ width: Math.min(260, Math.max(64, c.length * 14 + 24)) }}
          onChange={(e) => {
            const next = [...cells];
            next[i] = e.target.value.replace(/\t/g, ' ');
            onEdit(line.line, next.join('\t'));
          }}
        />
      ))}
    </Flex>
  );
}

function Result({
  line,
  onManual,
  scope,
}: {
  line: ReadLine;
  onManual: (line: number) => void;
  scope: TableScope;
}) {
  const t = useT(m);
  const items: ReactNode[] = line.targets.map((x, i) => (
    <div key={`t${i}`}>
      {x.reading === null ? (
        <CloseCircleFilled style={{ color: '#cf1322' }} />
      ) : (
        <CheckCircleFilled style={{ color: '#237804' }} />
      )}{' '}
      <Data>
        {x.year} · {x.phrase}
        {x.reading !== null && ` → ${x.reading}`}
      </Data>
      {x.offer === 'manual' && (
        <Button
          size="small"
          type="link"
          onClick={() => onManual(line.line)}
          data-testid={`manual-${scope}-${line.line}`}
        >
          {t('judgeByHand')}
        </Button>
      )}
    </div>
  ));
  for (const [i, r] of line.reasons.entries())
    items.push(
      <div key={`r${i}`} style={{ color: '#a8071a' }} role="note">
        <WarningFilled /> <Data>{r}</Data>
      </div>,
    );
  return <>{items}</>;
}

function TablePaste({
  scope,
  pasted,
  onChange,
  onRead,
  reading,
}: {
  scope: TableScope;
  pasted: Pasted;
  onChange: (p: Pasted) => void;
  onRead: (manual?: number[]) => void;
  reading: boolean;
}) {
  const t = useT(m);
  const r = pasted.reading;
  const stale = r !== undefined && pasted.readText !== pasted.text;
  const editLine = (line: number, text: string) => {
    const lines = pasted.text.split(/\r?\n/);
    lines[line - 1] = text;
    onChange({ ...pasted, text: lines.join('\n') });
  };
  const columns: ColumnsType<ReadLine> = [
    { title: t('line'), dataIndex: 'line', key: 'line', width: 56 },
    {
      title: t('cells'),
      key: 'cells',
      render: (_, l) => <Cells line={l} onEdit={editLine} scope={scope} />,
    },
    {
      title: t('result'),
      key: 'result',
      width: 420,
      render: (_, l) => (
        <Result
          line={l}
          scope={scope}
          onManual={(n) => onRead([...new Set([...(pasted.manual ?? []), n])])}
        />
      ),
    },
  ];
  const bad = r ? new Set(r.problems.map((p) => p.line)).size : 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      <Typography.Text type="secondary">
        {t('pasteHintBefore')}
        <Data>序号 主要指标 …</Data>
        {t('pasteHintAfter')}
      </Typography.Text>
      <Input.TextArea
        rows={5}
        value={pasted.text}
        lang="zh-CN"
        aria-label={scope === 'province' ? t('pasteProvince') : t('pasteCounty')}
        placeholder={t('pastePlaceholder')}
        data-testid={`paste-${scope}`}
        onChange={(e) => onChange({ ...pasted, text: e.target.value })}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
      />
      <Flex gap={8} align="center" wrap>
        <label>
          {t('tableYear')}{' '}
          <InputNumber
            min={1949}
            max={2100}
            value={pasted.year}
            onChange={(v) => onChange({ ...pasted, year: v })}
            aria-label={t('tableYear')}
          />
        </label>
        <Button
          onClick={() => onRead()}
          loading={reading}
          disabled={pasted.text.trim() === ''}
          data-testid={`read-${scope}`}
        >
          {r ? t('reread') : t('read')}
        </Button>
        {r && !stale && (
          <span data-testid={`summary-${scope}`}>
            {r.problems.length === 0
              ? t('readClean', { targets: r.targets.length })
              : t('readSummary', { targets: r.targets.length, bad })}
          </span>
        )}
        {stale && (
          <Typography.Text type="warning" data-testid={`stale-${scope}`}>
            <WarningFilled /> {t('stale')}
          </Typography.Text>
        )}
      </Flex>
      {r && r.problems.length > 0 && <Alert type="warning" showIcon title={t('fixHint')} />}
      {r && (
        <Table<ReadLine>
          size="small"
          rowKey="line"
          columns={columns}
          dataSource={r.lines}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('noRows') }}
          rowClassName={(l) => (l.reasons.length > 0 ? 'plan-line-bad' : '')}
          onRow={(l) => ({ style: l.reasons.length > 0 ? { background: '#fff1f0' } : {} })}
          data-testid={`lines-${scope}`}
        />
      )}
    </Space>
  );
}

function PreviewBody({ preview }: { preview: PlanPreview }) {
  const t = useT(m);
  const { lang } = useLang();
  const side = (s: PlanPreview['changes'][number]['before'], none: string) =>
    s ? (
      <Space size={4} wrap>
        <Data>{s.phrase}</Data>
        <StatusTag status={s.status} />
      </Space>
    ) : (
      <span>{none}</span>
    );
  const c = preview.counts;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {preview.period ? (
        <Typography.Text>
          {preview.replaces
            ? t('previewPeriod', { period: periodText(preview.period, lang) })
            : t('previewNew')}
        </Typography.Text>
      ) : null}
      <Typography.Text strong data-testid="preview-counts">
        {t('previewCounts', {
          changed: c.changed,
          status: c.statusChanged,
          added: c.added,
          removed: c.removed,
          unchanged: c.unchanged,
        })}
      </Typography.Text>
      {preview.total === 0 ? (
        <Typography.Text>{t('previewNone')}</Typography.Text>
      ) : (
        <>
          {preview.total > preview.changes.length && (
            <Typography.Text type="secondary">
              {t('previewShown', { n: preview.changes.length, total: preview.total })}
            </Typography.Text>
          )}
          {/* A region of its own that scrolls, reachable by keyboard. */}
          <div
            tabIndex={0}
            role="region"
            aria-label={t('previewTitle')}
            style={{ maxHeight: 340, overflow: 'auto' }}
          >
          <Table
            size="small"
            rowKey={(r) => `${r.region}|${r.indicator}|${r.scope}|${r.year}`}
            pagination={false}
            dataSource={preview.changes}
            data-testid="preview-changes"
            columns={[
              {
                title: t('county'),
                key: 'county',
                width: 140,
                render: (_, r) => (
                  <span>
                    <Data>{r.regionName}</Data>{' '}
                    <span style={{ fontSize: 12, color: '#595959' }}>{r.region}</span>
                  </span>
                ),
              },
              {
                title: t('indicator'),
                key: 'indicator',
                render: (_, r) => <Data>{r.name}</Data>,
              },
              {
                title: t('before'),
                key: 'before',
                width: 190,
                render: (_, r) => side(r.before, t('addedSide')),
              },
              {
                title: t('after'),
                key: 'after',
                width: 190,
                render: (_, r) => side(r.after, t('removedSide')),
              },
            ]}
          />
          </div>
        </>
      )}
    </Space>
  );
}

/** Server problems (a VALIDATION answer's details) in a list under the error. */
function ServerError({ error }: { error: unknown }) {
  const t = useT(m);
  const errorText = useErrorText();
  const problems =
    error instanceof ApiError
      ? ((error.details as { problems?: { path: string; value: string; reason: string }[] })
          ?.problems ?? [])
      : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorText(error)}
      description={
        problems.length > 0 ? (
          <>
            {t('serverProblems')}
            <ul style={{ margin: 0 }}>
              {problems.slice(0, 20).map((p, i) => (
                <li key={i}>
                  <Data>
                    {p.path} 「{p.value}」 {p.reason}
                  </Data>
                </li>
              ))}
            </ul>
          </>
        ) : undefined
      }
    />
  );
}

/**
 * Creates a plan (`base` undefined) or changes one: the plan's details, the 附件 tables pasted
 * from the document and read line by line (fixed in place and read again), and the save, which
 * first shows what it changes in the evaluation when data depend on the plan.
 */
export function PlanEditor({
  plans,
  base,
  onClose,
}: {
  plans: readonly PlanListItem[];
  base?: PlanView;
  onClose: () => void;
}) {
  const t = useT(m);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Meta>();
  const editing = base !== undefined;
  // A new plan of the same family starts from the newest plan's categories and settings.
  const [baseId, setBaseId] = useState<string | undefined>(
    () =>
      [...plans].sort((a, b) => b.period.start - a.period.start || b.id.localeCompare(a.id))[0]
        ?.id,
  );
  const draft = useApi<PlanView>(`/plans/${baseId ?? ''}`, undefined, !editing && !!baseId);
  const [tables, setTables] = useState<Record<TableScope, Pasted>>({
    province: { text: '', year: null },
    county: { text: '', year: null },
  });
  const [blocked, setBlocked] = useState(false);
  const [preview, setPreview] = useState<{ plan: PlanFile; answer: PlanPreview } | null>(null);

  const read = useMutation({
    mutationFn: ({ scope, manual: chosen }: { scope: TableScope; manual?: number[] }) => {
      const p = tables[scope];
      const manual = chosen ?? p.manual ?? [];
      return api<TableReading>('/plans/read-table', {
        method: 'POST',
        body: {
          text: p.text,
          scope,
          ...(p.year === null ? {} : { year: p.year }),
          ...((editing ? base.id : baseId) ? { plan: editing ? base.id : baseId } : {}),
          ...(manual.length > 0 ? { manual } : {}),
        },
      }).then((reading) => ({ scope, reading, text: p.text, manual }));
    },
    onSuccess: ({ scope, reading, text, manual }) => {
      setBlocked(false);
      setTables((all) => ({
        ...all,
        [scope]: { ...all[scope], reading, readText: text, manual },
      }));
    },
  });

  const save = useMutation({
    mutationFn: (plan: PlanFile) =>
      api<{ id: string; saved: boolean }>(`/plans/${plan.id}`, { method: 'PUT', body: plan }),
    onSuccess: async (r) => {
      setPreview(null);
      void message.success(r.saved ? t('saved', { id: r.id }) : t('unchanged'));
      // A plan decides every evaluation: every answer may have changed.
      await client.invalidateQueries();
      onClose();
      void navigate(`/plans/${r.id}`);
    },
  });

  const check = useMutation({
    mutationFn: (plan: PlanFile) =>
      api<PlanPreview>(`/plans/${plan.id}/preview`, { method: 'POST', body: plan }).then(
        (answer) => ({ plan, answer }),
      ),
    onSuccess: (r) => {
      if (r.answer.dependsOnData) setPreview(r);
      else save.mutate(r.plan);
    },
  });

  const candidate = (meta: Meta): PlanFile => {
    const from: PlanFile = editing
      ? toPlanFile(base)
      : draft.data
        ? { ...toPlanFile(draft.data), targets: [], tasks: [] }
        : {
            id: meta.id,
            title: meta.title,
            issuer: meta.issuer,
            issued: meta.issued,
            period: { start: meta.start, end: meta.end },
            source: meta.source,
            province: '230000',
            countyScope: { kinds: ['县', '自治县', '县级市'] },
            targets: [],
            categories: [],
            tasks: [],
          };
    if (!editing) delete from.titleEn;
    let targets = from.targets;
    for (const scope of SCOPES) {
      const r = tables[scope].reading;
      if (!r) continue;
      targets = [...targets.filter((x) => x.table !== scope), ...r.targets.map(fileTarget)];
    }
    return {
      ...from,
      id: meta.id,
      title: meta.title,
      issuer: meta.issuer,
      issued: meta.issued,
      period: { start: meta.start, end: meta.end },
      source: meta.source,
      targets,
    };
  };

  const onSave = async () => {
    let meta: Meta;
    try {
      meta = await form.validateFields();
    } catch {
      return;
    }
    const unread = SCOPES.some((s) => {
      const p = tables[s];
      return (
        (p.reading && (p.readText !== p.text || p.reading.problems.length > 0)) ||
        (!p.reading && p.text.trim() !== '')
      );
    });
    setBlocked(unread);
    if (unread) return;
    check.mutate(candidate(meta));
  };

  const initial: Partial<Meta> = base
    ? {
        id: base.id,
        title: base.title,
        issuer: base.issuer,
        issued: base.issued,
        start: base.period.start,
        end: base.period.end,
        source: base.source,
      }
    : { source: WEB_SOURCE, start: new Date().getFullYear(), end: new Date().getFullYear() };
  const taken = new Set(plans.map((p) => p.id));
  const field = (name: keyof Meta, label: string, extra: object[] = []) => ({
    name,
    label,
    rules: [{ required: true, message: t('required', { field: label }) }, ...extra],
  });
  const error = read.error ?? check.error ?? save.error;

  return (
    // Form errors in the status red (#cf1322): antd's #ff4d4f is too light for WCAG AA on white.
    <ConfigProvider theme={{ token: { colorError: '#cf1322' } }}>
    <Card
      title={editing ? t('editorEdit') : t('editorNew')}
      extra={<Button onClick={onClose}>{t('close')}</Button>}
      style={{ marginBottom: 16 }}
      data-testid="plan-editor"
    >
      <Form<Meta> form={form} layout="vertical" initialValues={initial} requiredMark={false}>
        <Row gutter={12}>
          <Col flex="160px">
            <Form.Item
              {...field('id', t('id'), [
                { pattern: ID, message: t('idRule') },
                {
                  validator: (_: unknown, v: string) =>
                    !editing && taken.has(v)
                      ? Promise.reject(new Error(t('idTaken', { id: v })))
                      : Promise.resolve(),
                },
              ])}
            >
              <Input disabled={editing} data-testid="meta-id" />
            </Form.Item>
          </Col>
          <Col flex="1">
            <Form.Item {...field('title', t('titleField'))}>
              <Input lang="zh-CN" data-testid="meta-title" />
            </Form.Item>
          </Col>
          <Col flex="260px">
            <Form.Item {...field('issuer', t('issuer'))}>
              <Input lang="zh-CN" data-testid="meta-issuer" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col flex="150px">
            <Form.Item {...field('issued', t('issued'), [{ pattern: ISSUED, message: t('issuedRule') }])}>
              <Input placeholder="2026-05-03" data-testid="meta-issued" />
            </Form.Item>
          </Col>
          <Col flex="120px">
            <Form.Item {...field('start', `${t('period')} ↦`)}>
              <InputNumber min={1949} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col flex="120px">
            <Form.Item
              {...field('end', `${t('period')} ⇥`, [
                ({ getFieldValue }: { getFieldValue: (k: string) => unknown }) => ({
                  validator: (_: unknown, v: number) =>
                    v >= Number(getFieldValue('start'))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('periodRule'))),
                }),
              ])}
            >
              <InputNumber min={1949} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col flex="1">
            <Form.Item {...field('source', t('source'))}>
              <Input lang="zh-CN" />
            </Form.Item>
          </Col>
          {!editing && (
            <Col flex="220px">
              <Form.Item label={t('base')} tooltip={t('baseHint')}>
                <Select
                  value={baseId ?? ''}
                  onChange={(v) => setBaseId(v === '' ? undefined : v)}
                  options={[
                    ...plans.map((p) => ({ value: p.id, label: p.id })),
                    { value: '', label: t('baseNone') },
                  ]}
                  aria-label={t('base')}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
      <Tabs
        items={SCOPES.map((scope) => ({
          key: scope,
          label: (
            <span data-testid={`tab-${scope}`}>
              {scope === 'province' ? t('pasteProvince') : t('pasteCounty')}
            </span>
          ),
          children: (
            <TablePaste
              scope={scope}
              pasted={tables[scope]}
              reading={read.isPending && read.variables?.scope === scope}
              onChange={(p) => setTables((all) => ({ ...all, [scope]: p }))}
              onRead={(manual) => read.mutate({ scope, ...(manual ? { manual } : {}) })}
            />
          ),
        }))}
      />
      <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
        {blocked && <Alert type="error" showIcon role="alert" title={t('saveBlocked')} />}
        {error ? <ServerError error={error} /> : null}
        <Button
          type="primary"
          onClick={() => void onSave()}
          loading={check.isPending || save.isPending}
          data-testid="save-plan"
        >
          {t('save')}
        </Button>
      </Space>
      <Modal
        open={preview !== null}
        title={t('previewTitle')}
        width={860}
        okText={t('confirmSave')}
        cancelText={t('cancel')}
        confirmLoading={save.isPending}
        onOk={() => preview && save.mutate(preview.plan)}
        onCancel={() => setPreview(null)}
        okButtonProps={{ 'data-testid': 'confirm-save' }}
      >
        {preview && (
          <div data-testid="preview">
            <PreviewBody preview={preview.answer} />
          </div>
        )}
      </Modal>
    </Card>
    </ConfigProvider>
  );
}
