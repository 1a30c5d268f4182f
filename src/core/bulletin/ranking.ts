import { dec, num } from '../numeric/index.js';
import type { AwardCounty, CountyRanking, Stability } from '../ranking/index.js';
import type { Block, Cell } from './model.js';
import type { Scope } from './scope.js';
import { chart, count, changeCell, heading, number, paragraph, table, text } from './tables.js';
import { nameList, periodWords, subHeading, tallyWords } from './words.js';

// 二、擂台赛排名: the scope's counties in the 擂台赛 (overall and by category), 先进县 and
// 进步县, rank changes, how far the ranks can be trusted, a bar chart and the tables.

/** Bars in the ranking chart at most: a longer chart no longer reads on an A4 page. */
const MAX_BARS = 30;

/** The scope's ranked counties, best first, and those left unranked. */
function rankedCounties(scope: Scope): { ranked: CountyRanking[]; unranked: CountyRanking[] } {
  const mine = (scope.input.ranking?.counties ?? []).filter((c) => scope.has(c.region));
  const isRanked = (c: CountyRanking) => c.rank !== null && c.score !== null;
  return {
    ranked: mine.filter(isRanked).sort((a, b) => a.rank! - b.rank!),
    unranked: mine.filter((c) => !isRanked(c)),
  };
}

const moved = (c: CountyRanking) =>
  c.change! > 0 ? `上升${c.change}位` : c.change! < 0 ? `下降${-c.change!}位` : '持平';

/** Who took part, the 先进县 and the 进步县. */
function summaryText(scope: Scope, ranked: CountyRanking[], unranked: CountyRanking[]): string {
  const ranking = scope.input.ranking!;
  const top = ranking.method.top;
  const advanced = ranked.filter((c) => c.advanced);
  const improved = ranking.improved
    .map((code) => ranked.find((c) => c.region === code))
    .filter((c): c is CountyRanking => c !== undefined);
  const name = (c: CountyRanking) => scope.name(c.region);
  const improvedNames = improved.map(
    (c) => `${name(c)}${c.change !== null ? `(${moved(c)})` : ''}`,
  );
  const parts: string[] = [];
  const left = unranked.length ? `,${nameList(unranked.map(name))}因缺少数据未参加排名` : '';
  if (scope.province) {
    parts.push(`${scope.periodWords}擂台赛共有${ranked.length}个县(市)参加排名${left}`);
    if (advanced.length) parts.push(`综合得分前${top}名为先进县:${advanced.map(name).join('、')}`);
    if (improvedNames.length) parts.push(`进步县${improved.length}个:${improvedNames.join('、')}`);
  } else {
    const order = ranked.map((c) => `${name(c)}(全省第${c.rank}名)`);
    parts.push(
      `${scope.where}${ranked.length}个县(市)参加全省擂台赛排名${left},市内名次依次为${order.join('、')}`,
    );
    parts.push(
      advanced.length
        ? `进入全省先进县(前${top}名)的有${advanced.map(name).join('、')}`
        : `暂无县(市)进入全省先进县(前${top}名)`,
    );
    if (improvedNames.length) parts.push(`列入全省进步县的有${improvedNames.join('、')}`);
  }
  return `${parts.join(';')}。`;
}

/** Rank changes since the previous period: how many rose and fell, and the largest moves. */
function changesText(scope: Scope, ranked: CountyRanking[]): string | null {
  const prev = scope.input.ranking!.previousPeriod;
  const known = ranked.filter((c) => c.change !== null);
  if (!prev || known.length === 0) return null;
  const up = known.filter((c) => c.change! > 0).sort((a, b) => b.change! - a.change!);
  const down = known.filter((c) => c.change! < 0).sort((a, b) => a.change! - b.change!);
  const same = known.length - up.length - down.length;
  const counts = tallyWords(
    [
      ['名次上升的', up.length],
      ['下降的', down.length],
      ['持平的', same],
    ],
    '个',
  );
  const parts = [`与${periodWords(prev)}相比,${counts}`];
  const show = (list: CountyRanking[]) =>
    list
      .slice(0, 3)
      .map((c) => `${scope.name(c.region)}(${moved(c)})`)
      .join('、');
  if (up.length) parts.push(`上升较多的有${show(up)}`);
  if (down.length) parts.push(`下降较多的有${show(down)}`);
  return `${parts.join(';')}。`;
}

