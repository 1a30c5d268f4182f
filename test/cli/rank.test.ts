import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, leitai, ROOT, tempDir } from '../helpers.js';
import { AWARD_COUNTIES as C, AWARDS_PLAN, awardValuesCsv } from '../fixtures/ranking-awards.js';

interface County {
  region: string;
  regionName: string;
  prefecture: string;
  categories: string[];
  score: number | null;
  rank: number | null;
  prefectureRank: number | null;
  categoryRanks: Record<string, number>;
  change: number | null;
  sections: Record<string, number | null>;
  advanced: boolean;
  improved: boolean;
}
interface Ranking {
  period: string;
  previousPeriod: string | null;
  counties: County[];
  advanced: string[];
  improved: string[];
  notes: string[];
  note?: string;
  method: { sections: { name: string; weight: number }[]; basis: string };
  stability?: {
    draws: number;
    counties: { region: string; median: number; p05: number; p95: number }[];
  };
}

describe('leitai rank and leitai incentives', () => {
  let dir: string;
  let data: string;
  const base = () => ['--plan', 'hlj-2026', '--period', '2026-09', '--data', data];
  const rank = (...more: string[]) => leitai('rank', ...base(), ...more);

  /** hlj-2026 as a new plan file with its own settings. */
  function planWith(id: string, settings: Record<string, unknown>): string {
    const plan = JSON.parse(readFileSync(join(ROOT, 'plans/hlj-2026.json'), 'utf8')) as {
      id: string;
      settings?: Record<string, unknown>;
    };
    plan.id = id;
    plan.settings = { ...plan.settings, ...settings };
    const file = join(dir, `${id}.json`);
    writeFileSync(file, JSON.stringify(plan));
    return file;
  }

  beforeAll(() => {
    dir = tempDir();
    data = join(dir, 'demo.csv');
    expect(leitai('demo', '--seed', '7', '--out', data).code).toBe(0);
  });

  it('prints the ranking table with its method, awards and the synthetic label', () => {
    const r = rank();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('县域经济综合评价(擂台赛)');
    expect(r.stdout).toContain('合成演示数据');
    expect(r.stdout).toContain('恰好达到全部目标 = 100分');
    expect(r.stdout).toMatch(/先进县\(前10名\): \S+/);
    expect(r.stdout).toMatch(/进步县\(较2026-08名次上升最多\): \S+/);
    for (const h of [
      '经济总量',
      '产业结构',
      '企业主体',
      '财政实力',
      '居民收入',
      '个性化',
      '名次变化',
    ]) {
      expect(r.stdout).toContain(h);
    }
  });

  it('gives scores, ranks at every level and rank changes as JSON', () => {
    const j = json<Ranking>(rank('--format', 'json'));
    expect(j.note).toContain('合成');
    expect(j.previousPeriod).toBe('2026-08');
    const ranked = j.counties.filter((c) => c.rank !== null);
    expect(ranked.length).toBeGreaterThan(60);
    expect(ranked[0]!.rank).toBe(1);
    // Within a prefecture the order follows the overall order.
    const harbin = ranked.filter((c) => c.prefecture === '230100');
    expect(harbin.map((c) => c.prefectureRank)).toEqual(harbin.map((_, i) => i + 1));
    const members = ranked.filter((c) => c.categories.includes('industrial'));
    expect(members.map((c) => c.categoryRanks.industrial)).toEqual(members.map((_, i) => i + 1));
    expect(j.advanced).toEqual(ranked.slice(0, 10).map((c) => c.region));
    const up = j.improved.map((code) => j.counties.find((c) => c.region === code)!.change!);
    expect(up.every((x) => x > 0)).toBe(true);
    expect(up).toEqual([...up].sort((a, b) => b - a));
    const best = Math.max(...j.counties.map((c) => c.change ?? -Infinity));
    expect(up[0]).toBe(best);
  });

  it('groups by prefecture or by category, and writes CSV', () => {
    const p = rank('--within', 'prefecture');
    expect(p.code).toBe(0);
    expect(p.stdout).toContain('哈尔滨市');
    expect(p.stdout).toContain('市内名次');
    expect(rank('--within', 'category').stdout).toMatch(/农业县\(\d+个县\)/);
    const c = rank('--within', 'category', '--format', 'csv');
    expect(c.code).toBe(0);
    const rows = parse(c.stdout, { columns: true, comment: '#' }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['category', 'category_rank', 'score', 'section:财政实力']),
    );
    expect(new Set(rows.map((r) => r.category))).toEqual(
      new Set(['industrial', 'agricultural', 'tourism', 'ecological']),
    );
  });

  it('reports rank stability: median and 5–95% interval per county', () => {
    const j = json<Ranking>(rank('--stability', '300', '--format', 'json'));
    expect(j.stability!.draws).toBe(300);
    const s = new Map(j.stability!.counties.map((x) => [x.region, x]));
    for (const c of j.counties.filter((x) => x.rank !== null)) {
      const x = s.get(c.region)!;
      expect(x.p05).toBeLessThanOrEqual(x.median);
      expect(x.median).toBeLessThanOrEqual(x.p95);
    }
    const t = rank('--stability', '100');
    expect(t.stdout).toContain('名次稳定性');
    expect(t.stdout).toMatch(/\d+ \(\d+–\d+\)/);
  });

  it('takes the weights from the plan file: a heavy 财政实力 puts the best fiscal county first', () => {
    const plain = json<Ranking>(rank('--format', 'json'));
    const fiscalBest = [...plain.counties].sort(
      (a, b) => (b.sections['财政实力'] ?? 0) - (a.sections['财政实力'] ?? 0),
    )[0]!;
    const file = planWith('hlj-2026-fiscal', {
      ranking: { sections: { 财政实力: 100 }, basis: '测试:财政实力为主' },
    });
    const j = json<Ranking>(
      leitai(
        'rank',
        '--plan',
        'hlj-2026-fiscal',
        '--plan-file',
        file,
        '--period',
        '2026-09',
        '--data',
        data,
        '--format',
        'json',
      ),
    );
    expect(j.method.basis).toBe('测试:财政实力为主');
    expect(j.method.sections).toContainEqual({ name: '财政实力', weight: 100 });
    expect(j.counties[0]!.region).toBe(fiscalBest.region);
  });

  it('refuses bad input with exit status 2, naming what is wrong', () => {
    const w = rank('--within', 'city');
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('--within');
    expect(rank('--stability', '0').code).toBe(2);
    const y = leitai('rank', '--plan', 'hlj-2026', '--period', '2025', '--data', data);
    expect(y.code).toBe(2);
    expect(y.stderr).toContain('没有 2025 年的县级目标');
    const bad = planWith('hlj-2026-bad', { ranking: { sections: { 财政实力: -1 } } });
    const b = leitai(
      'rank',
      '--plan',
      'hlj-2026-bad',
      '--plan-file',
      bad,
      '--period',
      '2026-09',
      '--data',
      data,
    );
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('settings.ranking.sections');
  });

  it('allocates an incentive pool by the plan rule, adding up exactly', () => {
    const j = json<{
      rows: { region: string; amount: number }[];
      allocated: number;
      pool: number;
      explanation: string;
    }>(leitai('incentives', ...base(), '--pool', '0.5亿元', '--format', 'json'));
    expect(j.pool).toBe(5000);
    expect(j.allocated).toBe(5000);
    expect(j.explanation).toContain('先进县');
    const file = planWith('hlj-2026-tiers', {
      incentives: {
        rule: 'tiered',
        tiers: [
          { ranks: [1, 3], share: 0.6 },
          { ranks: [4, 10], share: 0.4 },
        ],
      },
    });
    const t = leitai(
      'incentives',
      '--plan',
      'hlj-2026-tiers',
      '--plan-file',
      file,
      '--period',
      '2026-09',
      '--data',
      data,
      '--pool',
      '7000',
    );
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain('1400.00'); // 60% of 7000 shared by the first three
    expect(t.stdout).toContain('400.00'); // 40% shared by ranks 4–10
    expect(t.stdout).toContain('合计 7000.00 万元');
    const bad = leitai('incentives', ...base(), '--pool', '很多');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--pool');
  });

  it('ranks from the database as well', () => {
    const db = join(dir, 'leitai.db');
    expect(leitai('db', 'init', '--demo', '--db', db).code).toBe(0);
    const j = json<Ranking>(
      leitai('rank', '--plan', 'hlj-2026', '--period', '2026-09', '--db', db, '--format', 'json'),
    );
    expect(j.counties.filter((c) => c.rank !== null).length).toBeGreaterThan(60);
    expect(j.note).toContain('合成');
  });
});

