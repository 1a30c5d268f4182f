import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import {
  allocateIncentives,
  rankingPeriods,
  rankPlan,
  rankStability,
  type CountyRanking,
  type Ranking,
  type RankResult,
  type Stability,
} from '../../core/ranking/index.js';
import { parseNumber } from '../../io/observations.js';
import { addPlanDataOptions, loadPlanData, type PlanDataOptions } from '../plan-data.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';
import { SYNTHETIC_NOTE } from './evaluate.js';
import { periodText } from '../../core/periods/index.js';
import { dec, formatNumber, num } from '../../core/numeric/index.js';

interface RankCliOptions extends PlanDataOptions {
  period: string;
  within: string;
  format: string;
  stability?: string;
  seed?: string;
}

const pts = (v: number | null) => (v === null ? '—' : formatNumber(v, 2));
const change = (c: CountyRanking) =>
  c.change === null ? '—' : c.change > 0 ? `↑${c.change}` : c.change < 0 ? `↓${-c.change}` : '0';

function positiveInt(name: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new LeitaiError('INPUT_INVALID', `${name}「${text}」应为 1–${max} 的整数`, {
      column: name,
      value: text,
      reason: `integer 1..${max}`,
    });
  }
  return n;
}

async function computeRanking(o: RankCliOptions): Promise<RankResult & { synthetic: boolean }> {
  const data = await loadPlanData(o, (p, followed) => rankingPeriods(p, o.period, followed));
  return {
    ...rankPlan({ ...data, previous: data.followed, period: o.period, allCounties: o.allCounties }),
    synthetic: data.synthetic,
  };
}

function header(r: Ranking, synthetic: boolean): void {
  const out = process.stdout;
  out.write(`${r.plan} · ${r.periodLabel} (${r.period}) 县域经济综合评价(擂台赛)\n`);
  if (synthetic) out.write(`${SYNTHETIC_NOTE}\n`);
  out.write(`方法: ${r.method.basis}\n`);
  const sections = r.method.sections.map((s) => `${s.name}×${s.weight}`).join(' ');
  out.write(
    `标准化 ${r.method.normalise} · 汇总 ${r.method.aggregate} · 板块权重 ${sections}${r.method.onTarget !== null ? ` · 恰好达到全部目标 = ${r.method.onTarget}分` : ''}\n`,
  );
  const targetless = r.method.items.filter((it) => it.targetless);
  if (targetless.length > 0) {
    const list = targetless.map((it) => `${it.name}(${it.section}×${it.weight})`).join('、');
    out.write(`横向比较指标(无目标,按各县数值): ${list}\n`);
  }
}

/** 先进县 and 进步县 within each category, when the plan names them by category. */
function categoryAwardLines(r: Ranking): void {
  const awards = r.method.awards;
  if (!awards) return;
  const out = process.stdout;
  out.write(
    `分类奖项(各类别前${awards.top}名为先进县,类别内名次上升最多的${awards.improved}个为进步县):\n`,
  );
  for (const a of r.categoryAwards) {
    const adv = a.advanced.map((c) => `${c.regionName}(第${c.rank}名)`).join('、') || '无';
    const imp = a.improved.map((c) => `${c.regionName}(↑${c.change})`).join('、') || '无';
    out.write(`  ${a.name}: 先进县 ${adv};进步县 ${imp}\n`);
  }
}

/** Each area's top N (十强县), ties at place N included. */
function areaLines(r: Ranking): void {
  for (const a of r.areas) {
    process.stdout.write(
      `\n${a.name}前${a.top}名(${a.items.join('、')}${a.counties.length > a.top ? ';并列名次使名单多于' + a.top + '个' : ''})\n`,
    );
    printTable(
      ['名次', '县(市)', '得分'],
      a.counties.map((c) => [String(c.rank), c.regionName, pts(c.score ?? null)]),
    );
  }
}

function footer(r: Ranking): void {
  const name = new Map(r.counties.map((c) => [c.region, c.regionName]));
  const list = (codes: string[]) => codes.map((c) => name.get(c) ?? c).join('、') || '无';
  process.stdout.write(`先进县(前${r.method.top}名): ${list(r.advanced)}\n`);
  process.stdout.write(
    `进步县(${r.previousPeriod ? `较${r.previousPeriod}名次上升最多` : '无上期排名'}): ${list(r.improved)}\n`,
  );
  categoryAwardLines(r);
  areaLines(r);
  for (const n of r.notes) process.stdout.write(`注: ${n}\n`);
}

