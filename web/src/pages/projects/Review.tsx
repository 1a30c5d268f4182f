import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { Role } from '../../api/types.js';
import { useErrorText } from '../../components/PageState.js';
import { useT } from '../../i18n/index.js';
import { m } from './messages.js';
import { actionsOf, type Action } from '../../../../src/core/review/index.js';
import type { ProjectItem } from './types.js';

/** The order of the buttons. */
const ORDER: readonly Action[] = ['submit', 'review', 'approve', 'return'];

const LABEL: Record<Action, 'submitAll' | 'reviewAll' | 'approveAll' | 'returnAll'> = {
  submit: 'submitAll',
  review: 'reviewAll',
  approve: 'approveAll',
  return: 'returnAll',
};

/**
 * Buttons acting on the shown projects each action applies to, by the review chain's own rule
 * (core/review: the server decides with it too); return asks for a reason.
 */
export function ReviewActions({
  role,
  items,
  period,
}: {
  role: Role;
  items: ProjectItem[];
  period: string;
}) {
  const t = useT(m);
  const errorText = useErrorText();
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<Action | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const run = async (action: Action, why?: string) => {
    const chosen = items.filter((p) => actionsOf(role, p.status).includes(action));
    setBusy(action);
    try {
      await api('/projects/review', {
        method: 'POST',
        body: {
          action,
          items: chosen.map((p) => ({ id: p.id, period })),
          ...(why ? { reason: why } : {}),
        },
      });
      void message.success(t('actionDone', { n: chosen.length }));
    } catch (e) {
      modal.error({ title: t('actionRefused'), content: errorText(e) });
    } finally {
      setBusy(null);
      await client.invalidateQueries({ queryKey: ['/projects'] });
    }
  };
  const takes = (a: Action) => items.filter((p) => actionsOf(role, p.status).includes(a));
  const actions = ORDER.filter((a) => takes(a).length > 0);
  if (actions.length === 0) return null;
  return (
    <Flex gap={8} wrap>
      {actions.map((a) => {
        const n = takes(a).length;
        return (
          <Button
            key={a}
            type={a === 'return' ? 'default' : 'primary'}
            loading={busy === a}
            data-testid={`projects-${a}`}
            onClick={() => (a === 'return' ? setReturning(true) : void run(a))}
          >
            {t(LABEL[a])} ({n})
          </Button>
        );
      })}
      <Modal
        open={returning}
        title={t('returnAll')}
        okText={t('returnAll')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        onCancel={() => setReturning(false)}
        onOk={() => {
          setReturning(false);
          void run('return', reason.trim());
        }}
      >
        <label htmlFor="projects-return-reason">{t('returnReason')}</label>
        <Input.TextArea
          id="projects-return-reason"
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {!reason.trim() && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t('reasonRequired')}
          </Typography.Text>
        )}
      </Modal>
    </Flex>
  );
}
