import { Card } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useQuality, useWarnings, type Selected } from '../../api/queries.js';
import type { Finding, WarningRow } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { ListTable } from '../../components/ListTable.js';
import { stateOf } from '../../components/PageState.js';
import { LevelTag } from '../../components/StatusTag.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText } from '../../lib/format.js';
import { m, names } from './messages.js';

type NameKey = keyof typeof names.zh;

/** A rule's or check's name in the user's language, or the API's own (Chinese) name as data. */
function useName() {
  const t = useT(names);
  return (key: string, fallback: string) =>
    key in names.zh ? t(key as NameKey) : <Data>{fallback}</Data>;
}

/** The county's own rows of an answer (the API may give more), keyed by their place. */
function ofCounty<R extends { region: string }>(list: R[] | undefined, code: string) {
  return (list ?? []).filter((x) => x.region === code).map((x, i) => ({ ...x, key: `${i}` }));
}

/** A card of the profile: the list once its answer is in, the loading or error state before. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} styles={{ body: { padding: 0 } }}>
      {children}
    </Card>
  );
}

/** The county's warnings: level, rule and the message with the numbers that fired it. */
export function Warnings({ sel, code }: { sel: Selected; code: string }) {
  const t = useT(m);
  const name = useName();
  const q = useWarnings(sel, { region: code });
  const rows = ofCounty(q.data?.warnings, code);
  const columns: ColumnsType<WarningRow & { key: string }> = [
    { title: t('level'), key: 'level', width: 120, render: (_, w) => <LevelTag level={w.level} /> },
    {
      title: t('rule'),
      key: 'rule',
      width: 170,
      render: (_, w) => name(`rule.${w.rule}`, w.ruleName),
    },
    { title: t('message'), key: 'message', render: (_, w) => <Data>{w.message}</Data> },
  ];
  return (
    <Section title={t('warnings')}>
      {stateOf(q) ?? (
        <ListTable
          rows={rows}
          columns={columns}
          empty={t('noWarnings')}
          width={900}
          testId="county-warnings"
        />
      )}
    </Section>
  );
}

/** The county's data-quality findings: check, severity, period and the message. */
export function Quality({ sel, code }: { sel: Selected; code: string }) {
  const t = useT(m);
  const { lang } = useLang();
  const name = useName();
  const q = useQuality(sel, { region: code });
  const rows = ofCounty(q.data?.findings, code);
  const severity = (s: Finding['severity']) =>
    s === 'error'
      ? t('severity.error')
      : s === 'warning'
        ? t('severity.warning')
        : s === 'info'
          ? t('severity.info')
          : s;
  const columns: ColumnsType<Finding & { key: string }> = [
    {
      title: t('check'),
      key: 'check',
      width: 190,
      render: (_, f) => name(`check.${f.check}`, f.check),
    },
    { title: t('severity'), key: 'severity', width: 96, render: (_, f) => severity(f.severity) },
    {
      title: t('periodCol'),
      key: 'period',
      width: 120,
      render: (_, f) => periodText(f.period, lang),
    },
    { title: t('message'), key: 'message', render: (_, f) => <Data>{f.message}</Data> },
  ];
  const checked = q.data?.checked;
  return (
    <Section title={t('quality')}>
      {stateOf(q) ?? (
        <ListTable
          rows={rows}
          columns={columns}
          empty={
            typeof checked === 'number' ? t('noFindingsChecked', { checked }) : t('noFindings')
          }
          width={900}
          testId="county-quality"
        />
      )}
    </Section>
  );
}
