import { CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { Button, Card, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { CHECKS } from '../../../../src/core/quality/types.js';
import { useQuality, type Selected } from '../../api/queries.js';
import type { Finding, Severity } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { Page } from '../../components/Page.js';
import { PageState } from '../../components/PageState.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText } from '../../lib/format.js';
import {
  BadFilters,
  CountyName,
  nameInMessage,
  RegionName,
  useIndicatorNames,
  useRegionIndex,
  useUrlFilters,
} from '../warnings/shared.js';
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
  prefecture: string | undefined;
  prefectureName: string | undefined;
  indicatorName: string | undefined;
}

function Findings(s: Selected) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const text = useCheckText();
  const filters = useUrlFilters(FILTERS);
  const regions = useRegionIndex();
  const indicatorNames = useIndicatorNames(s.plan);
  const all = useQuality(s);

  const bad: string[] = [];
  const v = filters.values;
  const checks = [
    ...KNOWN,
    ...(all.data?.findings.map((f) => f.check).filter((c) => !KNOWN.includes(c)) ?? []),
  ].filter((c, i, a) => a.indexOf(c) === i);
  const check = v.check && checks.includes(v.check) ? v.check : undefined;
  if (v.check && !check) bad.push(`check=${v.check}`);
  const prefecture =
    v.prefecture && (regions.pending || regions.prefectures.some((p) => p.code === v.prefecture))
      ? v.prefecture
      : undefined;
  if (v.prefecture && !prefecture) bad.push(`prefecture=${v.prefecture}`);
  const severity =
    v.severity && (SEVERITIES as string[]).includes(v.severity)
      ? (v.severity as Severity)
      : undefined;
  if (v.severity && !severity) bad.push(`severity=${v.severity}`);

  // The check is the API's own filter; prefecture and severity select among its findings.
  const q = useQuality(s, { check });

  if (all.isPending || q.isPending) return <PageState loading />;
  if (all.isError) return <PageState error={all.error} onRetry={() => void all.refetch()} />;
  if (q.isError) return <PageState error={q.error} onRetry={() => void q.refetch()} />;
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
    .map((f, i) => {
      const p = regions.prefectureOf(f.region);
      return {
        ...f,
        key: `${f.region}|${f.indicator}|${f.check}|${i}`,
        prefecture: p?.code,
        prefectureName: p?.name,
        indicatorName: indicatorOf(f),
      };
    });
  const perCheck = (c: string) => data.findings.filter((f) => f.check === c).length;
  const perSeverity = (x: Severity) => data.findings.filter((f) => f.severity === x).length;
  const regionCodes = new Set(data.findings.map((f) => f.region));
  const shownPrefectures = regions.prefectures.filter(
    (p) =>
      p.code === prefecture ||
      [...regionCodes].some((c) => regions.prefectureOf(c)?.code === p.code),
  );

  const columns: ColumnsType<Row> = [
    {
      title: t('county'),
      key: 'county',
      width: 160,
      fixed: 'left',
      render: (_, r) => <CountyName code={r.region} name={r.regionName} />,
    },
    {
      title: tc('prefecture'),
      key: 'prefecture',
      width: 110,
      render: (_, r) => (
        <RegionName region={r.prefecture ? regions.byCode.get(r.prefecture) : undefined} />
      ),
    },
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
  ].filter(Boolean);
  const nothingChecked = data.checked === 0;

  return (
    <>
      <SyntheticBanner synthetic={data.synthetic} />
      <BadFilters bad={bad} onClear={filters.clear} />
      <Card
        size="small"
        style={{ marginBottom: 8 }}
        styles={{ body: { padding: '8px 12px' } }}
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
      </Card>
      <Flex align="center" justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
        <Flex align="center" wrap gap={8}>
          <Select
            aria-label={t('check')}
            style={{ width: 220 }}
            value={check ?? ''}
            onChange={(x: string) => filters.set({ check: x || undefined })}
            popupMatchSelectWidth={false}
            options={[
              { value: '', label: t('allChecks') },
              ...checks.map((c) => ({ value: c, label: text.name(c) })),
            ]}
            data-testid="filter-check"
          />
          <Select
            aria-label={tc('prefecture')}
            style={{ width: 150 }}
            value={prefecture ?? ''}
            onChange={(x: string) => filters.set({ prefecture: x || undefined })}
            options={[
              { value: '', label: t('allPrefectures') },
              ...shownPrefectures.map((p) => ({ value: p.code, label: <Data>{p.name}</Data> })),
            ]}
            data-testid="filter-prefecture"
          />
          <Select
            aria-label={t('severity')}
            style={{ width: 150 }}
            value={severity ?? ''}
            onChange={(x: string) => filters.set({ severity: x || undefined })}
            options={[
              { value: '', label: t('allSeverities') },
              ...SEVERITIES.map((x) => ({ value: x, label: t(`severity.${x}`) })),
            ]}
            data-testid="filter-severity"
          />
          {filters.any && <Button onClick={filters.clear}>{t('clear')}</Button>}
          <Typography.Text data-testid="shown">
            {t('findingsShown', { n: rows.length, total: data.findings.length })}
          </Typography.Text>
        </Flex>
        <ExportButton
          fileName={`${t('exportSheet')}-${s.period}`}
          disabled={rows.length === 0}
          sheet={() => ({
            name: t('exportSheet'),
            caption: [
              `${t('title')} ${period}${filterText.length ? ` (${filterText.join(', ')})` : ''}`,
              ...(data.synthetic ? [tc('syntheticHint')] : []),
            ],
            columns: [
              { title: t('county'), value: (r: Row) => r.regionName },
              { title: t('codeColumn'), value: (r: Row) => r.region },
              { title: tc('prefecture'), value: (r: Row) => r.prefectureName ?? '' },
              { title: tc('indicator'), value: (r: Row) => r.indicatorName ?? '' },
              { title: t('check'), value: (r: Row) => text.name(r.check) },
              { title: t('severity'), value: (r: Row) => t(`severity.${r.severity}`) },
              { title: t('message'), value: (r: Row) => r.message },
            ],
            rows,
          })}
        />
      </Flex>
      {rows.length === 0 ? (
        <PageState
          empty={
            filters.any
              ? t('emptyFiltered')
              : nothingChecked
                ? t('emptyNothingChecked', { period })
                : t('empty', { period })
          }
        />
      ) : (
        <Table<Row>
          size="small"
          columns={columns}
          dataSource={rows}
          scroll={{ x: 1000 }}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
          data-testid="quality-table"
        />
      )}
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
