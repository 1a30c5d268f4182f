import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Col, List, Progress, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useCompleteness, useRanking, useWarnings, type Selected } from '../../api/queries.js';
import type { Level, RankedCounty } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { PageState } from '../../components/PageState.js';
import { LEVEL_COLOUR, LevelTag } from '../../components/StatusTag.js';
import { common } from '../../i18n/common.js';
import { useT } from '../../i18n/index.js';
import { dateText, formatScore } from '../../lib/format.js';
import { useSelection } from '../../lib/selection.js';
import { m } from './messages.js';

function More({ to }: { to: string }) {
  const t = useT(m);
  const { search } = useSelection();
  return (
    <Link to={to + search}>
      {t('more')} <ArrowRightOutlined />
    </Link>
  );
}

/** A tile of the dashboard: a card summing up a view, with a link to it. */
function Tile({
  title,
  view,
  children,
}: {
  title: string;
  view: 'warnings' | 'completeness' | 'ranking';
  children: ReactNode;
}) {
  return (
    <Card title={title} extra={<More to={`/${view}`} />} size="small" data-testid={`tile-${view}`}>
      {children}
    </Card>
  );
}

export function WarningsTile(s: Selected) {
  const t = useT(m);
  const q = useWarnings(s);
  const levels: Level[] = ['red', 'yellow', 'green'];
  const count = (l: Level) => q.data?.counties.filter((c) => c.level === l).length ?? 0;
  return (
    <Tile title={`${t('warnings')} · ${t('warningsBy')}`} view="warnings">
      {q.isPending || q.isError ? (
        <PageState loading={q.isPending} error={q.error} />
      ) : (
        <Row gutter={8}>
          {levels.map((l) => (
            <Col span={8} key={l}>
              <Statistic
                title={<LevelTag level={l} />}
                value={count(l)}
                styles={{
                  content: {
                    color:
                      l === 'yellow'
                        ? '#874d00'
                        : LEVEL_COLOUR[l] === '#52c41a'
                          ? '#237804'
                          : LEVEL_COLOUR[l],
                  },
                }}
                data-testid={`warnings-${l}`}
              />
            </Col>
          ))}
        </Row>
      )}
    </Tile>
  );
}

export function CompletenessTile(s: Selected) {
  const t = useT(m);
  const q = useCompleteness(s);
  const total = q.data?.total;
  return (
    <Tile title={t('completeness')} view="completeness">
      {q.isPending || q.isError || !total ? (
        <PageState loading={q.isPending} error={q.error} />
      ) : (
        <>
          <Progress
            percent={total.expected ? Math.floor((total.received / total.expected) * 100) : 0}
            format={() => `${total.received} / ${total.expected}`}
            status="normal"
            aria-label={t('received')}
          />
          <Row gutter={8} style={{ marginTop: 8 }}>
            <Col span={8}>
              <Statistic title={t('approved')} value={total.approved} />
            </Col>
            <Col span={8}>
              <Statistic title={t('late')} value={total.late} />
            </Col>
            <Col span={8}>
              <Statistic title={t('missing')} value={total.missing} />
            </Col>
          </Row>
          <Typography.Text type="secondary">
            {t('due', { date: dateText(q.data!.due) })}
          </Typography.Text>
        </>
      )}
    </Tile>
  );
}

function Ranked({ items }: { items: RankedCounty[] }) {
  const { search } = useSelection();
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(c) => (
        <List.Item style={{ padding: '2px 0' }}>
          <span style={{ width: 28, display: 'inline-block' }}>{c.rank}</span>
          <Link to={`/counties/${c.region}${search}`} style={{ flex: 1 }}>
            <Data>{c.regionName}</Data>
          </Link>
          <span>{formatScore(c.score)}</span>
        </List.Item>
      )}
    />
  );
}

export function RankingTile(s: Selected) {
  const t = useT(m);
  const tc = useT(common);
  const q = useRanking(s);
  const counties = q.data?.counties ?? [];
  return (
    <Tile title={`${t('ranking')} · ${tc('score')}`} view="ranking">
      {q.isPending || q.isError ? (
        <PageState loading={q.isPending} error={q.error} />
      ) : counties.length === 0 ? (
        <PageState empty={t('noRanking')} />
      ) : (
        <Row gutter={12}>
          <Col span={12}>
            <Typography.Text strong>{t('top')}</Typography.Text>
            <Ranked items={counties.slice(0, 5)} />
          </Col>
          <Col span={12}>
            <Typography.Text strong>{t('bottom')}</Typography.Text>
            <Ranked items={counties.slice(-5)} />
          </Col>
        </Row>
      )}
    </Tile>
  );
}
