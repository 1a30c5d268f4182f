import { summarise, type ResultRow } from '../evaluate/index.js';
import { dec, num } from '../numeric/index.js';
import { STATUS_LABELS, type TargetStatus } from '../targets/index.js';
import type { Block, Cell } from './model.js';
import {
  gapUnit,
  isGrowth,
  isRate,
  judgesChange,
  side,
  statusWords,
  subject,
  targetText,
  targetWords,
  valueUnit,
} from './rows.js';
import type { Scope } from './scope.js';
import {
  count,
  heading,
  number,
  paragraph,
  signedNumber,
  statusCell,
  withAttribute,
  table,
  text,
} from './tables.js';
import { amount, earlierWords, minus, nameList, percentOf, signed, subHeading } from './words.js';

// 一、总体情况: the province's headline targets in sentences and a table (province scope), then
// how the scope's counties stand against their targets and which lead and lag.

/** A row worth a sentence: it has a value and a target that applies. */
const told = (r: ResultRow) => r.value !== null && r.status !== 'not_applicable';

/** A growth rate in words, its sign said: 同比增长4.8%, 同比下降2.5%, 同比持平. */
const growthWords = (v: number, prefix: string) =>
  signed(v, '%', [`${prefix}增长`, `${prefix}下降`]) ?? `${prefix}持平`;

/** The value as said: 同比增长4.8%, 累计完成543.8亿元, 为62.0%. */
export function valueClause(row: ResultRow, province: boolean): string {
  const s = subject(row, province);
  const u = valueUnit(row);
  const v = row.value!;
  if (row.progress) return `${s}累计完成${amount(v, u)}`;
  if (isGrowth(row)) return `${s}${growthWords(v, '同比')}`;
  return `${s}为${amount(v, u)}`;
}

/**
 * Last year's value of the same period: the one a change target was judged against, else the
 * province's value as the series shows it (input.lastYear); null when neither is known.
 */
function lastYearOf(row: ResultRow, scope: Scope): number | null {
  if (row.previous !== undefined) return row.previous;
  return scope.input.lastYear?.[row.indicator] ?? null;
}

/** Against last year's same period: 比上年同期提高0.4个百分点(上年同期为54.8%). */
function previousClause(row: ResultRow, scope: Scope): string | null {
  const previous = lastYearOf(row, scope);
  if (row.value === null || previous === null) return null;
  const u = valueUnit(row);
  const when = row.note === '与上年全年值比较' ? '上年' : '上年同期';
  let change: string | null;
  if (u === '%') {
    change = signed(minus(row.value, previous), '个百分点', ['提高', '下降']);
  } else if (previous !== 0) {
    const pct = num(dec(row.value).minus(dec(previous)).times(100).div(dec(previous).abs()));
    change = signed(pct, '%', ['增长', '下降']);
  } else return `${when}为${amount(previous, u)}`;
  const base = isGrowth(row)
    ? `(${when}${growthWords(previous, '')})`
    : `(${when}为${amount(previous, u)})`;
  return change ? `比${when}${change}${base}` : `与${when}持平${base}`;
}

/** Against the target: 低于年度目标0.2个百分点; null without a gap. */
export function targetClause(row: ResultRow): string | null {
  const s = side(row);
  if (s === null) return null;
  if (s === 'level') return '达到年度目标';
  return `${s === 'above' ? '高于' : '低于'}年度目标${amount(Math.abs(row.gap!), gapUnit(row))}`;
}

/** 时间过半: share done, where the pace puts it, the year-end projection. */
function paceClauses(row: ResultRow): string[] {
  const p = row.progress!;
  const u = valueUnit(row);
  const out: string[] = [];
  if (p.done !== null) out.push(`占年度目标(${targetText(row)})的${percentOf(p.done)}`);
  if (p.expected !== null) {
    const pace = signed(minus(row.value!, p.expected), u, ['快于时序进度', '慢于时序进度']);
    out.push(`按时序进度应完成${amount(p.expected, u)}`, pace ?? '与时序进度持平');
  }
  return out;
}

