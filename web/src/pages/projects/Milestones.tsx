import { Steps, Tooltip } from 'antd';
import { Data } from '../../components/Data.js';
import { SECONDARY } from '../../components/regions.js';
import { useLang, useT } from '../../i18n/index.js';
import { m } from './messages.js';
import type { MilestoneItem } from './types.js';

// Colours dark enough for white text (WCAG AA); each step also says its state in words.
const REACHED = '#237804';
const LATE = '#cf1322';
const AHEAD = '#d9d9d9';

const STEP_EN: Record<string, string> = {
  plan: 'Planning',
  sign: 'Signed',
  start: 'Started',
  operate: 'Operating',
  full: 'Full output',
};

/** A milestone's name: the ledger's word in Chinese, the English word in English. */
export function useMilestoneName() {
  const { lang } = useLang();
  return (s: Pick<MilestoneItem, 'milestone' | 'label'>) =>
    lang === 'zh' ? s.label : (STEP_EN[s.milestone] ?? s.label);
}

/** The planned and actual dates of a milestone, and how late it is, in words. */
function useStepText() {
  const t = useT(m);
  return (s: MilestoneItem) => {
    const parts = [t('plannedAt', { date: s.planned ?? t('none') })];
    if (s.reached) parts.push(s.actual ? t('actualAt', { date: s.actual }) : t('actualUnknown'));
    if (s.late && s.monthsLate !== null) parts.push(t('monthsLate', { n: s.monthsLate }));
    return parts.join(' · ');
  };
}

/** Five cells 谋划→签约→开工→投产→达产: reached green, late red with months late, ahead grey. */
export function MilestoneBar({ steps }: { steps: MilestoneItem[] }) {
  const name = useMilestoneName();
  const text = useStepText();
  const t = useT(m);
  const late = steps.filter((s) => s.late);
  const summary = steps.map((s) => `${name(s)}: ${text(s)}`).join(';');
  return (
    <div role="img" aria-label={summary} data-testid="milestone-bar">
      <Tooltip
        title={steps.map((s) => (
          <div key={s.milestone}>
            <Data>{name(s)}</Data> · {text(s)}
          </div>
        ))}
      >
        <div style={{ display: 'flex', gap: 2 }} tabIndex={0}>
          {steps.map((s) => (
            <span
              key={s.milestone}
              data-state={s.late ? 'late' : s.reached ? 'reached' : 'ahead'}
              style={{
                flex: 1,
                height: 8,
                borderRadius: 2,
                background: s.late ? LATE : s.reached ? REACHED : AHEAD,
              }}
            />
          ))}
        </div>
      </Tooltip>
      {late.length > 0 && (
        <div style={{ fontSize: 12, color: LATE, whiteSpace: 'nowrap' }}>
          {name(late[0]!)} {t('monthsLate', { n: Math.max(...late.map((s) => s.monthsLate ?? 0)) })}
        </div>
      )}
    </div>
  );
}

/** The milestones as steps with planned and actual dates (the project page). */
export function MilestoneSteps({ steps }: { steps: MilestoneItem[] }) {
  const name = useMilestoneName();
  const t = useT(m);
  const current = steps.filter((s) => s.reached).length;
  return (
    <Steps
      size="small"
      current={Math.max(0, current - 1)}
      data-testid="milestone-steps"
      items={steps.map((s) => ({
        // antd's error red (#ff4d4f) is too light for text: the late step's title in LATE.
        title: <span style={s.late ? { color: LATE } : undefined}>{name(s)}</span>,
        status: s.late ? 'error' : s.reached ? 'finish' : 'wait',
        description: (
          <div style={{ fontSize: 12 }}>
            <div style={{ color: SECONDARY }}>
              {t('plannedAt', { date: s.planned ?? t('none') })}
            </div>
            {s.reached && (
              <div style={{ color: REACHED }}>
                {s.actual ? t('actualAt', { date: s.actual }) : t('actualUnknown')}
              </div>
            )}
            {s.late && s.monthsLate !== null && (
              <div style={{ color: LATE }}>{t('monthsLate', { n: s.monthsLate })}</div>
            )}
          </div>
        ),
      }))}
    />
  );
}