function rows(
  r: Ranking,
  list: CountyRanking[],
  stab: Map<string, Stability['counties'][number]> | null,
  groupRank: (c: CountyRanking) => number | null,
): string[][] {
  return list.map((c) => [
    c.rank === null ? '—' : String(groupRank(c) ?? '—'),
    c.regionName,
    c.prefectureName ?? '',
    pts(c.score),
    ...r.method.sections.map((s) => pts(c.sections[s.name] ?? null)),
    `${c.met}/${c.judged}`,
    change(c),
    c.rank === null ? '—' : String(c.rank),
    [c.advanced ? '先进' : '', c.improved ? '进步' : ''].filter(Boolean).join('·'),
    ...(stab
      ? [
          (() => {
            const s = stab.get(c.region);
            return s?.median != null ? `${s.median} (${s.p05}–${s.p95})` : '—';
          })(),
        ]
      : []),
  ]);
}

function printRanking(
  r: Ranking,
  within: string,
  synthetic: boolean,
  stability: Stability | null,
): void {
  header(r, synthetic);
  const stab = stability ? new Map(stability.counties.map((c) => [c.region, c])) : null;
  const head = (first: string) => [
    first,
    '县(市)',
    '所属市',
    '得分',
    ...r.method.sections.map((s) => s.name),
    '完成',
    '名次变化',
    '全省名次',
    '称号',
    ...(stab ? ['名次稳定性 中位(5%–95%)'] : []),
  ];
  if (within === 'all') {
    printTable(
      head('名次'),
      rows(r, r.counties, stab, (c) => c.rank),
    );
  } else if (within === 'prefecture') {
    const groups = new Map<string, CountyRanking[]>();
    for (const c of r.counties) {
      const k = c.prefectureName ?? '—';
      groups.set(k, [...(groups.get(k) ?? []), c]);
    }
    for (const [name, list] of groups) {
      process.stdout.write(`\n${name}\n`);
      list.sort((a, b) => (a.prefectureRank ?? Infinity) - (b.prefectureRank ?? Infinity));
      printTable(
        head('市内名次'),
        rows(r, list, stab, (c) => c.prefectureRank),
      );
    }
  } else {
    const cats = [...new Set(r.counties.flatMap((c) => c.categories))].sort();
    if (cats.length === 0)
      process.stdout.write('\n没有县被归入类别(类别规则所需的数据或属性未知)\n');
    for (const cat of cats) {
      const list = r.counties
        .filter((c) => c.categories.includes(cat))
        .sort((a, b) => (a.categoryRanks[cat] ?? Infinity) - (b.categoryRanks[cat] ?? Infinity));
      process.stdout.write(`\n${r.categoryNames[cat] ?? cat}(${list.length}个县)\n`);
      printTable(
        head('类别内名次'),
        rows(r, list, stab, (c) => c.categoryRanks[cat] ?? null),
      );
    }
  }
  if (stability) {
    process.stdout.write(
      `名次稳定性: ${stability.draws}次随机抽取(权重±${stability.spread * 100}%,标准化 ${stability.normalise.join('/')},汇总 ${stability.aggregate.join('/')},种子 ${stability.seed});名次差在区间内的不宜过度解读\n`,
    );
  }
  footer(r);
}

function csvOut(r: Ranking, within: string, synthetic: boolean, stability: Stability | null): void {
  if (synthetic) process.stdout.write(`# ${SYNTHETIC_NOTE}\n`);
  const stab = stability ? new Map(stability.counties.map((c) => [c.region, c])) : null;
  const base = (c: CountyRanking) => [
    c.region,
    c.regionName,
    c.prefecture,
    c.score,
    ...r.method.sections.map((s) => c.sections[s.name]),
    c.met,
    c.judged,
    c.rank,
    c.prefectureRank,
    c.previousRank,
    c.change,
    c.advanced,
    c.improved,
    ...(stab ? [stab.get(c.region)?.median, stab.get(c.region)?.p05, stab.get(c.region)?.p95] : []),
  ];
  const head = [
    'region',
    'region_name',
    'prefecture',
    'score',
    ...r.method.sections.map((s) => `section:${s.name}`),
    'met',
    'judged',
    'rank',
    'prefecture_rank',
    'previous_rank',
    'change',
    'advanced',
    'improved',
    ...(stab ? ['median_rank', 'rank_p05', 'rank_p95'] : []),
  ];
  if (within === 'category') {
    printCsv(
      ['category', 'category_rank', ...head],
      r.counties.flatMap((c) => c.categories.map((cat) => [cat, c.categoryRanks[cat], ...base(c)])),
    );
  } else printCsv(head, r.counties.map(base));
}

