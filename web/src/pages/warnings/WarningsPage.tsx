import { Alert, Button, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useWarnings, type Selected } from '../../api/queries.js';
import type { Level, WarningCounty, WarningRow, WarningRule } from '../../api/types.js';
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
  SECONDARY,
  useIndicatorNames,
  useRegionIndex,
} from '../../components/regions.js';
import { LEVEL_COLOUR, LevelTag } from '../../components/StatusTag.js';
import { Summary } from '../../components/Summary.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { common } from '../../i18n/common.js';
import { useLang, useT } from '../../i18n/index.js';
import { dateText, periodText } from '../../lib/format.js';
import { knownType, m } from './messages.js';

const LEVELS: Level[] = ['red', 'yellow', 'green'];
const FILTERS = ['level', 'prefecture', 'rule'] as const;

/** A rule in words: the plan's own name in Chinese, the rule type's name in English. */
function useRuleText() {
  const t = useT(m);
  const { lang } = useLang();
  return useMemo(
    () => ({
      /** Plain text (export, select search). */
      name: (r: { name: string; type?: string }) => {
        const type = knownType(r.type);
        return lang === 'zh' || !type ? r.name : t(`rule.${type}`);
      },
      desc: (r: { type?: string }) => {
        const type = knownType(r.type);
        return type ? t(`desc.${type}`) : t('desc.other');
      },
      /** Shown: data text when it is the plan's name. */
      label: (r: { name: string; type?: string }) => {
        const type = knownType(r.type);
        return lang === 'zh' || !type ? <Data>{r.name}</Data> : t(`rule.${type}`);
      },
    }),
    [lang, t],
  );
}

function Dot({ level }: { level: Level }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: 8,
        height: 8,
        borderRadius: 4,
        background: LEVEL_COLOUR[level],
        marginInlineEnd: 4,
      }}
    />
  );
}

/** A rule that fired, how often, and the rule in words on hover. */
function RuleTag({ rule, count }: { rule: WarningRule; count?: number }) {
  const t = useT(m);
  const tc = useT(common);
  const text = useRuleText();
  return (
    <Tooltip
      title={
        <>
          <Data>{rule.name}</Data> · {t('ruleLevel', { level: tc(`level.${rule.level}`) })}
          <br />
          {text.desc(rule)}
        </>
      }
    >
      <Tag
        tabIndex={0}
        data-rule={rule.id}
        style={{
          background: '#fff',
          color: '#262626',
          borderColor: LEVEL_COLOUR[rule.level],
          marginInlineEnd: 4,
          marginBlock: 1,
        }}
      >
        <Dot level={rule.level} />
        {text.label(rule)}
        {count !== undefined && <strong> ×{count}</strong>}
      </Tag>
    </Tooltip>
  );
}

interface Row extends WarningCounty {
  key: string;
  warnings: WarningRow[];
}

const countyOf = (r: { region: string; regionName: string }) => ({
  code: r.region,
  name: r.regionName,
});

function Details({
  row,
  rules,
  names,
}: {
  row: Row;
  rules: Map<string, WarningRule>;
  names: (w: WarningRow) => string | undefined;
}) {
  const t = useT(m);
  const tc = useT(common);
  const columns: ColumnsType<WarningRow> = [
    { title: t('level'), key: 'level', width: 120, render: (_, w) => <LevelTag level={w.level} /> },
    {
      title: t('rule'),
      key: 'rule',
      width: 200,
      render: (_, w) => (
        <RuleTag
          rule={rules.get(w.rule) ?? { id: w.rule, name: w.ruleName, type: w.type, level: w.level }}
        />
      ),
    },
    {
      title: tc('indicator'),
      key: 'indicator',
      width: 220,
      render: (_, w) => {
        const name = names(w);
        return name ? <Data>{name}</Data> : '—';
      },
    },
    { title: t('message'), key: 'message', render: (_, w) => <Data>{w.message}</Data> },
  ];
  return (
    <Table<WarningRow>
      size="small"
      columns={columns}
      dataSource={row.warnings.map((w, i) => ({
        ...w,
        key: `${w.rule}|${w.indicator ?? ''}|${i}`,
      }))}
      pagination={false}
      data-testid={`details-${row.region}`}
    />
  );
}

