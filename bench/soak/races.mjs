// bench/soak/races: the three misbehaviours the soak found, each provoked on purpose so that a fix
// can be checked in seconds instead of a 10-minute soak. Two `leitai serve` on one PostgreSQL
// schema (demo data), loopback only; the schema is dropped at the end. Prints what each race gave
// and exits 1 while any of them still misbehaves.
//   1. An import and an edit of the same value at once (one per instance): expected 200 + 200 or
//      200 + 409, never 500, and never one revision number twice in the audit.
//   2. Two approvals of the same two reviewed values, in opposite key order: expected 200 + 409.
//   3. A department returning a value that a county edited after the department read its queue:
//      expected 409 CONFLICT (the value moved on), not 403 SCOPE_DENIED.
// Run: node bench/soak/races.mjs [rounds] (after npm run build).
import {
  connect,
  createDemo,
  dropSchema,
  PASSWORD,
  PG_BASE,
  startServer,
  stopServer,
} from './setup.mjs';

const rounds = Number(process.argv[2] ?? 20);
const schema = `soak_races_${process.pid}_${Date.now().toString(36)}`;
const url = `${PG_BASE}?schema=${schema}`;
const servers = [];
const cleanup = async () => {
  await Promise.all(servers.map(stopServer));
  await dropSchema(schema);
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

async function login(base, username) {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const csrf = (await r.json()).csrfToken;
  /** method, path, JSON body or FormData → { status, body } */
  return async (method, path, body) => {
    const headers = { cookie, 'x-csrf-token': csrf };
    if (body && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers,
      body: body instanceof FormData ? body : body && JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

const csv = (rows) => {
  const form = new FormData();
  form.append('reason', 'race');
  const text = ['region,indicator,period,value', ...rows.map((r) => r.join(','))].join('\n');
  form.append('file', new Blob([`${text}\n`], { type: 'text/csv' }), 'race.csv');
  return form;
};
const tally = (list) =>
  Object.entries(
    list.reduce(
      (m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }),
      /** @type {Record<string, number>} */ ({}),
    ),
  )
    .map(([s, n]) => `${s} × ${n}`)
    .join(', ');

let bad = 0;
try {
  await createDemo(url, schema);
  servers.push(await startServer(url, 'A'), await startServer(url, 'B'));
  const [a, b] = servers.map((s) => s.base);
  const countyA = await login(a, 'shangzhi');
  const prefectureB = await login(b, 'harbin');
  const provinceA = await login(a, 'province');
  const financeA = await login(a, 'finance');
  const financeB = await login(b, 'finance');

  // 1. Import (instance B, the prefecture collecting its county's sheet) against an edit
  //    (instance A, the county), the same value, same moment.
  const outcomes = [];
  for (let i = 0; i < rounds; i++) {
    const period = `2027-${String((i % 12) + 1).padStart(2, '0')}`;
    const indicator = i < 12 ? 'gdp' : 'tax_revenue';
    const path = `/observations/230183/${indicator}/${period}`;
    const first = await countyA('PUT', path, { value: 50 });
    const [edit, imp] = await Promise.all([
      countyA('PUT', path, { value: 51, expectedRevision: first.body.revision }),
      prefectureB('POST', '/imports', csv([['230183', indicator, period, 52]])),
    ]);
    outcomes.push(`edit ${edit.status} / import ${imp.status}`);
  }
  const client = await connect(schema);
  const twice = Number(
    (
      await client.query(`select count(*) n from (select region, indicator, period, revision from observation
        union all select region, indicator, period, revision from observation_history) a
        where period >= '2027' group by region, indicator, period, revision having count(*) > 1`)
    ).rowCount,
  );
  await client.end();
  const race1 = outcomes.some((o) => o.includes('500')) || twice > 0;
  bad += race1 ? 1 : 0;
  console.log(
    `1. import vs edit of one value, ${rounds} rounds: ${tally(outcomes)}; revision numbers written twice: ${twice} — ${race1 ? 'MISBEHAVES' : 'ok'}`,
  );

  // 2. Two approvals of the same two values in opposite order, one per instance.
  const approvals = [];
  for (let i = 0; i < rounds; i++) {
    const period = `2028-${String((i % 12) + 1).padStart(2, '0')}`;
    const indicator = i < 12 ? 'general_budget_revenue' : 'general_budget_revenue_growth';
    const keys = ['230183', '230184'].map((region) => ({ region, indicator, period }));
    for (const k of keys)
      await provinceA('PUT', `/observations/${k.region}/${indicator}/${period}`, { value: 5 });
    for (const action of ['submit', 'review'])
      await provinceA('POST', `/review/${action}`, { keys });
    const [x, y] = await Promise.all([
      financeA('POST', '/review/approve', { keys }),
      financeB('POST', '/review/approve', { keys: [...keys].reverse() }),
    ]);
    approvals.push([x.status, y.status].sort().join(' + '));
  }
  const race2 = approvals.some((o) => o !== '200 + 409');
  bad += race2 ? 1 : 0;
  console.log(
    `2. approvals of two values in opposite order, ${rounds} rounds: ${tally(approvals)} — ${race2 ? 'MISBEHAVES' : 'ok'}`,
  );

  // 3. The department returns a value the county changed after the department saw it.
  const key = { region: '230183', indicator: 'general_budget_revenue', period: '2029-01' };
  const path = `/observations/${key.region}/${key.indicator}/${key.period}`;
  await countyA('PUT', path, { value: 7 });
  await countyA('POST', '/review/submit', { keys: [key] });
  await prefectureB('POST', '/review/review', { keys: [key] });
  await countyA('PUT', path, { value: 7.5, reason: '更正' }); // back to submitted
  const ret = await financeB('POST', '/review/return', { keys: [key], reason: '请核实' });
  const race3 = ret.status !== 409;
  bad += race3 ? 1 : 0;
  console.log(
    `3. return of a value changed since the queue was read: ${ret.status} ${ret.body?.code} (expected 409 CONFLICT) — ${race3 ? 'MISBEHAVES' : 'ok'}`,
  );
  for (const s of servers)
    for (const p of s.problems.slice(0, 3))
      console.log(`   server ${s.label}: ${p.err?.type ?? ''} ${p.err?.message ?? p.msg}`);
} finally {
  await cleanup();
}
process.exit(bad ? 1 : 0);
