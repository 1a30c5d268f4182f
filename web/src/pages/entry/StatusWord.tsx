import {
  AuditOutlined,
  CheckCircleFilled,
  EditOutlined,
  MinusCircleOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.js';
import { m } from './messages.js';
import type { ValueStatus } from './types.js';

/** Colours dark enough for white text (WCAG AA); the word and an icon always go with them. */
const STYLE: Record<ValueStatus | 'none', { colour: string; icon: ReactNode }> = {
  none: { colour: '#595959', icon: <MinusCircleOutlined /> },
  draft: { colour: '#595959', icon: <EditOutlined /> },
  submitted: { colour: '#0958d9', icon: <SendOutlined /> },
  reviewed: { colour: '#006d75', icon: <AuditOutlined /> },
  approved: { colour: '#237804', icon: <CheckCircleFilled /> },
  returned: { colour: '#cf1322', icon: <RollbackOutlined /> },
};

/** A value's review status (草稿/已报送/已审核/已核定/已退回) in its colour, icon and word. */
export function StatusWord({ status }: { status: ValueStatus | null }) {
  const t = useT(m);
  const s = STYLE[status ?? 'none'];
  if (!status)
    return (
      <Tag icon={s.icon} style={{ color: s.colour, borderColor: s.colour, background: '#fff' }}>
        {t('status.none')}
      </Tag>
    );
  return (
    <Tag variant="solid" color={s.colour} icon={s.icon} style={{ marginInlineEnd: 0 }}>
      {t(`status.${status}`)}
    </Tag>
  );
}
