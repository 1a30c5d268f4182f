// bench/soak tally: every request's kind, latency and outcome; what the accepted writes add up to;
// and the audit check against the database at the end.

/** Requests, latencies and outcomes per kind; accepted writes and what they say they changed. */
export class Tally {
  requests = 0;
  byKind = new Map(); // kind → { ms: number[], accepted, refused }
  refusals = new Map(); // "409 CONFLICT" → n
  errors = [];
  errorCount = 0;
  expected = { changeSets: 0, revisions: 0 };
  writes = new Map(); // kind → accepted writes
  edits = []; // accepted edits: { region, indicator, period, revision, value, actor }

  kind(kind) {
    let k = this.byKind.get(kind);
    if (!k) this.byKind.set(kind, (k = { ms: [], accepted: 0, refused: 0 }));
    return k;
  }

  accepted(kind, ms) {
    this.requests++;
    const k = this.kind(kind);
    k.ms.push(ms);
    k.accepted++;
  }

  refused(kind, ms, label) {
    this.requests++;
    const k = this.kind(kind);
    k.ms.push(ms);
    k.refused++;
    this.refusals.set(label, (this.refusals.get(label) ?? 0) + 1);
  }

  /** An error: kept whole for the first 20 (route, status, body), counted after that. */
  error(kind, ms, what) {
    this.requests++;
    const k = this.kind(kind);
    if (ms !== undefined) k.ms.push(ms);
    this.errorCount++;
    if (this.errors.length < 20) this.errors.push({ kind, ...what });
  }

  /** An accepted write that made `revisions` new revisions in one change set (none if 0). */
  wrote(kind, revisions) {
    this.writes.set(kind, (this.writes.get(kind) ?? 0) + 1);
    if (revisions > 0) {
      this.expected.changeSets++;
      this.expected.revisions += revisions;
    }
  }
}

const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
    : NaN;

/**
 * Reads back what the soak wrote (change sets after `since`, the revisions pointing to them) and
 * checks it against the accepted answers: the same number of change sets and revisions, every
 * accepted edit present with its value and author, every change set with at least one revision,
 * and every value's revisions numbered 1..n with none twice.
 */
export async function audit(client, since, tally) {
  const one = async (q, params = []) =>
    Number(Object.values((await client.query(q, params)).rows[0])[0]);
  const changeSets = await one('select count(*) from change_set where id > $1', [since]);
  const { rows } = await client.query(
    `select o.region, o.indicator, o.period, o.revision, o.value, c.actor from
       (select region, indicator, period, revision, value, change_set from observation where change_set > $1
        union all
        select region, indicator, period, revision, value, change_set from observation_history where change_set > $1) o
     join change_set c on c.id = o.change_set`,
    [since],
  );
  const empty = await one(
    `select count(*) from change_set c where c.id > $1
       and not exists (select 1 from observation o where o.change_set = c.id)
       and not exists (select 1 from observation_history h where h.change_set = c.id)`,
    [since],
  );
  const numbering = (
    await client.query(
      `select count(*) filter (where n <> distinct_n) as twice, count(*) filter (where distinct_n <> top) as gaps
       from (select count(*) n, count(distinct revision) distinct_n, max(revision) top
             from (select region, indicator, period, revision from observation
                   union all select region, indicator, period, revision from observation_history) a
             group by region, indicator, period) b`,
    )
  ).rows[0];
  // Rows by value and revision (a list: a revision number written twice must not hide one).
  const found = new Map();
  for (const r of rows) {
    const k = `${r.region}|${r.indicator}|${r.period}|${r.revision}`;
    found.set(k, [...(found.get(k) ?? []), r]);
  }
  let lostEdits = 0;
  for (const e of tally.edits) {
    const same = (found.get(`${e.region}|${e.indicator}|${e.period}|${e.revision}`) ?? []).some(
      (r) =>
        r.actor === e.actor && (r.value === null ? e.value === null : Number(r.value) === e.value),
    );
    if (!same) lostEdits++;
  }
  return {
    changeSets,
    revisions: rows.length,
    lostEdits,
    emptyChangeSets: empty,
    twice: Number(numbering.twice),
    gaps: Number(numbering.gaps),
  };
}

