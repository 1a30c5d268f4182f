import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, leitai, tempDir } from '../helpers.js';

// hlj-2026 follows hlj-2025: January's rank change is against last December under hlj-2025, and
// `leitai compare` sets each county's 2026 judgement beside its 2025 one.

interface Ranking {
  previousPeriod: string | null;
  counties: {
    region: string;
    rank: number | null;
    previousRank: number | null;
    change: number | null;
  }[];
  improved: string[];
  notes: string[];
}
interface Compared {
  plan: string;
  previousPlan: string;
  rows: {
    region: string;
    indicator: string;
    now: { period: string; value: number | null; status: string; phrase: string };
    before: { period: string; value: number | null; status: string; phrase: string };
  }[];
}

describe('across plan years on the demo data', () => {
  let data: string;
  beforeAll(() => {
    data = join(tempDir(), 'demo.csv');
    const r = leitai('demo', '--seed', '7', '--out', data);
    expect(r.code, r.stderr).toBe(0);
  });
  const value = (region: string, indicator: string, period: string) => {
    const line = readFileSync(data, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${region},${indicator},${period},`));
    return Number(line!.split(',')[3]);
  };

  it('ranks 2026-01 against 2025-12 under hlj-2025, with rank changes and 进步县', () => {
    const r = json<{ ranking: Ranking } | Ranking>(
      leitai(
        'rank',
        '--plan',
        'hlj-2026',
        '--period',
        '2026-01',
        '--data',
        data,
        '--format',
        'json',
      ),
    );
    const ranking = 'ranking' in r ? r.ranking : r;
    expect(ranking.previousPeriod).toBe('2025-12');
    const ranked = ranking.counties.filter((c) => c.rank !== null && c.previousRank !== null);
    expect(ranked.length).toBe(67);
    for (const c of ranked) expect(c.change).toBe(c.previousRank! - c.rank!);
    expect(ranked.some((c) => c.change !== 0)).toBe(true);
    expect(ranking.improved.length).toBeGreaterThan(0);
    // hlj-2025 and hlj-2026 share nine county targets (same indicator, scope 各县).
    expect(ranking.notes).toContain(
      '上期(2025年1-12月)按上年计划 hlj-2025 排名,只计两计划共有的9项县级目标',
    );
  });

  it('compares 尚志市’s GDP growth in 1–9月 of 2026 (5以上) with 2025 (5.5左右)', () => {
    const r = json<Compared>(
      leitai(
        'compare',
        '--plan',
        'hlj-2026',
        '--period',
        '2026-09',
        '--data',
        data,
        '--region',
        '230183',
        '--format',
        'json',
      ),
    );
    expect(r.previousPlan).toBe('hlj-2025');
    const gdp = r.rows.find((x) => x.indicator === 'gdp_growth')!;
    const now = value('230183', 'gdp_growth', '2026-09');
    const before = value('230183', 'gdp_growth', '2025-09');
    expect(gdp.now).toMatchObject({ period: '2026-09', phrase: '5以上', value: now });
    expect(gdp.before).toMatchObject({ period: '2025-09', phrase: '5.5左右', value: before });
    // 5以上: met from 5 on; 5.5左右 with tolerance 0.5: met from 5.5, nearly met from 5.0.
    expect(gdp.now.status).toBe(now >= 5 ? 'met' : 'not_met');
    expect(gdp.before.status).toBe(before >= 5.5 ? 'met' : before >= 5 ? 'nearly_met' : 'not_met');
    // Only targets both plans share: 2026's 城乡居民收入 and the categories' are not compared.
    expect(r.rows.map((x) => x.indicator)).not.toContain('disposable_income_growth');
    expect(r.rows).toHaveLength(9);
  });

  it('refuses a plan that follows none, saying why (exit 2)', () => {
    const r = leitai('compare', '--plan', 'hlj-2025', '--period', '2025');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有可比较的上年计划');
  });
});
