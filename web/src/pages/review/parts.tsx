import {
  CheckCircleFilled,
  ClockCircleOutlined,
  EditOutlined,
  RollbackOutlined,
  SendOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { Finding } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { useT } from '../../i18n/index.js';
import { formatSigned } from '../../lib/format.js';
import { m, type Key } from './messages.js';
import type { QueueRow, ValueStatus } from './types.js';

/** A value's place in the chain: colour, icon and word (never the colour alone). */
const STATUS_STYLE: Record<ValueStatus, { colour: string; icon: React.ReactNode }> = {
  draft: { colour: '#595959', icon: <EditOutlined /> },
  submitted: { colour: '#0958d9', icon: <SendOutlined /> },
  reviewed: { colour: '#531dab', icon: <ClockCircleOutlined /> },
  approved: { colour: '#237804', icon: <CheckCircleFilled /> },
  returned: { colour: '#cf1322', icon: <RollbackOutlined /> },
};

export function ValueStatusTag({ status }: { status: ValueStatus | null }) {
  const t = useT(m);
  if (!status) return <span>—</span>;
  const s = STATUS_STYLE[status] ?? STATUS_STYLE.draft;
  return (
    <Tag
      icon={s.icon}
      style={{ background: '#fff', color: s.colour, borderColor: s.colour, marginInlineEnd: 0 }}
    >
      {t(`status.${status}` as Key)}
    </Tag>
  );
}

const SEVERITY_COLOUR: Record<string, string> = {
  error: '#cf1322',
  warning: '#ad4e00',
  info: '#595959',
};

/** The value's data-quality findings as tags: severity and check in words, the message on hover. */
export function FindingTags({ findings }: { findings: Finding[] }) {
  const t = useT(m);
  if (findings.length === 0) return <span style={{ color: '#595959' }}>{t('noFindings')}</span>;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {findings.map((f, i) => {
        const colour = SEVERITY_COLOUR[f.severity] ?? '#595959';
        const check = `check.${f.check}` as Key;
        const name = check in m.zh ? t(check) : f.check;
        return (
          <Tooltip key={i} title={<Data>{f.message}</Data>}>
            <Tag
              icon={<WarningFilled />}
              tabIndex={0}
              style={{
                background: '#fff',
                color: colour,
                borderColor: colour,
                marginInlineEnd: 0,
                whiteSpace: 'normal',
              }}
            >
              {t(`severity.${f.severity}` as Key)}:{name}
            </Tag>
          </Tooltip>
        );
      })}
    </span>
  );
}

/** The change on last year, signed, with its unit: +0.5 个百分点 for rates, +5.0% for levels. */
export function changeText(
  r: Pick<QueueRow, 'change' | 'changeUnit'>,
  t: (k: Key) => string,
): string {
  if (r.change === null) return '—';
  const text = formatSigned(r.change, '%');
  return r.changeUnit === '%' ? `${text}%` : `${text} ${t('unit.pp')}`;
}