/** Against the same target at the earlier period, for rates: 较1-6月回升0.3个百分点. */
function earlierClause(row: ResultRow, scope: Scope): string | null {
  const { earlier } = scope.input;
  if (!earlier || !isRate(row) || row.value === null) return null;
  const before = earlier.results.find(
    (r) => r.region === row.region && r.indicator === row.indicator && r.scope === row.scope,
  );
  if (!before || before.value === null) return null;
  const when = earlierWords(earlier.period, scope.input.evaluation.period);
  const d = signed(minus(row.value, before.value), '个百分点', ['回升', '回落']);
  return d ? `较${when}${d}` : `与${when}持平`;
}

/** One province target in a sentence. */
function provinceSentence(row: ResultRow, scope: Scope): string {
  const status = `评价为${STATUS_LABELS[row.status]}`;
  const against = targetClause(row);
  if (row.progress) {
    const prev = previousClause(row, scope);
    const first = [valueClause(row, true), ...(prev ? [prev] : []), ...paceClauses(row)];
    if (row.progress.done === null) first.push(`年度目标为${targetText(row)}`);
    const second = [`预计全年完成${amount(row.progress.projection, valueUnit(row))}`];
    if (against) second.push(against);
    return `${first.join(',')};${[...second, status].join(',')}。`;
  }
  const parts = [valueClause(row, true)];
  const prev = previousClause(row, scope);
  if (prev) parts.push(prev);
  parts.push(
    against ? `${against}(目标为${targetWords(row)})` : `年度目标为${targetWords(row)}`,
    status,
  );
  const earlier = earlierClause(row, scope);
  return `${parts.join(',')}${earlier ? `;${earlier}` : ''}。`;
}

/** The province's targets: how many met, then each in a sentence, then those without a value. */
function provinceParagraphs(scope: Scope): Block[] {
  const rows = scope.provinceRows.filter((r) => r.status !== 'not_applicable');
  const t = summarise(rows);
  const judged = rows.length - t.no_data;
  const lead =
    judged > 0
      ? `${scope.periodWords},全省县域经济${rows.length}项主要指标中,${statusWords({ ...t, no_data: 0 })}` +
        (t.no_data > 0 ? `,另有${t.no_data}项为年度指标或暂无数据。` : '。')
      : `${scope.periodWords},全省县域经济主要指标暂无可评价的数据。`;
  const out = [
    paragraph(lead),
    ...rows.filter(told).map((r) => paragraph(provinceSentence(r, scope))),
  ];
  const yearly = rows.filter((r) => r.value === null && r.note === '年度指标,按年评价');
  const missing = rows.filter((r) => r.value === null && r.note !== '年度指标,按年评价');
  const rest: string[] = [];
  if (yearly.length)
    rest.push(
      `${nameList(
        yearly.map((r) => r.name),
        10,
        '项指标',
      )}为年度指标,按年评价`,
    );
  if (missing.length)
    rest.push(
      `${nameList(
        missing.map((r) => r.name),
        10,
        '项指标',
      )}暂无数据`,
    );
  if (rest.length) out.push(paragraph(`${rest.join(';')}。`));
  return out;
}

function provinceTable(scope: Scope): Block {
  const rows: Cell[][] = scope.provinceRows.map((r) => [
    text(r.name),
    text(targetText(r)),
    number(r.value, valueUnit(r)),
    text(valueUnit(r)),
    statusCell(r.status),
    signedNumber(r.gap, gapUnit(r)),
    number(lastYearOf(r, scope), valueUnit(r)),
  ]);
  const notes = ['差距:增速、比重类指标为个百分点'];
  if (scope.provinceRows.some((r) => r.progress))
    notes.push('累计指标按全年预计值评价,差距为全年预计值与目标之差');
  if (scope.provinceRows.some(judgesChange)) notes.push('比上年变化类目标的差距为变化量与目标之差');
  const columns = ['指标', '目标', '完成值', '单位', '状态', '差距', '上年同期'];
  const attributes = scope.provinceRows.map((r) => r.attribute);
  return table(scope, {
    title: '全省县域主要指标完成情况',
    ...withAttribute(columns, rows, attributes, 1),
    note: `${notes.join(';')}。`,
  });
}

