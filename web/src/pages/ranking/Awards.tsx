import { Card, Empty, Flex, Table, Typography } from 'antd';
import type { Ranking } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { useT } from '../../i18n/index.js';
import { formatScore } from '../../lib/format.js';
import { m } from './messages.js';

/** A county named in a per-category award or an area's top list (GET /api/ranking). */
interface AwardCounty {
  region: string;
  regionName: string;
  rank: number;
  change?: number;
  score?: number;
}

interface CategoryAwards {
  category: string;
  name: string;
  advanced: AwardCounty[];
  improved: AwardCounty[];
}

interface AreaTop {
  name: string;
  top: number;
  items: string[];
  counties: AwardCounty[];
}

/** The ranking answer's 差异化评价 parts, present when the plan sets them. */
export interface RankingWithAwards extends Ranking {
  categoryAwards?: CategoryAwards[];
  areas?: AreaTop[];
  method: Ranking['method'] & { awards?: { top: number; improved: number } | null };
}

/** Whether the plan names awards by category or 十强县 areas: the section shows only then. */
export function hasAwards(r: RankingWithAwards): boolean {
  return !!r.method.awards || (r.areas?.length ?? 0) > 0;
}

function Names({ list, kind }: { list: AwardCounty[]; kind: 'advanced' | 'improved' }) {
  const t = useT(m);
  if (list.length === 0) return <>{t('awardsNone')}</>;
  return (
    <>
      {list.map((c, i) => (
        <span key={c.region} data-region={c.region}>
          {i > 0 ? '、' : ''}
          <Data>{c.regionName}</Data>
          {kind === 'advanced'
            ? ` (${t('awardsRank', { n: c.rank })})`
            : ` (${t('changeUp', { n: c.change ?? 0 })})`}
        </span>
      ))}
    </>
  );
}

function CategoryTable({ r }: { r: RankingWithAwards }) {
  const t = useT(m);
  const awards = r.method.awards!;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('awardsByCategory')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('awardsRule', { top: awards.top, improved: awards.improved })}
      </Typography.Paragraph>
      <Table<CategoryAwards>
        size="small"
        rowKey="category"
        pagination={false}
        dataSource={r.categoryAwards ?? []}
        locale={{ emptyText: <Empty description={t('awardsEmpty')} /> }}
        data-testid="category-awards"
        onRow={(a) => ({ 'data-category': a.category }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('awardsCategory'),
            dataIndex: 'name',
            width: 140,
            render: (v: string) => <Data>{v}</Data>,
          },
          {
            title: t('awardsAdvanced'),
            key: 'advanced',
            render: (_, a) => <Names list={a.advanced} kind="advanced" />,
          },
          {
            title: t('awardsImproved'),
            key: 'improved',
            render: (_, a) =>
              r.previousPeriod ? (
                <Names list={a.improved} kind="improved" />
              ) : (
                t('awardsNoPrevious')
              ),
          },
        ]}
      />
    </>
  );
}

function AreaList({ area, names }: { area: AreaTop; names: Map<string, string> }) {
  const t = useT(m);
  const longer = area.counties.length > area.top;
  return (
    <Card
      size="small"
      style={{ width: 300 }}
      title={
        <>
          <Data>{area.name}</Data> · {t('areaTop', { n: area.top })}
        </>
      }
      data-testid="area"
      data-area={area.name}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('areaItems')}
        <Data>{area.items.map((x) => names.get(x) ?? x).join('、')}</Data>
        {longer ? ` · ${t('areaTies', { n: area.top })}` : ''}
      </Typography.Paragraph>
      <Table<AwardCounty>
        size="small"
        rowKey="region"
        pagination={false}
        dataSource={area.counties}
        locale={{ emptyText: <Empty description={t('areaEmpty')} /> }}
        onRow={(c) => ({ 'data-region': c.region }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('rankAll'), dataIndex: 'rank', width: 64 },
          {
            title: t('county'),
            dataIndex: 'regionName',
            render: (v: string) => <Data>{v}</Data>,
          },
          {
            title: t('areaScore'),
            dataIndex: 'score',
            align: 'right',
            width: 90,
            render: (v: number | undefined) => formatScore(v ?? null),
          },
        ]}
      />
    </Card>
  );
}

/** 分类奖项 and 十强县: each category's 先进县 and 进步县, and each area's top list. */
export function AwardsSection({ ranking }: { ranking: RankingWithAwards }) {
  const t = useT(m);
  const areas = ranking.areas ?? [];
  // An area names indicators by code: shown by their names (sections are names already).
  const names = new Map((ranking.method.items ?? []).map((i) => [i.indicator, i.name]));
  return (
    <section aria-labelledby="awards-title" style={{ marginTop: 16 }} data-testid="awards">
      <Typography.Title level={4} id="awards-title">
        {t('awardsTitle')}
      </Typography.Title>
      {ranking.method.awards && <CategoryTable r={ranking} />}
      {areas.length > 0 && (
        <>
          <Typography.Title level={5}>{t('areasTitle')}</Typography.Title>
          <Flex gap={12} wrap>
            {areas.map((a) => (
              <AreaList key={a.name} area={a} names={names} />
            ))}
          </Flex>
        </>
      )}
    </section>
  );
}