type Placed = { c: CountyRanking; s: Stability['counties'][number] & { p05: number; p95: number } };

/** Two counties' 5–95% rank intervals overlap: the weights alone could swap them. */
const overlap = (a: Placed, b: Placed) => a.s.p95 >= b.s.p05 && b.s.p95 >= a.s.p05;

/** Runs of neighbours (in rank order) whose intervals overlap, and counties clear of both neighbours. */
function runs(list: Placed[]): { chains: Placed[][]; clear: Placed[] } {
  const chains: Placed[][] = [];
  let current: Placed[] = [list[0]!];
  for (let i = 1; i < list.length; i++) {
    if (overlap(list[i - 1]!, list[i]!)) current.push(list[i]!);
    else {
      if (current.length > 1) chains.push(current);
      current = [list[i]!];
    }
  }
  if (current.length > 1) chains.push(current);
  const inChain = new Set(chains.flat());
  return { chains, clear: list.filter((x) => !inChain.has(x)) };
}

/** The sentence on rank stability: which neighbouring ranks the weight draws cannot tell apart. */
function stabilityText(scope: Scope, ranked: CountyRanking[]): string | null {
  const st = scope.input.stability;
  if (!st) return null;
  const by = new Map(st.counties.map((c) => [c.region, c]));
  const list = ranked
    .map((c) => ({ c, s: by.get(c.region) }))
    .filter((x): x is Placed => !!x.s && x.s.p05 !== null && x.s.p95 !== null);
  if (list.length < 2) return null;
  const { chains, clear } = runs(list);
  const how =
    `按各项权重在±${num(dec(st.spread).times(100))}%内随机浮动、轮换归一化与汇总方法` +
    `抽样${st.draws}次测算`;
  if (chains.length === 0) return `${how},相邻县(市)的名次区间(5%–95%)互不重叠,名次差异较为稳定。`;
  // Runs by rank (第4至第7名, a prefecture's 市内); a prefecture's short runs by name.
  const chainWords = (ch: Placed[]) => {
    if (!scope.province && ch.length <= 4) return ch.map((x) => scope.name(x.c.region)).join('、');
    const rankOf = (x: Placed) => (scope.province ? x.c.rank : (x.c.prefectureRank ?? x.c.rank));
    const [a, b] = [rankOf(ch[0]!), rankOf(ch[ch.length - 1]!)];
    const pre = scope.province ? '' : '市内';
    return ch.length === 2 ? `${pre}第${a}、第${b}名` : `${pre}第${a}至第${b}名`;
  };
  const shown = chains.slice(0, 4).map(chainWords).join(',');
  const more = chains.length > 4 ? `等${chains.length}组县(市)` : '';
  let out =
    `${how},${shown}${more}相邻县(市)的名次区间(5%–95%)相互重叠,` +
    '得分差距小于权重变化带来的波动,名次差异不宜过度解读';
  if (clear.length) {
    out += `;${nameList(clear.map((x) => scope.name(x.c.region)))}的名次区间与相邻县(市)不重叠,名次较为稳定`;
  }
  return `${out}。`;
}

function rankTable(scope: Scope, ranked: CountyRanking[], unranked: CountyRanking[]): Block {
  const rank = (n: number | null): Cell => (n === null ? text('—') : count(n));
  const remark = (c: CountyRanking) =>
    text([c.advanced ? '先进县' : '', c.improved ? '进步县' : ''].filter(Boolean).join('、'));
  const rows = [...ranked, ...unranked].map((c) =>
    scope.province
      ? [
          rank(c.rank),
          text(scope.name(c.region)),
          text(c.prefectureName ?? ''),
          number(c.score, '分'),
          changeCell(c.change),
          remark(c),
        ]
      : [
          rank(c.prefectureRank),
          text(scope.name(c.region)),
          rank(c.rank),
          number(c.score, '分'),
          changeCell(c.change),
          remark(c),
        ],
  );
  return table(scope, {
    title: scope.province ? '各县(市)擂台赛综合排名' : `${scope.where}各县(市)擂台赛排名`,
    columns: scope.province
      ? ['名次', '县(市)', '所属市(地)', '综合得分', '较上期变化', '备注']
      : ['市内名次', '县(市)', '全省名次', '综合得分', '较上期变化', '备注'],
    rows,
    note: `评价方法:${scope.input.ranking!.method.basis}`,
  });
}

