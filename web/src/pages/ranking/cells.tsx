import { RiseOutlined, TrophyOutlined } from '@ant-design/icons';
import { Space, Tag } from 'antd';
import type { RankedCounty, StabilityCounty } from '../../api/types.js';
import { common } from '../../i18n/common.js';
import { useT } from '../../i18n/index.js';
import { m } from './messages.js';

const W = 64;
const H = 12;

/**
 * A county's 5–95% rank interval over the weight draws as a thin bar on the scale 1..n (rank 1 at
 * the left), the median as a tick, and the two ranks as text — so a one-place difference between
 * two counties whose bars overlap is not over-read.
 */
export function StabilityBar({ s, n }: { s: StabilityCounty; n: number }) {
  const t = useT(m);
  const x = (rank: number) => (n <= 1 ? W / 2 : 2 + ((rank - 1) / (n - 1)) * (W - 4));
  const label = t('intervalTip', { p05: s.p05, p95: s.p95, median: s.median });
  const from = x(s.p05);
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      data-testid="stability"
      data-p05={s.p05}
      data-p95={s.p95}
      data-scale={n}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}
    >
      <svg width={W} height={H} aria-hidden="true" focusable="false">
        <rect x={0} y={5} width={W} height={2} fill="#d9d9d9" />
        <rect
          x={from}
          y={2}
          width={Math.max(2, x(s.p95) - from)}
          height={8}
          rx={2}
          fill="#85a5ff"
        />
        <rect x={x(s.median) - 1} y={0} width={2} height={H} fill="#10239e" />
      </svg>
      <span style={{ fontSize: 12, color: '#434343' }}>
        {s.p05}–{s.p95}
      </span>
    </span>
  );
}

/** While the draws are computed: the empty track, so the row does not shift when they arrive. */
export function StabilityPending() {
  return (
    <svg width={W} height={H} aria-hidden="true" focusable="false">
      <rect x={0} y={5} width={W} height={2} fill="#f0f0f0" />
    </svg>
  );
}

export const UP = '#237804';
export const DOWN = '#cf1322';

/** Rank change as ↑3 / ↓2 / —: up is good (green), down needs attention (red); arrow and words too. */
export function RankChange({ change }: { change: number | null }) {
  const t = useT(m);
  if (change === null || change === 0) {
    const label = change === null ? t('changeNone') : t('changeSame');
    return (
      <span
        title={label}
        aria-label={label}
        role="img"
        data-testid="change"
        style={{ color: '#595959' }}
      >
        —
      </span>
    );
  }
  const up = change > 0;
  const label = up ? t('changeUp', { n: change }) : t('changeDown', { n: -change });
  return (
    <span
      title={label}
      aria-label={label}
      role="img"
      data-testid="change"
      style={{ color: up ? UP : DOWN, fontWeight: 600, whiteSpace: 'nowrap' }}
    >
      {up ? '↑' : '↓'}
      {Math.abs(change)}
    </span>
  );
}

/** 先进县 / 进步县, each a dark tag with an icon and its word. */
export function Badges({ c }: { c: RankedCounty }) {
  const tc = useT(common);
  if (!c.advanced && !c.improved) return null;
  return (
    <Space size={4} wrap>
      {c.advanced && (
        <Tag color="#874d00" icon={<TrophyOutlined />} style={{ marginInlineEnd: 0 }}>
          {tc('advanced')}
        </Tag>
      )}
      {c.improved && (
        <Tag color="#006d75" icon={<RiseOutlined />} style={{ marginInlineEnd: 0 }}>
          {tc('improved')}
        </Tag>
      )}
    </Space>
  );
}
