import { CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { Button, Flex, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { CHECKS } from '../../../../src/core/quality/types.js';
import { useQuality, type Selected } from '../../api/queries.js';
import type { Finding, Severity } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { ListTable } from '../../components/ListTable.js';
import {
  BadFilters,
  FilterBar,
  FilteredExport,
  FilterSelect,
  useUrlFilters,
} from '../../components/filters.js';
import { Page } from '../../components/Page.js';
import { stateOf } from '../../components/PageState.js';
import {
  nameInMessage,
  PrefectureFilter,
  useIndicatorNames,
  useRegionIndex,
} from '../../components/regions.js';
import { Summary } from '../../components/Summary.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText } from '../../lib/format.js';
import { m } from './messages.js';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const FILTERS = ['check', 'prefecture', 'severity'] as const;
const KNOWN: readonly string[] = CHECKS;

const SEVERITY_STYLE: Record<Severity, { colour: string; icon: ReactNode }> = {
  error: { colour: '#cf1322', icon: <CloseCircleFilled style={{ color: '#cf1322' }} /> },
  warning: { colour: '#faad14', icon: <ExclamationCircleFilled style={{ color: '#ad6800' }} /> },
  info: { colour: '#1677ff', icon: <InfoCircleFilled style={{ color: '#0958d9' }} /> },
};

function useCheckText() {
  const t = useT(m);
  const known = (c: string) => KNOWN.includes(c);
  return {
    name: (c: string) => (known(c) ? t(`check.${c as (typeof CHECKS)[number]}`) : c),
    desc: (c: string) =>
      known(c) ? t(`checkDesc.${c as (typeof CHECKS)[number]}`) : t('checkDesc.other'),
  };
}

/** A severity: its colour, an icon and the word. */
function SeverityTag({ severity }: { severity: Severity }) {
  const t = useT(m);
  const s = SEVERITY_STYLE[severity] ?? SEVERITY_STYLE.info;
  return (
    <Tooltip title={t(`severityDesc.${severity}`)}>
      <Tag
        tabIndex={0}
        icon={s.icon}
        style={{ background: '#fff', color: '#262626', borderColor: s.colour, marginInlineEnd: 0 }}
      >
        {t(`severity.${severity}`)}
      </Tag>
    </Tooltip>
  );
}

function CheckName({ check }: { check: string }) {
  const text = useCheckText();
  return (
    <Tooltip title={text.desc(check)}>
      <span tabIndex={0}>{text.name(check)}</span>
    </Tooltip>
  );
}

interface Row extends Finding {
  key: string;
  indicatorName: string | undefined;
}

const countyOf = (r: Row) => ({ code: r.region, name: r.regionName });

function Findings(s: Selected) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const text = useCheckText();
  const filters = useUrlFilters(FILTERS);
  const regions = useRegionIndex();
  const indicatorNames = useIndicatorNames(s.plan);
  const all = useQuality(s);

  const checks = [
    ...KNOWN,
    ...(all.data?.findings.map((f) => f.check).filter((c) => !KNOWN.includes(c)) ?? []),
  ].filter((c, i, a) => a.indexOf(c) === i);
  const { valid, bad } = filters.check({
    check: (c) => checks.includes(c),
    prefecture: regions.mayBePrefecture,
    severity: (x) => (SEVERITIES as string[]).includes(x),
  });
  const { check, prefecture } = valid;
  const severity = valid.severity as Severity | undefined;

  // The check is the API's own filter; prefecture and severity select among its findings.
  const q = useQuality(s, { check });

  const state = stateOf(all, q);
  if (state) return state;
  const data = all.data!;
  const period = periodText(s.period, lang);
  const indicatorOf = (f: Finding) =>
    indicatorNames.get(f.indicator) ??
    (f.check === 'revision_after_approval' ? undefined : nameInMessage(f.message));
  const rows: Row[] = q
    .data!.findings.filter(
      (f) => !prefecture || regions.prefectureOf(f.region)?.code === prefecture,
    )
    .filter((f) => !severity || f.severity === severity)
    .map((f, i) => ({
      ...f,
      key: `${f.region}|${f.indicator}|${f.check}|${i}`,
      indicatorName: indicatorOf(f),
    }));
  const perCheck = (c: string) => data.findings.filter((f) => f.check === c).length;
  const perSeverity = (x: Severity) => data.findings.filter((f) => f.severity === x).length;
  const shownPrefectures = regions.prefecturesOf(
    new Set(data.findings.map((f) => f.region)),
    prefecture,
  );

  const columns: ColumnsType<Row> = [
    ...regions.countyColumns(countyOf),
    {
      title: tc('indicator'),
      key: 'indicator',
      width: 190,
      render: (_, r) => (r.indicatorName ? <Data>{r.indicatorName}</Data> : '—'),
    },
    {
      title: t('check'),
      key: 'check',
      width: 170,
      render: (_, r) => <CheckName check={r.check} />,
    },
    {
      title: t('severity'),
      key: 'severity',
      width: 110,
      render: (_, r) => <SeverityTag severity={r.severity} />,
    },
    { title: t('message'), key: 'message', render: (_, r) => <Data>{r.message}</Data> },
  ];

  const filterText = [
    check ? text.name(check) : undefined,
    prefecture ? regions.byCode.get(prefecture)?.name : undefined,
    severity ? t(`severity.${severity}`) : undefined,
  ];
  const nothingChecked = data.checked === 0;

  return (
    <>
      <SyntheticBanner synthetic={data.synthetic} />
      <BadFilters bad={bad} onClear={filters.clear} />
      <Summary
        title={
          <Flex justify="space-between" wrap gap={8} style={{ fontWeight: 'normal' }}>
            <Typography.Text strong>
              {t('byCheck')} · {period}
            </Typography.Text>
            <Typography.Text data-testid="quality-totals">
              {data.checked !== null && data.counties !== null
                ? `${t('checked', { checked: data.checked, counties: data.counties })} · `
                : ''}
              {t('findings', { n: data.findings.length })}
              {' · '}
              {SEVERITIES.map((x) => `${t(`severity.${x}`)} ${perSeverity(x)}`).join(' · ')}
            </Typography.Text>
          </Flex>
        }
      >
        <Flex wrap gap={6} data-testid="check-summary">
          {checks.map((c) => {
            const n = perCheck(c);
            return (
              <Tooltip key={c} title={text.desc(c)}>
                <Button
                  size="small"
                  aria-pressed={check === c}
                  type={check === c ? 'primary' : 'default'}
                  onClick={() => filters.set({ check: check === c ? undefined : c })}
                  data-testid={`summary-${c}`}
                  aria-label={`${t('filterByCheck', { check: text.name(c) })}: ${n}`}
                  style={n === 0 && check !== c ? { color: '#595959' } : undefined}
                >
                  {text.name(c)} <strong data-testid={`count-${c}`}>{n}</strong>
                </Button>
              </Tooltip>
            );
          })}
        </Flex>
      </Summary>
      <FilterBar
        filters={filters}
        shown={
          <Typography.Text data-testid="shown">
            {t('findingsShown', { n: rows.length, total: data.findings.length })}
          </Typography.Text>
        }
        extra={
          <FilteredExport
            title={t('title')}
            period={s.period}
            filters={filterText}
            synthetic={data.synthetic}
            columns={[
              ...regions.countyExportColumns(countyOf),
              { title: tc('indicator'), value: (r: Row) => r.indicatorName ?? '' },
              { title: t('check'), value: (r: Row) => text.name(r.check) },
              { title: t('severity'), value: (r: Row) => t(`severity.${r.severity}`) },
              { title: t('message'), value: (r: Row) => r.message },
            ]}
            rows={rows}
          />
        }
      >
        <FilterSelect
          label={t('check')}
          all={t('allChecks')}
          value={check}
          options={checks.map((c) => ({ value: c, label: text.name(c) }))}
          onChange={(x) => filters.set({ check: x })}
          width={220}
          wide
          testId="filter-check"
        />
        <PrefectureFilter
          value={prefecture}
          options={shownPrefectures}
          onChange={(x) => filters.set({ prefecture: x })}
        />
        <FilterSelect
          label={t('severity')}
          all={t('allSeverities')}
          value={severity}
          options={SEVERITIES.map((x) => ({ value: x, label: t(`severity.${x}`) }))}
          onChange={(x) => filters.set({ severity: x })}
          testId="filter-severity"
        />
      </FilterBar>
      <ListTable
        rows={rows}
        columns={columns}
        empty={
          filters.any
            ? t('emptyFiltered')
            : nothingChecked
              ? t('emptyNothingChecked', { period })
              : t('empty', { period })
        }
        width={1000}
        paged
        testId="quality-table"
      />
    </>
  );
}

export default function QualityPage() {
  const t = useT(m);
  return (
    <Page view="quality" title={t('title')}>
      {(s) => <Findings {...s} />}
    </Page>
  );
}
