import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeness } from '../../src/core/completeness/index.js';
import { departmentNames } from '../../src/core/departments/index.js';
import { responsibility, type Actor } from '../../src/core/review/index.js';
import { loadDepartmentNames } from '../../src/io/departments.js';
import { findPlan, loadBuiltinPlans, loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import type { Store } from '../../src/store/db.js';
import { act, applyValues, history } from '../../src/store/observations.js';
import { queueScope } from '../../src/services/review.js';
import { addUser, knownDepartments } from '../../src/services/users.js';
import { errorCode } from '../helpers.js';
import { DIALECTS, testDb, type TestDb } from './dialects.js';

// One department, two printed names: hlj-2025 prints 黑龙江金融监管局 for 贷款余额增速, hlj-2026
// 黑龙江金融监督管理局. The alias table (data/departments.json) makes them one department for
// responsibility, review, completeness and users.

const register = loadRegister();
const indicators = loadIndicators();
const plans = loadBuiltinPlans();
const only2025 = [findPlan(plans, 'hlj-2025')];
const names = loadDepartmentNames();
const prefectureOf = (c: string) => register.get(c)?.parent ?? null;
const AT = '2026-03-01T00:00:00.000Z';
const NEW_NAME = '黑龙江金融监督管理局';
const OLD_NAME = '黑龙江金融监管局';

describe('the department alias table', () => {
  it('leads both printed names, and a spaced one, to the same department', () => {
    expect(names.canonical(OLD_NAME)).toBe(NEW_NAME);
    expect(names.canonical(NEW_NAME)).toBe(NEW_NAME);
    expect(names.canonical(' 黑龙江 金融监管局 ')).toBe(NEW_NAME);
    expect(names.canonical('省地方金融管理局')).toBe('省地方金融监督管理局');
    expect(names.canonical('省税务局')).toBe('省税务局');
  });

  it('refuses a table where one name leads to two departments, naming the entry', () => {
    const twice = {
      departments: [
        { name: 'A局', aliases: ['甲'], source: 's' },
        { name: 'B局', aliases: ['甲'], source: 's' },
      ],
    };
    expect(() => departmentNames(twice, 't.json')).toThrow(
      't.json: departments.1: 别名「甲」已指向「A局」,一个名称只能对应一个部门',
    );
    const noSource = { departments: [{ name: 'A局', aliases: ['甲'] }] };
    expect(() => departmentNames(noSource, 't.json')).toThrow('「departments.0.source」');
  });

  it('counts 贷款余额增速 under one department for both plans (completeness per department)', () => {
    const responsible = responsibility(plans, indicators, names);
    // hlj-2025: 黑龙江金融监管局, 省地方金融管理局, 人民银行黑龙江省分行; hlj-2026 the same three
    // departments under their new names: three departments, not five.
    expect([...responsible('loan_growth')].sort()).toEqual(
      ['人民银行黑龙江省分行', '省地方金融监督管理局', NEW_NAME].sort(),
    );
    const c = completeness({
      expected: ['230183', '230184'].map((region) => ({
        region,
        prefecture: '230100',
        indicator: 'loan_growth',
        departments: responsible('loan_growth'),
      })),
      received: [
        { region: '230183', indicator: 'loan_growth', value: 7, status: 'submitted', firstAt: AT },
      ],
      due: '2026-03-10',
      now: AT,
    });
    // Two counties owe it, one has sent it: 2 expected, 1 received, 1 missing.
    expect(c.byDepartment.get(NEW_NAME)).toEqual({
      expected: 2,
      received: 1,
      approved: 0,
      late: 0,
      missing: 1,
    });
    expect(c.byDepartment.has(OLD_NAME)).toBe(false);
  });
});

describe.each(DIALECTS)('a department user under a renamed department on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  const K = { region: '230183', indicator: 'loan_growth', period: '2025' };
  const user: Actor = { name: 'jinrong', role: 'department', department: NEW_NAME };
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    await applyValues(store, [{ ...K, value: 7.5 }], { actor: 'seed', source: 'test', at: AT });
  });
  afterAll(async () => {
    await store.close();
    await t.drop();
  });

  it('may be created under the new name though the plan prints the old one', async () => {
    const departments = knownDepartments({ plans: only2025, indicators });
    expect(departments).toContain(OLD_NAME);
    expect(departments).toContain(NEW_NAME);
    const added = await addUser(
      store,
      { username: 'jinrong', scope: `department:${NEW_NAME}`, password: 'Secret-pass-2026' },
      { actor: 'admin', at: AT, departments },
    );
    expect(added.user.department).toBe(NEW_NAME);
  });

  it('reviews the values of targets printed with 黑龙江金融监管局', async () => {
    const responsible = responsibility(only2025, indicators, names);
    const ctx = { register, responsible, indicators, plans: only2025 };
    expect(queueScope(ctx, user).indicators).toContain('loan_growth');
    const opts = { at: AT, responsible, prefectureOf };
    const county: Actor = { name: 'shangzhi', role: 'county', region: '230183' };
    const harbin: Actor = { name: 'harbin', role: 'prefecture', region: '230100' };
    await act(store, [K], { ...opts, actor: county, action: 'submit' });
    await act(store, [K], { ...opts, actor: harbin, action: 'review' });
    // Without the alias table the same user is outside the indicator's departments.
    const bare = responsibility(only2025, indicators);
    expect(
      await errorCode(
        act(store, [K], { ...opts, responsible: bare, actor: user, action: 'approve' }),
      ),
    ).toBe('SCOPE_DENIED');
    expect(await errorCode(act(store, [K], { ...opts, actor: user, action: 'approve' }))).toBe(
      'ok',
    );
    expect((await history(store, K)).at(-1)).toMatchObject({
      status: 'approved',
      actor: 'jinrong',
    });
  });
});
