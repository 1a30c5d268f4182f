import { sumTallies, type Tally } from '../completeness/index.js';
import {
  CHECK_LABELS,
  SEVERITY_LABELS,
  withoutPeerValues,
  type Finding,
} from '../quality/index.js';
import type { CountyWarnings, Warning } from '../warnings/index.js';
import type { Block, Cell } from './model.js';
import type { Scope } from './scope.js';
import { chart, count, heading, levelCell, paragraph, table, text } from './tables.js';
import { dateWords, nameList, subHeading, tallyWords } from './words.js';

// 三、预警与问题: red and yellow counties with the rules and numbers that fired, the map of
// levels, the data-quality findings that need attention and late or missing reporting.

/** Messages listed for one county in a sentence or a cell; the table holds the rest. */
const MESSAGES_SHOWN = 3;

/** Counties named in a list before it is cut short ("等39个县(市)"). */
const NAMES_SHOWN = 15;

/** Findings quoted in the paragraph; the table lists them all. */
const FINDINGS_SHOWN = 5;

/** Counts by a key, largest first: "目标未完成355条、落后序时进度57条". */
function countBy<T>(items: readonly T[], key: (x: T) => string, unit: string): string {
  const counts = new Map<string, number>();
  for (const x of items) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  return tallyWords(
    [...counts].sort((a, b) => b[1] - a[1]),
    unit,
  );
}

/** A county's messages, the first few: "…;…等5条". */
function messages(list: readonly Warning[]): string {
  const shown = list.slice(0, MESSAGES_SHOWN).map((w) => w.message);
  const more = list.length > MESSAGES_SHOWN ? `等${list.length}条` : '';
  return `${shown.join(';')}${more}`;
}

interface CountyLevel extends CountyWarnings {
  warnings: Warning[];
}

function countyLevels(scope: Scope): CountyLevel[] {
  const mine = scope.input.warnings.warnings.filter((w) => scope.has(w.region));
  return scope.input.warnings.counties
    .filter((c) => scope.has(c.region))
    .map((c) => ({
      ...c,
      // Red first within a county, as the board lists them.
      warnings: mine
        .filter((w) => w.region === c.region)
        .sort((a, b) => (a.level === b.level ? 0 : a.level === 'red' ? -1 : 1)),
    }));
}

function warningTexts(scope: Scope, levels: CountyLevel[], tableNo: number | null): string[] {
  const red = levels.filter((c) => c.level === 'red');
  const yellow = levels.filter((c) => c.level === 'yellow');
  const green = levels.filter((c) => c.level === 'green');
  const all = levels.flatMap((c) => c.warnings);
  const counts = tallyWords(
    [
      ['红色预警', red.length],
      ['黄色预警', yellow.length],
      ['绿色', green.length],
    ],
    '个',
  );
  if (all.length === 0) {
    return [`按预警规则,${scope.where}${levels.length}个县(市)本期均未触发预警。`];
  }
  const redCount = all.filter((w) => w.level === 'red').length;
  const fired = tallyWords(
    [
      ['红色预警', redCount],
      ['黄色预警', all.length - redCount],
    ],
    '条',
  );
  const out = [
    `按预警规则,${scope.where}${levels.length}个县(市)中,${counts};共触发${fired},` +
      `其中${countBy(all, (w) => w.ruleName, '条')}。`,
  ];
  const see = tableNo ? `,详见表${tableNo}` : '';
  // Red counties' messages are quoted (the first NAMES_SHOWN); yellow ones' are in the table.
  if (red.length) {
    const each = red
      .slice(0, NAMES_SHOWN)
      .map(
        (c) => `${scope.name(c.region)}(${messages(c.warnings.filter((w) => w.level === 'red'))})`,
      );
    const more = red.length > NAMES_SHOWN ? `等${red.length}个县(市)${see}` : '';
    out.push(`红色预警县(市):${each.join('、')}${more}。`);
  }
  if (yellow.length) {
    const names = yellow.map((c) => `${scope.name(c.region)}(${c.yellow}条)`);
    const yellowWarnings = yellow.flatMap((c) => c.warnings);
    out.push(
      `黄色预警县(市):${nameList(names, NAMES_SHOWN)},` +
        `主要是${countBy(yellowWarnings, (w) => w.ruleName, '条')}${see}。`,
    );
  }
  return out;
}

function warningTable(scope: Scope, levels: CountyLevel[]): Block | null {
  const flagged = levels.filter((c) => c.level !== 'green');
  if (flagged.length === 0) return null;
  const rows: Cell[][] = flagged.map((c) => [
    text(scope.name(c.region)),
    levelCell(c.level),
    count(c.red),
    count(c.yellow),
    text(messages(c.warnings)),
  ]);
  return table(scope, {
    title: `${scope.province ? '' : scope.where}红色、黄色预警县(市)`,
    columns: ['县(市)', '预警等级', '红色预警(条)', '黄色预警(条)', '主要问题'],
    rows,
  });
}

