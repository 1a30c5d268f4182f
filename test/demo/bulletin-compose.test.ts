import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  composeBulletin,
  type Bulletin,
  type BulletinInput,
} from '../../src/core/bulletin/index.js';
import { generateDemo } from '../../src/core/demo/index.js';
import type { ResultRow } from '../../src/core/evaluate/index.js';
import { dec, formatNumber, formatValue, num } from '../../src/core/numeric/index.js';
import { loadBuiltinPlans, loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { loadReference } from '../../src/services/reference.js';
import type { ReportContext } from '../../src/services/reports.js';
import { bulletinInput } from '../../src/services/bulletins.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import { testDb, type TestDb } from '../store/dialects.js';

// The composer on the demo database (as `db init --demo` makes it), its inputs made by the same
// services the API uses: every number the overview prints for a province target is that
// target's value or gap as the API's consumers show it.

const PLAN = 'hlj-2026';
const PERIOD = '2026-09';
const NOW = '2026-11-30';

let t: TestDb;
let store: Store;
let ctx: ReportContext;

beforeAll(async () => {
  t = testDb('sqlite');
  store = await t.open();
  const register = loadRegister();
  await initialise(store, {
    regions: [...register.regions.values()],
    plans: loadBuiltinPlans(),
    at: new Date().toISOString(),
    demo: generateDemo({ seed: 2026, scale: 'province', register, indicators: loadIndicators() }),
  });
  ctx = { store, ...(await loadReference(store)) };
});

afterAll(async () => {
  await store.close();
  await t.drop();
});

/** The composer's input for the province or one prefecture, as the API's bulletin gathers it. */
const demoInput = (prefecture?: { code: string; name: string }): Promise<BulletinInput> =>
  bulletinInput(ctx, {
    plan: PLAN,
    period: PERIOD,
    scope: prefecture?.code ?? 'province',
    view: 'working',
    now: new Date(`${NOW}T12:00:00+08:00`),
  });

const paragraphs = (b: Bulletin, section: number) =>
  b.sections[section]!.blocks.flatMap((x) => (x.kind === 'paragraph' ? [x.text] : []));

describe('the bulletin of the demo database', () => {
  let input: BulletinInput;
  let bulletin: Bulletin;
  beforeAll(async () => {
    input = await demoInput();
    bulletin = composeBulletin(input);
  });

  it('prints each province target with its value and gap as the API shows them', () => {
    const rows = input.evaluation.results.filter(
      (r) => r.scope === 'province' && r.value !== null && r.status !== 'not_applicable',
    );
    expect(rows.length).toBeGreaterThan(5);
    const texts = paragraphs(bulletin, 0);
    for (const row of rows) {
      // The sentence opens with the indicator, 增速 left out, 各县 said as 县域: 全省县域地区生产总值….
      const subject = `全省${row.name.replace(/(增速|增长率|增长)$/, '').replace(/^各县/, '县域')}`;
      const sentence = texts.find((p) => p.startsWith(subject));
      expect(sentence, row.name).toBeDefined();
      const valueUnit = row.unit === '个百分点' ? '%' : row.unit;
      const value = formatValue(Math.abs(row.value!), valueUnit);
      expect(sentence).toContain(`${value}${valueUnit}`);
      const gapUnit = row.progress ? row.unit : row.unit === '%' ? '个百分点' : row.unit;
      const gap = formatValue(Math.abs(row.gap!), gapUnit);
      if (Number(gap) !== 0) expect(sentence).toContain(`年度目标${gap}${gapUnit}`);
      // Every other number in it is one the API also gives for the row: the target, the
      // reference, the pace, the projection, the share done, the change since 1-6月.
      const p = row.progress;
      const before = input.earlier!.results.find(
        (r) => r.region === row.region && r.indicator === row.indicator,
      )?.value;
      const last =
        row.previous !== undefined ? row.previous : (input.lastYear?.[row.indicator] ?? null);
      const allowed = new Set([
        value,
        gap,
        ...(row.phrase.match(/\d+(?:\.\d+)?/g) ?? []),
        ...(row.ref != null ? [formatValue(row.ref, valueUnit)] : []),
        ...(p
          ? [
              formatValue(p.expected, valueUnit),
              formatValue(p.projection, valueUnit),
              formatNumber(dec(p.done!).times(100), 1),
              formatValue(num(dec(row.value!).minus(dec(p.expected!)).abs()), valueUnit),
            ]
          : []),
        ...(before != null
          ? [formatValue(num(dec(row.value!).minus(dec(before)).abs()), '个百分点')]
          : []),
        // Last year's same period, and the change against it (个百分点 for rates, % for levels).
        ...(last != null
          ? [
              formatValue(Math.abs(last), valueUnit),
              valueUnit === '%'
                ? formatValue(num(dec(row.value!).minus(dec(last)).abs()), '个百分点')
                : formatValue(
                    num(dec(row.value!).minus(dec(last)).times(100).div(dec(last).abs()).abs()),
                    '%',
                  ),
            ]
          : []),
      ]);
      const rest = sentence!.slice(subject.length).replace(/1-6月/g, '');
      for (const n of rest.match(/\d+(?:\.\d+)?/g) ?? [])
        expect(allowed, `${n} in ${sentence}`).toContain(n);
    }
  });

  it('says GDP growth against its target and against 1-6月 with the demo figures', () => {
    const gdp = (rows: ResultRow[]) =>
      rows.find((r) => r.scope === 'province' && r.indicator === 'gdp_growth')!;
    const now = gdp(input.evaluation.results);
    const before = gdp(input.earlier!.results);
    // Worked out here from the two values, in tenths so that no float subtraction is involved.
    const tenths = Math.round(now.value! * 10) - Math.round(before.value! * 10);
    const words =
      tenths === 0
        ? '与1-6月持平'
        : `较1-6月${tenths > 0 ? '回升' : '回落'}${Math.abs(tenths) / 10}`;
    const sentence = paragraphs(bulletin, 0).find((p) => p.startsWith('全省县域地区生产总值'))!;
    expect(sentence).toContain(words);
  });

  it('carries the synthetic note, and no broken text anywhere', () => {
    expect(bulletin.syntheticNote).toContain('合成演示数据');
    expect(bulletin.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、擂台赛排名',
      '三、预警与问题',
      '四、下一步工作',
    ]);
    expect(JSON.stringify(bulletin.sections)).not.toMatch(/NaN|undefined|null|Infinity/);
  });

  it('a prefecture’s bulletin names only its own counties', async () => {
    const harbin = await demoInput({ code: '230100', name: '哈尔滨市' });
    const b = composeBulletin(harbin);
    expect(b.title).toBe('哈尔滨市县域经济运行情况通报');
    const json = JSON.stringify(b.sections);
    const others = input.ranking!.counties.filter((c) => !harbin.counties.includes(c.region));
    expect(others.length).toBeGreaterThan(50);
    for (const c of others) expect(json).not.toContain(c.regionName);
    for (const code of harbin.counties) expect(json).toContain(ctx.register.get(code)!.name);
  });
});