/** For each county target: how many of the scope's counties met it, nearly met it, did not. */
function countyTargetTable(scope: Scope): Block {
  const groups = new Map<string, ResultRow[]>();
  for (const r of scope.countyRows) {
    if (r.status === 'not_applicable') continue;
    const key = `${r.indicator}|${r.scope}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const lists = [...groups.values()];
  const rows = lists.map((list) => {
    const first = list[0]!;
    const targets = new Set(list.map(targetText));
    const t = summarise(list);
    return [
      text(scope.targetName(first)),
      text(targets.size === 1 ? targetText(first) : '各县(市)不同'),
      count(list.length),
      count(t.met),
      count(t.nearly_met),
      count(t.not_met),
      count(t.no_data),
    ];
  });
  return table(scope, {
    title: `${scope.province ? '各县(市)' : `${scope.where}各县(市)`}县级目标完成情况`,
    ...withAttribute(
      ['指标', '目标', '评价县(市)数', '完成', '基本完成', '未完成', '无数据'],
      rows,
      lists.map((l) => l[0]!.attribute),
      1,
    ),
    note: '单位:个县(市)。',
  });
}

/** Counties with every judged target met. */
function allMet(scope: Scope): string[] {
  return scope.counties.filter((c) => {
    const judged = scope.countyRows.filter(
      (r) =>
        r.region === c && (['met', 'nearly_met', 'not_met'] as TargetStatus[]).includes(r.status),
    );
    return judged.length > 0 && judged.every((r) => r.status === 'met');
  });
}

/** Who leads and lags: the 擂台 scores, else the share of targets met. */
function leadersText(scope: Scope): string | null {
  const ranked = (scope.input.ranking?.counties ?? [])
    .filter((c) => scope.has(c.region) && c.rank !== null && c.score !== null)
    .sort((a, b) => a.rank! - b.rank!);
  const k = Math.min(3, Math.floor(ranked.length / 2));
  if (k > 0) {
    const show = (c: (typeof ranked)[number]) =>
      `${scope.name(c.region)}(${amount(c.score!, '分')})`;
    const top = ranked.slice(0, k).map(show);
    const bottom = ranked.slice(-k).map(show);
    return `擂台赛综合得分居前的是${top.join('、')},居后的是${bottom.join('、')}。`;
  }
  const shares = scope.counties
    .map((c) => {
      const rows = scope.countyRows.filter((r) => r.region === c);
      const judged = rows.filter((r) => r.status !== 'no_data' && r.status !== 'not_applicable');
      const met = judged.filter((r) => r.status === 'met').length;
      return { c, met, judged: judged.length };
    })
    .filter((x) => x.judged > 0)
    .sort((a, b) => b.met * a.judged - a.met * b.judged || b.met - a.met);
  const m = Math.min(3, Math.floor(shares.length / 2));
  if (m === 0) return null;
  const show = (x: (typeof shares)[number]) => `${scope.name(x.c)}(完成${x.met}项/共${x.judged}项)`;
  return (
    `按目标完成比例,居前的是${shares.slice(0, m).map(show).join('、')},` +
    `居后的是${shares.slice(-m).map(show).join('、')}。`
  );
}

function countyParagraphs(scope: Scope): Block[] {
  const rows = scope.countyRows.filter((r) => r.status !== 'not_applicable');
  if (rows.length === 0)
    return [paragraph(`从各县(市)看,${scope.periodWords}暂无县级目标的评价结果。`)];
  const counties = new Set(rows.map((r) => r.region)).size;
  const t = summarise(rows);
  const judged = rows.length - t.no_data;
  const lead = `从各县(市)看,${scope.where}${counties}个县(市)的县级目标共${rows.length}项`;
  const parts = [
    judged > 0
      ? `${lead},其中${statusWords({ ...t, no_data: 0 })}` +
        (t.no_data > 0 ? `,另有${t.no_data}项为年度指标或暂无数据` : '')
      : `${lead},均为年度指标或暂无数据`,
  ];
  const all = allMet(scope);
  if (all.length) parts.push(`全部目标完成的有${nameList(all.map(scope.name))}`);
  const out = [paragraph(`${parts.join(';')}。`)];
  const leaders = leadersText(scope);
  if (leaders) out.push(paragraph(leaders));
  return out;
}

export function overview(scope: Scope): Block[] {
  if (scope.provinceRows.length === 0) {
    return [
      heading(2, subHeading(1, '各县(市)目标完成情况')),
      ...countyParagraphs(scope),
      countyTargetTable(scope),
    ];
  }
  return [
    heading(2, subHeading(1, '主要指标完成情况')),
    ...provinceParagraphs(scope),
    provinceTable(scope),
    heading(2, subHeading(2, '各县(市)目标完成情况')),
    ...countyParagraphs(scope),
    countyTargetTable(scope),
  ];
}