describe('leitai rank with targetless items, per-category awards and 十强县 areas', () => {
  let args: string[];
  beforeAll(() => {
    const dir = tempDir();
    const plan = join(dir, 'awards.json');
    const data = join(dir, 'awards.csv');
    writeFileSync(plan, JSON.stringify(AWARDS_PLAN));
    writeFileSync(data, awardValuesCsv());
    args = ['--plan', 'awards-2026', '--plan-file', plan, '--period', '2026-09', '--data', data];
  });

  interface Award {
    region: string;
    rank: number;
    change?: number;
    score?: number;
  }
  interface Body {
    counties: { region: string; score: number | null; rank: number | null }[];
    method: { items: { indicator: string; phrase: string; targetless?: boolean }[] };
    categoryAwards: { name: string; advanced: Award[]; improved: Award[] }[];
    areas: { name: string; top: number; counties: Award[] }[];
  }

  it('scores the compared values, names each category`s awards and each area`s top list', () => {
    const j = json<Body>(leitai('rank', ...args, '--format', 'json'));
    // min-max on both (output: points 1 + v; cost, lower is better: 100 − v); score = the
    // mean of the two sections: A1 (100 + 100)/2 = 100, B1 (81 + 90)/2 = 85.5,
    // A2 (51 + 90)/2 = 70.5, B2 (61 + 70)/2 = 65.5, B3 (21 + 50)/2 = 35.5, A3 (1 + 1)/2 = 1.
    const ranked = j.counties.filter((c) => c.rank !== null);
    expect(ranked.map((c) => [c.region, c.score, c.rank])).toEqual([
      [C.A1, 100, 1],
      [C.B1, 85.5, 2],
      [C.A2, 70.5, 3],
      [C.B2, 65.5, 4],
      [C.B3, 35.5, 5],
      [C.A3, 1, 6],
    ]);
    expect(j.method.items).toMatchObject([
      { indicator: 'cmp_output', phrase: '', targetless: true },
      { indicator: 'cmp_cost', phrase: '', targetless: true },
    ]);
    // August: A1 1, A2 100, A3 55.5; B1 65.5, B2 35.5, B3 85.5. Within 甲类 A1 rose 3 → 1;
    // within 乙类 B1 and B2 rose one place each, B2 gained more (30 against 20).
    expect(
      j.categoryAwards.map((a) => [
        a.name,
        a.advanced.map((c) => c.region),
        a.improved.map((c) => [c.region, c.change]),
      ]),
    ).toEqual([
      ['甲类', [C.A1, C.A2], [[C.A1, 2]]],
      ['乙类', [C.B1, C.B2], [[C.B2, 1]]],
    ]);
    // 财政 (cost points): A1 100, then A2 and B1 90 share place 2. 综合 (top 10 by default) is
    // the overall score here; the plan's other 县 have no values and are in no list.
    expect(j.areas[2]!.top).toBe(10);
    expect(j.areas[2]!.counties.map((c) => c.region)).toEqual([C.A1, C.B1, C.A2, C.B2, C.B3, C.A3]);
    expect(
      j.areas.slice(0, 2).map((a) => [a.name, a.counties.map((c) => [c.region, c.rank, c.score])]),
    ).toEqual([
      [
        '工业',
        [
          [C.A1, 1, 100],
          [C.B1, 2, 81],
        ],
      ],
      [
        '财政',
        [
          [C.A1, 1, 100],
          [C.A2, 2, 90],
          [C.B1, 2, 90],
        ],
      ],
    ]);
  });

  it('prints the awards by category and the top lists in the table', () => {
    const t = leitai('rank', ...args);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain(
      '横向比较指标(无目标,按各县数值): 比较产值(经济总量×1)、比较成本率(财政实力×1)',
    );
    expect(t.stdout).toContain('甲类: 先进县 依兰县(第1名)、方正县(第2名);进步县 依兰县(↑2)');
    expect(t.stdout).toContain('乙类: 先进县 龙江县(第1名)、依安县(第2名);进步县 依安县(↑1)');
    expect(t.stdout).toContain('财政前2名(财政实力;并列名次使名单多于2个)');
    expect(t.stdout).toMatch(/2\s+方正县\s+90\.00/);
    expect(t.stdout).toMatch(/2\s+龙江县\s+90\.00/);
  });

  it('refuses an area naming neither a scored indicator nor a section', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    const plan = structuredClone(AWARDS_PLAN);
    plan.id = 'awards-bad';
    plan.settings.ranking.areas = [{ name: '民生', items: ['no_such'], top: 2 }];
    writeFileSync(bad, JSON.stringify(plan));
    const r = leitai('rank', ...args.slice(2), '--plan', 'awards-bad', '--plan-file', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('settings.ranking.areas[0]「民生」的第1项「no_such」');
  });
});
