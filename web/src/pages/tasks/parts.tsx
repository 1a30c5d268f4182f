import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  MinusCircleOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import { useT } from '../../i18n/index.js';
import { m } from './messages.js';
import type { TaskStatus } from './types.js';

/** UI.md colours (grey, blue, green, red), dark enough for AA; the word and an icon always with them. */
const STYLE: Record<TaskStatus, { colour: string; icon: React.ReactNode }> = {
  not_started: { colour: '#595959', icon: <MinusCircleOutlined /> },
  in_progress: { colour: '#0958d9', icon: <ClockCircleOutlined /> },
  done: { colour: '#237804', icon: <CheckCircleFilled /> },
  overdue: { colour: '#cf1322', icon: <CloseCircleFilled /> },
};

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const t = useT(m);
  const s = STYLE[status];
  return (
    <Tag
      variant="solid"
      icon={s.icon}
      color={s.colour}
      style={{ color: '#fff', marginInlineEnd: 0 }}
      data-status={status}
    >
      {t(`status.${status}`)}
    </Tag>
  );
}
