import { Flex, Select, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import { Data } from '../../components/Data.js';
import { Page } from '../../components/Page.js';
import { ReminderNotice } from '../../components/Reminders.js';
import { stateOf } from '../../components/PageState.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText } from '../../lib/format.js';
import { EntryForm } from './EntryForm.js';
import { m } from './messages.js';
import type { EntryAnswer } from './types.js';
import { UploadPanel, UploadReport, useUpload } from './Upload.js';

/** The entry answer of the plan, region and month in the URL (the server's defaults otherwise). */
export function useEntry(plan: string, region: string | null, period: string | null) {
  return useApi<EntryAnswer>('/entry', {
    plan,
    ...(region ? { region } : {}),
    ...(period ? { period } : {}),
  });
}

function Choosers({ a }: { a: EntryAnswer }) {
  const t = useT(m);
  const { lang } = useLang();
  const [, setParams] = useSearchParams();
  const set = (k: 'region' | 'period', v: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set(k, v);
      return n;
    });
  return (
    <Flex gap={8} wrap align="center">
      {a.counties.length > 1 && (
        <Select
          aria-label={t('pickCounty')}
          data-testid="entry-county"
          showSearch={{ optionFilterProp: 'search' }}
          value={a.region.code}
          onChange={(v) => set('region', v)}
          style={{ width: 170 }}
          options={a.counties.map((c) => ({
            value: c.code,
            search: `${c.name} ${c.code}`,
            label: (
              <span>
                <Data>{c.name}</Data> {c.code}
              </span>
            ),
          }))}
        />
      )}
      <Select
        aria-label={t('pickMonth')}
        data-testid="entry-month"
        value={a.period}
        onChange={(v) => set('period', v)}
        style={{ width: 270 }}
        options={a.months.map((mo) => ({
          value: mo.period,
          label: t('monthOption', { label: periodText(mo.period, lang), due: mo.due }),
        }))}
      />
    </Flex>
  );
}

function Body({ plan }: { plan: string }) {
  const t = useT(m);
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const q = useEntry(plan, params.get('region'), params.get('period'));
  const a = q.data;
  const upload = useUpload(a);

  // Keep the county and month the page shows in the URL (the server chose them when it had none).
  useEffect(() => {
    if (!a || q.isPlaceholderData) return;
    if (params.get('period') === a.period && params.get('region') === a.region.code) return;
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set('plan', a.plan);
        n.set('period', a.period);
        n.set('region', a.region.code);
        return n;
      },
      { replace: true },
    );
  }, [a, q.isPlaceholderData, params, setParams]);

  const state = stateOf(q);
  if (state || !a) return state;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>
            <Data>
              {a.region.name}
              {a.region.prefecture ? ` · ${a.region.prefecture.name}` : ''}
            </Data>{' '}
            {a.region.code}
          </Typography.Text>
          <Typography.Text data-testid="entry-due">{t('due', { date: a.due })}</Typography.Text>
          <Tag
            style={{
              color: a.overdue ? '#cf1322' : '#237804',
              borderColor: a.overdue ? '#cf1322' : '#237804',
              background: '#fff',
            }}
          >
            {a.overdue ? t('overdue') : t('notOverdue')}
          </Tag>
        </Flex>
        <Choosers a={a} />
      </Flex>
      <ReminderNotice plan={a.plan} period={a.period} />
      <SyntheticBanner synthetic={a.synthetic} />
      {/* An upload's report or changes above the form: where the user looks after uploading. */}
      <UploadReport a={a} upload={upload} />
      <Flex gap={16} align="flex-start">
        <div style={{ flex: '1 1 auto', minWidth: 0 }}>
          <EntryForm
            key={`${a.region.code}|${a.period}`}
            a={a}
            maySubmit={user.role === 'county' || user.role === 'province'}
            onConflict={() => void q.refetch()}
          />
        </div>
        <div style={{ flex: '0 0 260px' }}>
          <UploadPanel a={a} upload={upload} />
        </div>
      </Flex>
    </>
  );
}

export default function EntryPage() {
  const t = useT(m);
  return (
    <Page view="entry" title={t('title')} needs="plan">
      {({ plan }) => <Body plan={plan} />}
    </Page>
  );
}
