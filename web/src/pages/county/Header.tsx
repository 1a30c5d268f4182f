import { ArrowDownOutlined, ArrowUpOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import { useRanking, type Selected } from '../../api/queries.js';
import type { Evaluation, Region } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { PageState } from '../../components/PageState.js';
import { common } from '../../i18n/common.js';
import { useT } from '../../i18n/index.js';
import { formatScore } from '../../lib/format.js';
import { m } from './messages.js';
import { withNodes } from './parts.js';

/** How many weight draws the rank interval rests on (GET /api/ranking?stability=). */
export const STABILITY_DRAWS = 200;

function Change({ change }: { change: number | null }) {
  const t = useT(m);
  if (change === null) return null;
  if (change === 0)
    return (
      <Typography.Text type="secondary" aria-label={t('rankSame')}>
        ±0
      </Typography.Text>
    );
  const up = change > 0;
  const label = t(up ? 'rankUp' : 'rankDown', { n: Math.abs(change) });
  return (
    <Typography.Text
      style={{ color: up ? '#237804' : '#cf1322' }}
      aria-label={label}
      title={label}
      data-testid="rank-change"
    >
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
      {Math.abs(change)}
    </Typography.Text>
  );
}

/** Rank, the 5–95% interval over the weight draws, and where the county stands in its groups. */
function Rank({ sel, code, counties }: { sel: Selected; code: string; counties: number }) {
  const t = useT(m);
  const tc = useT(common);
  const q = useRanking(sel, STABILITY_DRAWS);
  if (q.isPending) return <PageState loading />;
  if (q.isError) return <PageState error={q.error} />;
  const c = q.data.counties.find((x) => x.region === code);
  // Unranked counties (nothing judged this period) come with a null rank.
  const rank: number | null = c?.rank ?? null;
  const prefectureRank: number | null = c?.prefectureRank ?? null;
  if (!c || rank === null) return <Typography.Text type="secondary">{t('noRank')}</Typography.Text>;
  const band = q.data.stability?.counties.find((x) => x.region === code);
  return (
    <div>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong data-testid="rank-band">
          {band ? t('rankBand', { rank, lo: band.p05, hi: band.p95 }) : t('rankText', { rank })}
        </Typography.Text>
        {band && (
          <Tooltip title={t('rankBandHint', { draws: q.data.stability!.draws })}>
            <QuestionCircleOutlined
              aria-label={t('rankBandHint', { draws: q.data.stability!.draws })}
            />
          </Tooltip>
        )}
        <Change change={c.change} />
        {c.advanced && <Tag color="gold">{tc('advanced')}</Tag>}
        {c.improved && <Tag color="cyan">{tc('improved')}</Tag>}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('rankOf', { n: counties })} · {t('prefectureRank', { n: prefectureRank ?? '—' })}
        {Object.entries(c.categoryRanks).map(([cat, n]) => (
          <span key={cat}>
            {' · '}
            {withNodes(t('categoryRank', { n }), {
              name: <Data>{q.data.categoryNames[cat] ?? cat}</Data>,
            })}
          </span>
        ))}
        {' · '}
        {tc('score')} <span data-testid="score">{formatScore(c.score)}</span>
        {' · '}
        {t('metOf', { met: c.met, judged: c.judged })}
      </Typography.Text>
    </div>
  );
}

/** Name, prefecture, categories with the reason for each, rank and its band. */
export function Header({
  sel,
  code,
  prefecture,
  ev,
  ranked,
}: {
  sel: Selected;
  code: string;
  prefecture: Region | undefined;
  ev: Evaluation;
  /** The county has targets this period, so the ranking can be asked for. */
  ranked: boolean;
}) {
  const t = useT(m);
  const codes = ev.categories[code] ?? [];
  const reasons = ev.categoryReasons?.[code] ?? [];
  const nameOf = (cat: string) =>
    reasons.find((r) => r.category === cat)?.name ??
    ev.categoryNotes.find((n) => n.code === cat)?.name ??
    cat;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="county-header">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        colon={false}
        items={[
          {
            key: 'prefecture',
            label: t('prefecture'),
            span: 1,
            children: prefecture ? <Data>{prefecture.name}</Data> : '—',
          },
          {
            key: 'rank',
            label: t('rank'),
            span: 2,
            children: ranked ? (
              <Rank sel={sel} code={code} counties={ev.counties} />
            ) : (
              <Typography.Text type="secondary">{t('noRank')}</Typography.Text>
            ),
          },
          {
            key: 'categories',
            label: t('categories'),
            span: 3,
            children:
              codes.length === 0 ? (
                <Typography.Text type="secondary">{t('noCategory')}</Typography.Text>
              ) : (
                <Flex gap={16} wrap data-testid="categories">
                  {codes.map((cat) => {
                    const reason = reasons.find((r) => r.category === cat)?.reason;
                    return (
                      <span key={cat} data-testid={`category-${cat}`}>
                        <Tag color="geekblue" style={{ marginInlineEnd: 6 }}>
                          <Data>{nameOf(cat)}</Data>
                        </Tag>
                        {reason && (
                          <Typography.Text type="secondary" data-testid={`reason-${cat}`}>
                            <Data>{reason}</Data>
                          </Typography.Text>
                        )}
                      </span>
                    );
                  })}
                </Flex>
              ),
          },
        ]}
      />
    </Card>
  );
}
