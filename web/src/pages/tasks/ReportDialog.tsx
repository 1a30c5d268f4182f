import { useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useErrorText } from '../../components/PageState.js';
import { useT } from '../../i18n/index.js';
import { m } from './messages.js';
import type { TaskItem } from './types.js';

interface Values {
  date: string;
  text: string;
  percent?: number | null;
  evidence?: string;
  done?: boolean;
}

/** The lead unit's progress report: text required; percent, evidence and done optional. */
export function ReportDialog({
  task,
  today,
  onClose,
}: {
  task: TaskItem;
  today: string;
  onClose: () => void;
}) {
  const t = useT(m);
  const errorText = useErrorText();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<React.ReactNode>(null);
  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/tasks/${encodeURIComponent(task.plan)}/${task.no}/reports`, {
        method: 'POST',
        body: {
          date: v.date,
          text: v.text.trim(),
          ...(v.percent !== undefined && v.percent !== null ? { percent: v.percent } : {}),
          ...(v.evidence?.trim() ? { evidence: v.evidence.trim() } : {}),
          done: !!v.done,
        },
      });
      void message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['/tasks'] });
      await client.invalidateQueries({
        queryKey: [`/tasks/${encodeURIComponent(task.plan)}/${task.no}`],
      });
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('dialogTitle', { no: task.no })}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ date: today, done: false }}
        onFinish={(v) => void save(v)}
        data-testid="task-report-form"
      >
        <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('text')}
          rules={[{ required: true, whitespace: true, message: t('textRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="percent" label={t('percent')}>
          <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="evidence" label={t('evidence')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="done" valuePropName="checked">
          <Checkbox>{t('done')}</Checkbox>
        </Form.Item>
        {error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}