function Board(s: Selected) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const text = useRuleText();
  const filters = useUrlFilters(FILTERS);
  const regions = useRegionIndex();
  const indicatorNames = useIndicatorNames(s.plan);
  const all = useWarnings(s);

  // Filters from the address, each checked against what it can be; the rest is ignored, and said.
  const { valid, bad } = filters.check({
    level: (l) => (LEVELS as string[]).includes(l),
    prefecture: regions.mayBePrefecture,
    rule: (id) => !all.data || all.data.rules.some((r) => r.id === id),
  });
  const level = valid.level as Level | undefined;
  const { prefecture, rule } = valid;

  // Red and yellow are the API's own filter; green (no warnings) is a level the API gives each county.
  const byLevel = useWarnings(s, { level: level === 'green' ? undefined : level });
  const q = level && level !== 'green' ? byLevel : all;

  const rules = useMemo(() => new Map(all.data?.rules.map((r) => [r.id, r])), [all.data]);
  const rows: Row[] = useMemo(() => {
    const data = q.data;
    if (!data) return [];
    const byRegion = new Map<string, WarningRow[]>();
    for (const w of data.warnings) {
      if (rule && w.rule !== rule) continue;
      const list = byRegion.get(w.region) ?? [];
      list.push(w);
      byRegion.set(w.region, list);
    }
    return data.counties
      .filter((c) => (level === 'green' ? c.level === 'green' : true))
      .filter((c) => !prefecture || regions.prefectureOf(c.region)?.code === prefecture)
      .filter((c) => !rule || byRegion.has(c.region))
      .map((c) => ({ ...c, key: c.region, warnings: byRegion.get(c.region) ?? [] }));
  }, [q.data, level, prefecture, rule, regions]);

  const state = stateOf(all, q);
  if (state) return state;
  const data = all.data!;
  const period = periodText(s.period, lang);
  const count = (l: Level) => data.counties.filter((c) => c.level === l).length;
  const indicatorOf = (w: WarningRow) =>
    w.indicator ? (indicatorNames.get(w.indicator) ?? nameInMessage(w.message)) : undefined;
  const shownPrefectures = regions.prefecturesOf(data.counties.map((c) => c.region));

  const columns: ColumnsType<Row> = [
    ...regions.countyColumns<Row>(countyOf, [170, 120]),
    {
      title: t('level'),
      key: 'level',
      width: 130,
      render: (_, r) => <LevelTag level={r.level} />,
    },
    {
      title: t('red'),
      dataIndex: 'red',
      width: 135,
      align: 'right',
      sorter: (a, b) => a.red - b.red,
    },
    {
      title: t('yellow'),
      dataIndex: 'yellow',
      width: 135,
      align: 'right',
      sorter: (a, b) => a.yellow - b.yellow,
    },
    {
      title: t('fired'),
      key: 'fired',
      render: (_, r) => {
        if (r.warnings.length === 0) return <span style={{ color: SECONDARY }}>{t('none')}</span>;
        const tally = new Map<string, number>();
        for (const w of r.warnings) tally.set(w.rule, (tally.get(w.rule) ?? 0) + 1);
        return (
          <Flex wrap>
            {[...tally].map(([id, n]) => {
              const w = r.warnings.find((x) => x.rule === id)!;
              return (
                <RuleTag
                  key={id}
                  rule={rules.get(id) ?? { id, name: w.ruleName, type: w.type, level: w.level }}
                  count={n}
                />
              );
            })}
          </Flex>
        );
      },
    },
  ];

  interface Line {
    r: Row;
    w: WarningRow | undefined;
  }
  const exportRows: Line[] = rows.flatMap((r): Line[] =>
    r.warnings.length > 0 ? r.warnings.map((w) => ({ r, w })) : [{ r, w: undefined }],
  );
  const filterText = [
    level ? tc(`level.${level}`) : undefined,
    prefecture ? regions.byCode.get(prefecture)?.name : undefined,
    rule && rules.get(rule) ? text.name(rules.get(rule)!) : undefined,
  ];

  return (
    <>
      <SyntheticBanner synthetic={data.synthetic} />
      <BadFilters bad={bad} onClear={filters.clear} />
      <Summary>
        <Flex align="center" justify="space-between" wrap gap={8}>
          <Flex align="center" wrap gap={8} data-testid="level-summary">
            {LEVELS.map((l) => (
              <Button
                key={l}
                type={level === l ? 'primary' : 'default'}
                ghost={level === l}
                aria-pressed={level === l}
                title={t('filterByLevel', { level: tc(`level.${l}`) })}
                onClick={() => filters.set({ level: level === l ? undefined : l })}
                data-testid={`summary-${l}`}
                style={level === l ? { color: '#0958d9', borderColor: '#0958d9' } : undefined}
              >
                <LevelTag level={l} />
                <strong data-testid={`count-${l}`} style={{ marginInlineStart: 4 }}>
                  {count(l)}
                </strong>
              </Button>
            ))}
            <Typography.Text>{t('counties', { n: data.counties.length })}</Typography.Text>
          </Flex>
          <Typography.Text>
            {period}
            {data.due ? ` · ${t('due', { date: dateText(data.due) })}` : ''}
          </Typography.Text>
        </Flex>
      </Summary>
      {!data.complete && (
        <Alert type="info" showIcon title={t('partial')} style={{ marginBottom: 8 }} />
      )}
      {data.notes.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8, padding: '4px 12px' }}
          data-testid="rule-notes"
          title={
            <>
              {t('notesTitle')}:{' '}
              {data.notes.map((n, i) => (
                <span key={i}>
                  {i > 0 && ';'}
                  <Data>{n}</Data>
                </span>
              ))}
            </>
          }
        />
      )}
      <FilterBar
        filters={filters}
        shown={
          <Typography.Text data-testid="shown">
            {t('countiesShown', { n: rows.length, total: data.counties.length })}
          </Typography.Text>
        }
        extra={
          <FilteredExport
            title={t('title')}
            period={s.period}
            filters={filterText}
            synthetic={data.synthetic}
            columns={[
              ...regions.countyExportColumns((x: Line) => countyOf(x.r)),
              { title: t('level'), value: (x: Line) => tc(`level.${x.w?.level ?? x.r.level}`) },
              {
                title: t('rule'),
                value: (x: Line) =>
                  x.w
                    ? text.name(rules.get(x.w.rule) ?? { name: x.w.ruleName, type: x.w.type })
                    : t('none'),
              },
              {
                title: tc('indicator'),
                value: (x: Line) => (x.w ? (indicatorOf(x.w) ?? '') : ''),
              },
              { title: t('message'), value: (x: Line) => x.w?.message ?? '' },
            ]}
            rows={exportRows}
          />
        }
      >
        <FilterSelect
          label={t('level')}
          all={t('allLevels')}
          value={level}
          options={LEVELS.map((l) => ({ value: l, label: <LevelTag level={l} /> }))}
          onChange={(x) => filters.set({ level: x })}
          testId="filter-level"
        />
        <PrefectureFilter
          value={prefecture}
          options={shownPrefectures}
          onChange={(x) => filters.set({ prefecture: x })}
          width={160}
        />
        <FilterSelect
          label={t('rule')}
          all={t('allRules')}
          value={rule}
          options={data.rules.map((r) => ({
            value: r.id,
            label: (
              <span>
                <Dot level={r.level} />
                {text.label(r)}
              </span>
            ),
          }))}
          onChange={(x) => filters.set({ rule: x })}
          width={200}
          wide
          testId="filter-rule"
        />
      </FilterBar>
      <ListTable
        rows={rows}
        columns={columns}
        empty={filters.any ? t('emptyFiltered') : t('empty', { period })}
        width={900}
        paged
        rowKey="region"
        expandable={{
          rowExpandable: (r) => r.warnings.length > 0,
          expandedRowRender: (r) => <Details row={r} rules={rules} names={indicatorOf} />,
        }}
        testId="warnings-table"
      />
    </>
  );
}

export default function WarningsPage() {
  const t = useT(m);
  return (
    <Page view="warnings" title={t('title')}>
      {(s) => <Board {...s} />}
    </Page>
  );
}