/** Every county of the scope with its level on the map; `none` where nothing could be judged. */
function levelMap(scope: Scope, levels: CountyLevel[]): Block {
  const by = new Map(levels.map((c) => [c.region, c.level]));
  const hasData = new Set(scope.countyRows.filter((r) => r.value !== null).map((r) => r.region));
  const regions = scope.counties.map((code) => {
    const level = by.get(code);
    const shown: CountyLevel['level'] | 'none' =
      !level || (level === 'green' && !hasData.has(code)) ? 'none' : level;
    return { code, name: scope.name(code), level: shown };
  });
  return chart(scope, `${scope.province ? '各' : `${scope.where}各`}县(市)预警等级`, {
    kind: 'map',
    province: scope.input.province.code,
    regions,
  });
}

/** The findings that need attention, errors first; a prefecture's without other counties' values. */
function attention(scope: Scope): Finding[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return scope.input.findings
    .filter((f) => scope.has(f.region) && f.severity !== 'info')
    .map((f) => (scope.province ? f : withoutPeerValues(f)))
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
}

const checkLabel = (f: Finding) => CHECK_LABELS[f.check] ?? '指标间一致性';

function qualityBlocks(scope: Scope): Block[] {
  const list = attention(scope);
  if (list.length === 0) return [paragraph('本期数据质量检查未发现需要核实的问题。')];
  const errors = list.filter((f) => f.severity === 'error').length;
  const counties = [...new Set(list.map((f) => f.region))].map(scope.name);
  const kinds = tallyWords(
    [
      ['错误', errors],
      ['存疑', list.length - errors],
    ],
    '条',
  );
  const findings = table(scope, {
    title: `${scope.province ? '' : scope.where}需要核实的数据质量问题`,
    columns: ['县(市)', '类别', '检查项', '说明'],
    rows: list.map((f) => [
      text(scope.name(f.region)),
      text(SEVERITY_LABELS[f.severity]),
      text(checkLabel(f)),
      text(f.message),
    ]),
  });
  const shown = list
    .slice(0, FINDINGS_SHOWN)
    .map((f) => `${scope.name(f.region)}${f.message}`)
    .join(';');
  const more = list.length > FINDINGS_SHOWN ? `等,详见表${scope.numbers.table}` : '';
  return [
    paragraph(
      `本期数据质量检查发现需要核实的问题${list.length}条(${kinds}),涉及${nameList(counties, NAMES_SHOWN)};` +
        `按检查项分,${countBy(list, checkLabel, '条')}。主要有:${shown}${more}。`,
    ),
    findings,
  ];
}

function reportingBlocks(scope: Scope): Block[] {
  const c = scope.input.completeness;
  const mine = scope.counties
    .map((code) => ({ code, t: c.byCounty.get(code) }))
    .filter((x): x is { code: string; t: Tally } => x.t !== undefined);
  const total = sumTallies(mine.map((x) => x.t));
  if (total.expected === 0) return [paragraph(`${scope.periodWords}没有应报的县级数据。`)];
  const named = (key: 'late' | 'missing') =>
    nameList(
      mine.filter((x) => x.t[key] > 0).map((x) => `${scope.name(x.code)}(${x.t[key]}项)`),
      NAMES_SHOWN,
    );
  const parts = [
    `${scope.where}各县(市)本期应报数据${total.expected}项,已报${total.received}项,其中已核定${total.approved}项`,
  ];
  if (total.missing > 0) {
    const overdue = c.overdue ? `,已超过报送截止日期(${dateWords(c.due)})` : '';
    parts.push(`尚缺${total.missing}项${overdue},涉及${named('missing')}`);
  }
  if (total.late > 0) parts.push(`迟报${total.late}项,涉及${named('late')}`);
  if (total.missing === 0 && total.late === 0) parts.push('均按时报送');
  const out: Block[] = [paragraph(`${parts.join(';')}。`)];
  const behind = mine.filter((x) => x.t.late > 0 || x.t.missing > 0);
  if (behind.length) {
    out.push(
      table(scope, {
        title: `${scope.province ? '' : scope.where}迟报、缺报县(市)`,
        columns: ['县(市)', '应报', '已报', '已核定', '迟报', '缺报'],
        rows: behind.map((x) => [
          text(scope.name(x.code)),
          count(x.t.expected),
          count(x.t.received),
          count(x.t.approved),
          count(x.t.late),
          count(x.t.missing),
        ]),
        note: `单位:项。报送截止日期${dateWords(c.due)}。`,
      }),
    );
  }
  return out;
}

export function problemsSection(scope: Scope): Block[] {
  const levels = countyLevels(scope);
  // The table is numbered first, so that the sentences can refer to it.
  const table = warningTable(scope, levels);
  const tableNo = table ? scope.numbers.table : null;
  return [
    heading(2, subHeading(1, '预警情况')),
    ...warningTexts(scope, levels, tableNo).map(paragraph),
    levelMap(scope, levels),
    ...(table ? [table] : []),
    heading(2, subHeading(2, '数据质量')),
    ...qualityBlocks(scope),
    heading(2, subHeading(3, '数据报送情况')),
    ...reportingBlocks(scope),
  ];
}