function rankChart(scope: Scope, ranked: CountyRanking[]): Block {
  const bars = ranked
    .slice(0, MAX_BARS)
    .map((c) => ({ region: c.region, name: scope.name(c.region), score: c.score! }));
  const whose = scope.province ? '全省' : scope.where;
  const capped = ranked.length > MAX_BARS ? `(前${MAX_BARS}名)` : '';
  return chart(scope, `${whose}各县(市)擂台赛综合得分${capped}`, { kind: 'ranking', bars });
}

/** Within each category: the scope's counties by their rank among the category's counties. */
function categoryBlocks(scope: Scope, ranked: CountyRanking[]): Block[] {
  const names = scope.input.ranking!.categoryNames;
  const cats = Object.keys(names)
    .map((code) => ({
      code,
      name: names[code]!,
      list: ranked
        .filter((c) => c.categoryRanks[code] !== undefined)
        .sort((a, b) => a.categoryRanks[code]! - b.categoryRanks[code]!),
    }))
    .filter((x) => x.list.length > 0);
  if (cats.length === 0) return [];
  const lines = cats.map(({ code, name, list }) => {
    const shown = list
      .slice(0, 3)
      .map((c) => `${scope.name(c.region)}(第${c.categoryRanks[code]}名)`)
      .join('、');
    return `${name}${list.length}个,${scope.province ? '居前的是' : '类别内名次'}${shown}`;
  });
  const rows = cats.flatMap(({ code, name, list }) =>
    list.map((c) => [
      text(name),
      count(c.categoryRanks[code]!),
      text(scope.name(c.region)),
      number(c.score, '分'),
      count(c.rank!),
    ]),
  );
  const awards = categoryAwardsText(scope);
  return [
    heading(2, subHeading(2, '分类排名')),
    paragraph(`分类别看(类别内名次,在全省同类别县(市)中排列):${lines.join(';')}。`),
    ...(awards ? [paragraph(awards)] : []),
    table(scope, {
      title: `${scope.province ? '' : scope.where}各类别县(市)擂台赛排名`,
      columns: ['类别', '类别内名次', '县(市)', '综合得分', '全省名次'],
      rows,
      note: '一个县(市)可同时属于几个类别,在每个类别内分别排名。',
    }),
  ];
}

/** The plan's per-category 先进县 and 进步县 (差异化评价), the scope's counties only. */
function categoryAwardsText(scope: Scope): string | null {
  const ranking = scope.input.ranking!;
  const awards = ranking.method.awards;
  if (!awards || !ranking.categoryAwards?.length) return null;
  const mine = (list: AwardCounty[]) => list.filter((c) => scope.has(c.region));
  const lines = ranking.categoryAwards.flatMap((a) => {
    const adv = mine(a.advanced).map((c) => scope.name(c.region));
    const imp = mine(a.improved).map((c) => `${scope.name(c.region)}(类别内上升${c.change}位)`);
    if (adv.length === 0 && imp.length === 0) return [];
    const parts = [
      adv.length ? `先进县${adv.join('、')}` : '',
      imp.length ? `进步县${imp.join('、')}` : '',
    ];
    return [`${a.name}${parts.filter(Boolean).join(',')}`];
  });
  if (lines.length === 0) return null;
  return `按类别评选(各类别前${awards.top}名为先进县,类别内名次上升最多的${awards.improved}个为进步县):${lines.join(';')}。`;
}

/** The ranking's own notes (indicators left out this period, and why). */
function notesText(notes: readonly string[]): string | null {
  if (notes.length === 0) return null;
  return `说明:${notes.map((n) => n.replace(/[。;]+$/, '')).join(';')}。`;
}

export function rankingSection(scope: Scope): Block[] {
  const { ranked, unranked } = rankedCounties(scope);
  if (!scope.input.ranking || ranked.length === 0) {
    return [paragraph(`${scope.periodWords}没有可排名的县(市)数据,本期未进行擂台赛排名。`)];
  }
  const texts = [
    summaryText(scope, ranked, unranked),
    changesText(scope, ranked),
    stabilityText(scope, ranked),
    notesText(scope.input.ranking.notes),
  ];
  return [
    heading(2, subHeading(1, '综合排名')),
    ...texts.filter((t): t is string => t !== null).map(paragraph),
    rankChart(scope, ranked),
    rankTable(scope, ranked, unranked),
    ...categoryBlocks(scope, ranked),
  ];
}
