import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  MinusCircleOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { Level, Status } from '../api/types.js';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/index.js';

/**
 * UI.md colours, dark enough for their text to pass WCAG AA; each status also carries its word
 * and an icon (colour-blind users, black-and-white print).
 */
export const STATUS_COLOUR: Record<Status, string> = {
  met: '#237804',
  nearly_met: '#faad14',
  not_met: '#cf1322',
  no_data: '#595959',
  not_applicable: '#d9d9d9',
};

const DARK_TEXT: ReadonlySet<Status> = new Set(['nearly_met', 'not_applicable']);

const STATUS_ICON: Record<Status, React.ReactNode> = {
  met: <CheckCircleFilled />,
  nearly_met: <ExclamationCircleFilled />,
  not_met: <CloseCircleFilled />,
  no_data: <QuestionCircleOutlined />,
  not_applicable: <MinusCircleOutlined />,
};

export function StatusTag({ status }: { status: Status }) {
  const t = useT(common);
  return (
    <Tag
      variant="solid"
      icon={STATUS_ICON[status]}
      color={STATUS_COLOUR[status]}
      style={{ color: DARK_TEXT.has(status) ? '#262626' : '#fff', marginInlineEnd: 0 }}
    >
      {t(`status.${status}`)}
    </Tag>
  );
}

export const LEVEL_COLOUR: Record<Level, string> = {
  red: '#cf1322',
  yellow: '#faad14',
  green: '#52c41a',
};

/** A warning level: a dot in its colour and the level in words. */
export function LevelTag({ level }: { level: Level }) {
  const t = useT(common);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 10,
          height: 10,
          borderRadius: 5,
          background: LEVEL_COLOUR[level],
          marginInlineEnd: 6,
        }}
      />
      {t(`level.${level}`)}
    </span>
  );
}
