import type { ResultRow } from '../evaluate/index.js';
import { dec, num, type Decimal } from '../numeric/index.js';
import { monthsElapsed, parsePeriod } from '../periods/index.js';
import type { Block, Cell } from './model.js';
import { gapUnit, subject, targetText, targetWords, valueUnit } from './rows.js';
import { targetClause, valueClause } from './overview.js';
import type { Scope } from './scope.js';
import {
  averageCell,
  heading,
  number,
  paragraph,
  signedNumber,
  table,
  text,
  withAttribute,
} from './tables.js';
import { amount, average, nameList, subHeading } from './words.js';

// 四、下一步工作: the targets most at risk by their year-end projection, what the remaining
// months must deliver, the rates still below target, and what the counties are asked to do.

/** At-risk rows named in sentences; the table lists them all. */
const SHOWN = 10;

/** Projected short of the target at year end, with months left to make it up. */
const projectedShort = (r: ResultRow) =>
  r.progress !== undefined &&
  r.value !== null &&
  r.gap !== null &&
  r.gap < 0 &&
  r.progress.remaining !== null &&
  r.progress.remaining > 0 &&
  r.progress.remainingMonths > 0;

/**
 * How far short, as a share of the target (the projection less the gap): rows in different
 * units compare by it. A target of zero counts as furthest short.
 */
function shortfall(r: ResultRow): Decimal {
  const target = dec(r.measured ?? r.progress!.projection).minus(dec(r.gap!));
  if (target.isZero()) return dec(Infinity);
  return dec(-r.gap!).div(target.abs());
}

/** The rows projected short, furthest short first. */
function atRisk(rows: readonly ResultRow[]): ResultRow[] {
  return rows
    .filter(projectedShort)
    .map((r) => ({ r, s: shortfall(r) }))
    .sort((a, b) => b.s.comparedTo(a.s))
    .map((x) => x.r);
}

/** What each remaining month must deliver, exact until printed. */
const perMonth = (r: ResultRow) =>
  num(dec(r.progress!.remaining!).div(r.progress!.remainingMonths));

/** 预计全年完成164户,低于年度目标6户(目标为170户以上),后3个月需完成57户,月均19户. */
function riskClause(r: ResultRow): string {
  const p = r.progress!;
  const u = valueUnit(r);
  const against = targetClause(r) ?? '年度目标';
  return (
    `预计全年完成${amount(p.projection, u)},${against}(目标为${targetWords(r)}),` +
    `后${p.remainingMonths}个月需完成${amount(p.remaining!, u)},月均${average(perMonth(r), u)}`
  );
}

/** Targets judged on the value itself (rates, stocks) and below target now. */
const behind = (rows: readonly ResultRow[]) =>
  rows.filter(
    (r) =>
      !r.progress &&
      r.value !== null &&
      r.gap !== null &&
      r.gap < 0 &&
      r.status !== 'not_applicable',
  );

/** Months of the year still to come after the period (none after a year's or December's). */
const monthsLeft = (scope: Scope) => 12 - monthsElapsed(parsePeriod(scope.input.evaluation.period));

function provinceTexts(scope: Scope, risky: ResultRow[]): string[] {
  const out: string[] = [];
  if (risky.length) {
    const each = risky.slice(0, SHOWN).map((r) => `${subject(r, true)}${riskClause(r)}`);
    out.push(`按全年预计值,${each.join(';')}。`);
  }
  const below = behind(scope.provinceRows);
  if (below.length) {
    const each = below.map((r) => `${valueClause(r, true)},${targetClause(r)}`).join(';');
    const left = monthsLeft(scope);
    out.push(
      left > 0
        ? `${risky.length ? '此外,' : ''}${each},需在后${left}个月加快追赶。`
        : `全年未达到年度目标的有:${each}。`,
    );
  }
  const counts = countyCounts(scope);
  if (counts) out.push(counts);
  return out;
}

/** For each projected county target: how many of the scope's counties will fall short. */
function countyCounts(scope: Scope): string | null {
  const by = new Map<string, Set<string>>();
  for (const r of scope.countyRows.filter(projectedShort)) {
    const name = scope.targetName(r);
    let set = by.get(name);
    if (!set) by.set(name, (set = new Set()));
    set.add(r.region);
  }
  if (by.size === 0) return null;
  const parts = [...by]
    .sort((a, b) => b[1].size - a[1].size)
    .map(([name, set]) => `${name}${set.size}个县(市)`);
  return `从县(市)看,按全年预计值,预计完不成年度目标的有:${parts.join('、')}。`;
}

