import { Collapse, Table, Typography } from 'antd';
import type { Ranking } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { useT } from '../../i18n/index.js';
import { formatValue } from '../../lib/format.js';
import { m } from './messages.js';

interface SectionRow {
  name: string;
  weight: number;
  indicators: string[];
}

/** The method's stated basis, its sections and weights, the stability draws and the API's notes. */
export function MethodNote({ ranking, draws }: { ranking: Ranking; draws: number }) {
  const t = useT(m);
  const items = ranking.method.items ?? [];
  const sections: SectionRow[] = ranking.method.sections.map((s) => ({
    name: s.name,
    weight: s.weight,
    indicators: items
      .filter((i) => i.section === s.name)
      .map((i) => `${i.name}(${i.targetless ? t('targetless') : i.phrase})`),
  }));
  const spread = ranking.stability?.spread ?? ranking.method.stability?.spread;
  return (
    <Collapse
      size="small"
      style={{ marginTop: 12 }}
      data-testid="method"
      items={[
        {
          key: 'method',
          label: t('method'),
          children: (
            <>
              <Typography.Paragraph>
                <Data>{ranking.method.basis}</Data>
              </Typography.Paragraph>
              <Typography.Title level={5}>{t('methodSections')}</Typography.Title>
              <Table<SectionRow>
                size="small"
                rowKey="name"
                pagination={false}
                dataSource={sections}
                columns={[
                  {
                    title: t('section'),
                    dataIndex: 'name',
                    width: 120,
                    render: (v: string) => <Data>{v}</Data>,
                  },
                  {
                    title: t('weight'),
                    dataIndex: 'weight',
                    width: 80,
                    align: 'right',
                    // Weights as the plan file sets them (1, 1.5 …), not rounded.
                    render: (v: number) => String(v),
                  },
                  {
                    title: t('indicators'),
                    key: 'indicators',
                    render: (_, r) => <Data>{r.indicators.join('、')}</Data>,
                  },
                ]}
              />
              {spread !== undefined && (
                <Typography.Paragraph style={{ marginTop: 12 }}>
                  {t('methodStability', { draws, spread: formatValue(spread * 100, '个') })}
                </Typography.Paragraph>
              )}
              {ranking.notes.length > 0 && (
                <>
                  <Typography.Title level={5}>{t('notes')}</Typography.Title>
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {ranking.notes.map((n) => (
                      <li key={n}>
                        <Data>{n}</Data>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
