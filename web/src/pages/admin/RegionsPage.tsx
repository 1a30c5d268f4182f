import { HistoryOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Switch, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.js';
import { useApi, useEvaluation, type Selected } from '../../api/queries.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { FilterBar } from '../../components/filters.js';
import { ListTable } from '../../components/ListTable.js';
import { Page } from '../../components/Page.js';
import { stateOf, useErrorText } from '../../components/PageState.js';
import { PrefectureFilter, useRegionIndex } from '../../components/regions.js';
import { useLang, useT } from '../../i18n/index.js';
import { periodText } from '../../lib/format.js';
import { HistoryDrawer } from './History.js';
import { m } from './messages.js';
import {
  ATTRIBUTES,
  type AdminRegion,
  type Attribute,
  type AttributeAnswer,
  type Tri,
} from './types.js';

/** The 县域 of the plans; city districts only when asked for. */
const COUNTY_KINDS = ['县', '自治县', '县级市'];

const triKey = (v: Tri | undefined) => (v === true ? 'yes' : v === false ? 'no' : 'unknown');
const fromKey = (k: string): Tri => (k === 'yes' ? true : k === 'no' ? false : null);

/** One attribute of one county: 是 / 否 / 未知, saved when chosen. */
function AttributeSelect({
  region,
  attr,
  onSet,
  busy,
}: {
  region: AdminRegion;
  attr: Attribute;
  onSet: (region: AdminRegion, attr: Attribute, value: Tri) => void;
  busy: boolean;
}) {
  const t = useT(m);
  const v = region.attributes[attr];
  return (
    <Select
      size="small"
      style={{ width: 76 }}
      aria-label={t('attrSelect', { name: region.name, attr: t(`attr.${attr}`) })}
      value={triKey(v)}
      disabled={busy}
      onChange={(k: string) => onSet(region, attr, fromKey(k))}
      data-testid={`attr-${region.code}-${attr}`}
      options={[
        { value: 'yes', label: t('yes') },
        { value: 'no', label: t('no') },
        { value: 'unknown', label: <span style={{ color: '#595959' }}>{t('unknown')}</span> },
      ]}
    />
  );
}

function Board(s: Selected) {
  const t = useT(m);
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const regions = useRegionIndex();
  const counties = useApi<AdminRegion[]>('/regions', { level: 'county' });
  const ev = useEvaluation(s, { limit: 1 });
  const [prefecture, setPrefecture] = useState<string>();
  const [search, setSearch] = useState('');
  const [districts, setDistricts] = useState(false);
  const [history, setHistory] = useState<AdminRegion>();

  const save = useMutation({
    mutationFn: (x: { region: AdminRegion; attr: Attribute; value: Tri }) =>
      api<AttributeAnswer>(`/regions/${x.region.code}/attributes`, {
        method: 'PUT',
        body: { attributes: { [x.attr]: x.value } },
      }),
    onSuccess: (_, x) => {
      void message.success(
        <span data-testid="saved">
          <Data>{x.region.name}</Data>:{' '}
          {t('saved', { attr: t(`attr.${x.attr}`), value: t(triKey(x.value)) })}
        </span>,
      );
      // The register, every evaluation and what is computed from it (categories) move with it.
      void client.invalidateQueries({ queryKey: ['/regions'] });
      void client.invalidateQueries({ queryKey: ['/evaluation'] });
      void client.invalidateQueries({ queryKey: ['/ranking'] });
      void client.invalidateQueries({ queryKey: [`/regions/${x.region.code}/history`] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const onSet = (region: AdminRegion, attr: Attribute, value: Tri) =>
    save.mutate({ region, attr, value });

  const all = useMemo(
    () =>
      (counties.data ?? []).filter(
        (r) => r.level === 'county' && (districts || COUNTY_KINDS.includes(r.kind)),
      ),
    [counties.data, districts],
  );
  const needle = search.trim();
  const rows = all.filter(
    (r) =>
      (!prefecture || regions.prefectureOf(r.code)?.code === prefecture) &&
      (!needle || r.name.includes(needle)),
  );
  const reasons = ev.data?.categoryReasons ?? {};
  const categoriesOf = (code: string) => reasons[code] ?? [];
  const period = periodText(s.period, lang);
  const attrText = (v: Tri | undefined) => t(triKey(v));

  const columns: ColumnsType<AdminRegion> = [
    ...regions.countyColumns<AdminRegion>((r) => ({ code: r.code, name: r.name }), [150, 100]),
    { title: t('kind'), key: 'kind', width: 70, render: (_, r) => <Data>{r.kind}</Data> },
    ...ATTRIBUTES.map((a) => ({
      title: t(`attr.${a}`),
      key: a,
      width: a === 'eco_zone' ? 110 : 96,
      render: (_: unknown, r: AdminRegion) => (
        <AttributeSelect region={r} attr={a} onSet={onSet} busy={save.isPending} />
      ),
    })),
    {
      title: t('categories', { period }),
      key: 'categories',
      width: 180,
      render: (_, r) => {
        const list = categoriesOf(r.code);
        if (list.length === 0) return <span style={{ color: '#595959' }}>{t('noCategory')}</span>;
        return (
          <span data-testid={`categories-${r.code}`}>
            {list.map((c) => (
              <Tooltip key={c.category} title={<Data>{c.reason}</Data>}>
                <Tag style={{ marginInlineEnd: 4 }}>
                  <Data>{c.name}</Data>
                </Tag>
              </Tooltip>
            ))}
          </span>
        );
      },
    },
    {
      title: t('history'),
      key: 'history',
      width: 70,
      render: (_, r) => (
        <Button
          size="small"
          icon={<HistoryOutlined />}
          aria-label={`${r.name} ${t('historyOf')}`}
          onClick={() => setHistory(r)}
        />
      ),
    },
  ];

  const state = stateOf(counties, ev);
  if (state) return state;
  return (
    <>
      <Typography.Paragraph style={{ color: '#595959', marginBottom: 8 }}>
        {t('regionsHint')}
      </Typography.Paragraph>
      <FilterBar
        shown={
          <span data-testid="shown">
            {t('shownCounties', { n: rows.length, total: all.length })}
          </span>
        }
        extra={
          <ExportButton
            fileName={t('exportRegions')}
            disabled={rows.length === 0}
            sheet={() => ({
              name: t('exportRegions'),
              caption: [`${t('regionsTitle')} · ${period}`],
              columns: [
                ...regions.countyExportColumns<AdminRegion>((r) => ({
                  code: r.code,
                  name: r.name,
                })),
                { title: t('kind'), value: (r: AdminRegion) => r.kind },
                ...ATTRIBUTES.map((a) => ({
                  title: t(`attr.${a}`),
                  value: (r: AdminRegion) => attrText(r.attributes[a]),
                })),
                {
                  title: t('categories', { period }),
                  value: (r: AdminRegion) =>
                    categoriesOf(r.code)
                      .map((c) => c.name)
                      .join('、'),
                },
              ],
              rows,
            })}
          />
        }
      >
        <PrefectureFilter
          value={prefecture}
          options={regions.prefecturesOf(all.map((r) => r.code))}
          onChange={setPrefecture}
        />
        <Input.Search
          allowClear
          aria-label={t('search')}
          placeholder={t('search')}
          style={{ width: 170 }}
          onSearch={setSearch}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="search"
        />
        <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          <Switch size="small" checked={districts} onChange={setDistricts} />
          {t('withDistricts')}
        </label>
      </FilterBar>
      <ListTable
        rows={rows}
        columns={columns}
        rowKey="code"
        empty={all.length === 0 ? t('emptyCounties') : t('emptyFiltered')}
        width={1000}
        paged
        testId="table-regions"
      />
      <HistoryDrawer
        path={history ? `/regions/${history.code}/history` : undefined}
        title={
          history ? (
            <>
              <Data>{history.name}</Data> {t('historyOf')}
            </>
          ) : null
        }
        onClose={() => setHistory(undefined)}
      />
    </>
  );
}

export default function RegionsPage() {
  const t = useT(m);
  return (
    <Page view="regions" title={t('regionsTitle')}>
      {(s) => <Board {...s} />}
    </Page>
  );
}