function countyTexts(scope: Scope, risky: ResultRow[]): string[] {
  const out: string[] = [];
  if (risky.length) {
    const each = risky
      .slice(0, SHOWN)
      .map((r) => `${scope.name(r.region)}${scope.targetName(r)}${riskClause(r)}`);
    const more = risky.length > SHOWN ? `等${risky.length}项` : '';
    out.push(`按全年预计值,${each.join(';')}${more}。`);
  }
  const below = behind(scope.countyRows);
  if (below.length) {
    const by = new Map<string, number>();
    for (const r of below) by.set(scope.targetName(r), (by.get(scope.targetName(r)) ?? 0) + 1);
    const parts = [...by].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name}${n}个县(市)`);
    const lead = monthsLeft(scope) > 0 ? '按当期值,低于年度目标的有' : '全年未完成年度目标的有';
    out.push(`${lead}:${parts.join('、')}。`);
  }
  return out;
}

function riskTable(scope: Scope, risky: ResultRow[], byCounty: boolean): Block {
  const rows: Cell[][] = risky.map((r) => {
    const u = valueUnit(r);
    const p = r.progress!;
    const cells = [
      text(scope.targetName(r)),
      text(targetText(r)),
      number(r.value, u),
      number(p.projection, u),
      signedNumber(r.gap, gapUnit(r)),
      number(p.remaining, u),
      averageCell(perMonth(r), u),
      text(u),
    ];
    return byCounty ? [text(scope.name(r.region)), ...cells] : cells;
  });
  const months = risky[0]!.progress!.remainingMonths;
  const columns = [
    '指标',
    '年度目标',
    `${scope.periodWords}完成`,
    '预计全年',
    '差距',
    `后${months}个月需完成`,
    '月均需完成',
    '单位',
  ];
  return table(scope, {
    title: `${scope.province ? '全省' : scope.where}预计难以完成的累计指标`,
    ...withAttribute(
      byCounty ? ['县(市)', ...columns] : columns,
      rows,
      risky.map((r) => r.attribute),
      byCounty ? 2 : 1,
    ),
    note: '按全年预计值(上年同期进度或时序进度推算)评价;差距为全年预计值与目标之差。',
  });
}

/** The asks, numbered 1. 2. in the text, each drawn from what the bulletin found. */
function asks(scope: Scope, focus: string[]): string[] {
  const out: string[] = [];
  const yearDone = monthsLeft(scope) === 0;
  if (focus.length) {
    const named = focus.slice(0, 5).join('、');
    const more = focus.length > 5 ? `等${focus.length}项` : '';
    out.push(
      yearDone
        ? `围绕${named}${more}未完成年度目标的指标,有关部门和县(市)要深入分析原因,在下一年度工作中加以改进。`
        : `围绕${named}${more}预计难以完成或尚未达到目标的指标,有关部门和县(市)要分析原因、细化措施,确保完成全年目标任务。`,
    );
  }
  const red = scope.input.warnings.counties
    .filter((c) => scope.has(c.region) && c.level === 'red')
    .map((c) => scope.name(c.region));
  if (red.length) out.push(`${nameList(red)}要对照红色预警事项逐项分析原因,落实整改措施。`);
  const doubtful = [
    ...new Set(
      scope.input.findings
        .filter((f) => scope.has(f.region) && f.severity !== 'info')
        .map((f) => f.region),
    ),
  ].map(scope.name);
  if (doubtful.length)
    out.push(`${nameList(doubtful)}要对数据质量存疑的数值逐项核实,确保数据真实准确。`);
  const behind = scope.counties
    .filter((c) => {
      const t = scope.input.completeness.byCounty.get(c);
      return t !== undefined && (t.late > 0 || t.missing > 0);
    })
    .map(scope.name);
  if (behind.length) out.push(`${nameList(behind)}要按规定时间报送数据,杜绝迟报、漏报。`);
  if (out.length === 0)
    out.push(
      yearDone
        ? '各县(市)要总结经验,保持良好势头。'
        : '各县(市)要保持良好势头,确保完成全年目标任务。',
    );
  return out.map((t, i) => `${i + 1}.${t}`);
}

export function nextSection(scope: Scope): Block[] {
  // A plan without province targets is followed county by county, as a prefecture's is.
  const byCounty = scope.provinceRows.length === 0;
  const rows = byCounty ? scope.countyRows : scope.provinceRows;
  const risky = atRisk(rows);
  const texts = byCounty ? countyTexts(scope, risky) : provinceTexts(scope, risky);
  const yearDone = monthsLeft(scope) === 0;
  if (texts.length === 0)
    texts.push(yearDone ? '各项目标均已完成。' : '按当前进度,各项目标预计均可完成。');
  const focus = [...new Set([...risky, ...behind(rows)].map(scope.targetName))];
  return [
    heading(2, subHeading(1, yearDone ? '未完成目标的指标' : '需要加力推进的指标')),
    ...texts.map(paragraph),
    ...(risky.length ? [riskTable(scope, risky, byCounty)] : []),
    heading(2, subHeading(2, '工作要求')),
    ...asks(scope, focus).map(paragraph),
  ];
}
