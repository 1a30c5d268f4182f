import { useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { Data } from '../../components/Data.js';
import { useErrorText } from '../../components/PageState.js';
import { useT } from '../../i18n/index.js';
import { m } from './messages.js';
import type { IndustryRow } from './types.js';

interface Entry {
  industry?: string;
  policy?: string;
  enterprises?: string;
}

/** Enterprises as typed: split on 、,,;; and new lines, blanks dropped. */
const split = (text: string | undefined) =>
  (text ?? '')
    .split(/[、,,;;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** One or two leading industries of a county; the server checks the names (未知产业). */
export function EditDialog({
  county,
  countyName,
  rows,
  names,
  onClose,
}: {
  county: string;
  countyName: string;
  rows: IndustryRow[];
  names: string[];
  onClose: () => void;
}) {
  const t = useT(m);
  const errorText = useErrorText();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<React.ReactNode>(null);
  const [form] = Form.useForm<{ entries: Entry[] }>();
  const initial = [1, 2].map((position): Entry => {
    const r = rows.find((x) => x.position === position);
    return {
      industry: r?.industry,
      policy: r?.policy ?? '',
      enterprises: r?.enterprises.join('、'),
    };
  });
  const save = async (v: { entries: Entry[] }) => {
    const industries = v.entries
      .map((e, i) => ({ position: i + 1, e }))
      .filter(({ e }) => e.industry?.trim())
      .map(({ position, e }) => ({
        position,
        industry: e.industry!.trim(),
        ...(e.policy?.trim() ? { policy: e.policy.trim() } : {}),
        enterprises: split(e.enterprises),
        // The yearly figures stay with the industry they were reported for.
        figures:
          rows.find((r) => r.position === position && r.industry === e.industry!.trim())?.figures ??
          [],
      }));
    setBusy(true);
    setError(null);
    try {
      await api(`/industries/${county}`, { method: 'PUT', body: { industries } });
      void message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['/industries'] });
      await client.invalidateQueries({ queryKey: ['/industries/summary'] });
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const options = names.map((n) => ({ value: n }));
  return (
    <Modal
      open
      width={640}
      title={
        <span>
          {t('editTitle')} · <Data>{countyName}</Data>
        </span>
      }
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ entries: initial }}
        onFinish={(v) => void save(v)}
      >
        {[0, 1].map((i) => (
          <fieldset key={i} style={{ border: 0, padding: 0, margin: '0 0 8px' }}>
            <legend style={{ fontWeight: 600, fontSize: 14 }}>
              {i === 0 ? t('first') : t('second')}
            </legend>
            <Form.Item
              name={['entries', i, 'industry']}
              label={t('industry')}
              rules={
                i === 0
                  ? [{ required: true, whitespace: true, message: t('industryRequired') }]
                  : []
              }
            >
              <AutoComplete options={options} filterOption />
            </Form.Item>
            <Form.Item name={['entries', i, 'policy']} label={t('policy')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item name={['entries', i, 'enterprises']} label={t('enterprisesHint')}>
              <Input maxLength={1000} />
            </Form.Item>
          </fieldset>
        ))}
        {error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}