/** A server log entry in one line: its message, request id, error and where it was thrown. */
function serverLine(p) {
  const frames = (p.err?.stack ?? '')
    .split('\n')
    .filter((l) => l.includes('/dist/'))
    .slice(0, 4)
    .map((l) =>
      l
        .trim()
        .replace(/^at /, '')
        .replace(/file:\/\/.*\/dist\//, 'dist/'),
    );
  const err = p.err
    ? ` ${p.err.type}: ${p.err.message}${p.err.code ? ` (${p.err.code})` : ''}`
    : '';
  return `${p.server} reqId ${p.reqId ?? '-'} ${p.msg ?? ''}${err}${frames.length ? ` at ${frames.join(' < ')}` : ''}`;
}

/** The table of figures, and whether the soak passed. */
export function report(tally, audited, o) {
  const lines = [];
  const pad = (s, n) => String(s).padEnd(n);
  const num = (s, n) => String(s).padStart(n);
  lines.push(
    `duration ${(o.seconds / 60).toFixed(1)} min (${o.seconds.toFixed(0)} s), ${o.users} users, 2 instances on PostgreSQL, ${tally.requests} requests (${(tally.requests / o.seconds).toFixed(1)}/s)${o.capped ? ', stopped at the request cap' : ''}`,
  );
  lines.push('');
  lines.push(
    `${pad('kind', 22)}${num('requests', 9)}${num('accepted', 9)}${num('refused', 8)}${num('p50 ms', 8)}${num('p99 ms', 8)}`,
  );
  for (const [kind, k] of [...tally.byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const ms = [...k.ms].sort((a, b) => a - b);
    lines.push(
      `${pad(kind, 22)}${num(ms.length, 9)}${num(k.accepted, 9)}${num(k.refused, 8)}${num(Math.round(percentile(ms, 50)), 8)}${num(Math.round(percentile(ms, 99)), 8)}`,
    );
  }
  lines.push('');
  const refusals = [...tally.refusals].sort(([a], [b]) => a.localeCompare(b));
  lines.push(
    `refusals (expected): ${refusals.length ? refusals.map(([c, n]) => `${c} × ${n}`).join(', ') : 'none'}`,
  );
  lines.push(`errors (5xx, unexplained status, connection failure, timeout): ${tally.errorCount}`);
  for (const e of tally.errors) lines.push(`  ${JSON.stringify(e)}`);
  for (const p of o.serverProblems.slice(0, 10)) lines.push(`  server log: ${serverLine(p)}`);
  lines.push(`server log warnings/errors: ${o.serverProblems.length}`);
  lines.push('');
  const writes = [...tally.writes].map(([k, n]) => `${k} ${n}`).join(', ');
  lines.push(`accepted writes: ${writes || 'none'}`);
  const checks = [
    ['change sets: accepted answers vs audit rows', tally.expected.changeSets, audited.changeSets],
    ['revisions:   accepted answers vs audit rows', tally.expected.revisions, audited.revisions],
    ['accepted edits missing or different in the audit', 0, audited.lostEdits],
    ['change sets without a revision', 0, audited.emptyChangeSets],
    ['values with a revision number twice', 0, audited.twice],
    ['values with a gap in their revisions', 0, audited.gaps],
  ];
  let pass = tally.errorCount === 0 && o.serverProblems.every((p) => (p.level ?? 60) < 50);
  for (const [what, want, got] of checks) {
    const ok = want === got;
    pass &&= ok;
    lines.push(`${pad(what, 52)} ${num(want, 7)} ${num(got, 7)}  ${ok ? 'ok' : 'MISMATCH'}`);
  }
  lines.push('');
  lines.push(`soak: ${pass ? 'PASS' : 'FAIL'}`);
  return { text: lines.join('\n'), pass };
}