export function registerRank(program: Command): void {
  addPlanDataOptions(
    program
      .command('rank')
      .description('县域经济综合评价与排名(擂台赛) (rank the counties of a plan)')
      .requiredOption('--period <p>', '期别: 2025 | 2026Q3 | 2026-09', periodText),
  )
    .option('--within <w>', 'all | prefecture | category', 'all')
    .option('--stability <n>', '名次稳定性:随机抽取次数 (如 1000)')
    .option('--seed <n>', '稳定性抽样的随机种子', '1')
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (o: RankCliOptions) => {
      const format = parseFormat(o.format, ['table', 'json', 'csv']);
      if (!['all', 'prefecture', 'category'].includes(o.within)) {
        throw new LeitaiError(
          'INPUT_INVALID',
          `--within「${o.within}」应为 all、prefecture 或 category`,
          {
            column: 'within',
            value: o.within,
            reason: 'all | prefecture | category',
          },
        );
      }
      const draws = positiveInt('--stability', o.stability, 100_000);
      const seed = positiveInt('--seed', o.seed, 2 ** 31) ?? 1;
      const res = await computeRanking(o);
      const stability = draws ? rankStability(res.matrix, res.method, { draws, seed }) : null;
      if (format === 'json') {
        printJson({
          ...res.ranking,
          within: o.within,
          ...(stability ? { stability } : {}),
          synthetic: res.synthetic,
          ...(res.synthetic ? { note: SYNTHETIC_NOTE } : {}),
        });
      } else if (format === 'csv') csvOut(res.ranking, o.within, res.synthetic, stability);
      else printRanking(res.ranking, o.within, res.synthetic, stability);
    });
}

/** `5000`, `5000万元`, `0.5亿元` → 万元. */
export function parsePool(text: string): number {
  const m = /^\s*([^万亿元]+?)\s*(万元|亿元|元)?\s*$/.exec(text);
  const n = m ? parseNumber(m[1]!) : undefined;
  if (!m || n === undefined || n === null) {
    throw new LeitaiError(
      'INPUT_INVALID',
      `--pool「${text}」不是金额,应如 5000、5000万元 或 0.5亿元`,
      {
        column: 'pool',
        value: text,
        reason: 'not an amount',
      },
    );
  }
  const unit = m[2] ?? '万元';
  return unit === '亿元' ? num(dec(n).times(10000)) : unit === '元' ? num(dec(n).div(10000)) : n;
}

export function registerIncentives(program: Command): void {
  addPlanDataOptions(
    program
      .command('incentives')
      .description('按计划的激励规则分配激励资金 (allocate an incentive pool by the plan rule)')
      .requiredOption('--period <p>', '期别: 2025 | 2026Q3 | 2026-09', periodText)
      .requiredOption('--pool <amount>', '激励资金总额:5000 (万元)、5000万元 或 0.5亿元'),
  )
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (o: RankCliOptions & { pool: string }) => {
      const format = parseFormat(o.format, ['table', 'json', 'csv']);
      const pool = parsePool(o.pool);
      const res = await computeRanking(o);
      const allocation = allocateIncentives({
        ranking: res.ranking,
        pool,
        rule: res.prepared.plan.settings?.incentives,
      });
      if (format === 'json') {
        printJson({
          plan: res.ranking.plan,
          period: res.ranking.period,
          ...allocation,
          synthetic: res.synthetic,
          ...(res.synthetic ? { note: SYNTHETIC_NOTE } : {}),
        });
        return;
      }
      if (format === 'csv') {
        if (res.synthetic) process.stdout.write(`# ${SYNTHETIC_NOTE}\n`);
        printCsv(
          ['region', 'region_name', 'rank', 'score', 'basis', 'amount_wan_yuan', 'share'],
          allocation.rows.map((x) => [
            x.region,
            x.regionName,
            x.rank,
            x.score,
            x.basis,
            x.amount,
            x.share,
          ]),
        );
        return;
      }
      const r = res.ranking;
      process.stdout.write(
        `${r.plan} · ${r.periodLabel} 激励资金分配 · 总额 ${formatNumber(pool, 2)}万元\n`,
      );
      if (res.synthetic) process.stdout.write(`${SYNTHETIC_NOTE}\n`);
      printTable(
        ['名次', '县(市)', '得分', '依据', '金额(万元)', '占比'],
        allocation.rows.map((x) => [
          String(x.rank ?? '—'),
          x.regionName,
          pts(x.score),
          x.basis,
          formatNumber(x.amount, 2),
          `${formatNumber(dec(x.share).times(100), 2)}%`,
        ]),
      );
      process.stdout.write(
        `规则: ${allocation.explanation}\n合计 ${formatNumber(allocation.allocated, 2)} 万元${allocation.rule.basis ? `;依据: ${allocation.rule.basis}` : ''}\n`,
      );
    });
}
