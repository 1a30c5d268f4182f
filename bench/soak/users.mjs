// bench/soak users: one simulated person per account, each a loop of what that role does in a
// working day — read, edit, upload, submit, review, approve — with a pause between steps. Every
// answer is classified: accepted, an expected refusal (a conflict with someone faster, or a
// deliberately wrong request refused as the rules say), or an error.
import { readFileSync } from 'node:fs';

const indicators = JSON.parse(
  readFileSync(new URL('../../plans/indicators.json', import.meta.url), 'utf8'),
);
const RANGE = new Map(
  (Array.isArray(indicators) ? indicators : indicators.indicators).map((i) => [i.code, i.range]),
);
/** Indicators the counties edit: each has a department among the soak's users to approve it. */
const EDITED = [
  'gdp',
  'gdp_growth',
  'general_budget_revenue',
  'general_budget_revenue_growth',
  'tax_revenue',
  'tax_revenue_growth',
  'industry_va_growth',
  'above_scale_enterprises',
  'rural_income_growth',
  'primary_va_growth',
];
const PLAN = 'hlj-2026';
const LATEST = '2026-09';
const PERIODS = ['2026-08', '2026-09', '2026-10', '2026-11'];
const NEW_PERIODS = ['2026-10', '2026-11'];
const TIMEOUT_MS = 30_000;
/** The states each review action applies to (a queue may list others, e.g. the province's). */
const FROM = {
  submit: ['draft', 'returned'],
  review: ['submitted'],
  approve: ['reviewed'],
  return: ['submitted', 'reviewed'],
};

/** A small seeded generator (mulberry32): each user makes the same choices in every run. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    some: (list, n) => [...list].sort(() => next() - 0.5).slice(0, n),
    /** One of `choices` ([weight, what]) in proportion to its weight. */
    weighted(choices) {
      let r = next() * choices.reduce((s, [w]) => s + w, 0);
      for (const [w, what] of choices) if ((r -= w) < 0) return what;
      return choices[choices.length - 1][1];
    },
  };
}

/** A value changed by a small amount (about 2 %, at least one unit of its last digit), kept in range. */
function nudge(value, indicator, rnd) {
  const range = RANGE.get(indicator) ?? [0, 1000];
  if (value === null || value === undefined)
    return Number((range[0] + (range[1] - range[0]) / 20).toFixed(1));
  const decimals = (String(value).split('.')[1] ?? '').length;
  const unit = 10 ** -decimals;
  let delta = Math.abs(value) * (rnd.next() * 0.04 - 0.02);
  if (Math.abs(delta) < unit) delta = rnd.next() < 0.5 ? -unit : unit;
  let v = Number((value + delta).toFixed(decimals));
  if (v < range[0] || v > range[1]) v = Number((value - delta).toFixed(decimals));
  return Math.min(range[1], Math.max(range[0], v));
}

const keyOf = (r) => `${r.region}|${r.indicator}|${r.period}`;
const rowsOf = (body) => (Array.isArray(body) ? body : (body?.rows ?? []));

/**
 * One simulated person. `step()` does one thing its role does; the soak calls it until time or
 * the request budget is up.
 */
export class SimUser {
  constructor(account, o) {
    Object.assign(this, account);
    this.o = o; // { servers, tally, budget, seed }
    this.rnd = random(o.seed + hash(account.name));
    this.values = new Map(); // what this person last saw: key → { value, revision, status }
  }

  /** One HTTP request to one of the two instances; resolves to { status, body, ms } or null. */
  async call(kind, method, path, body, expect = {}) {
    if (!this.o.budget.take()) return null;
    const server = this.rnd.pick(this.o.servers);
    const url = `${server.base}/api${path}`;
    const headers = { cookie: this.cookie ?? '' };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf ?? '';
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const t0 = performance.now();
    let res;
    let text;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await res.text();
    } catch (e) {
      const ms = performance.now() - t0;
      this.o.tally.error(kind, ms, {
        route: `${method} ${path}`,
        server: server.label,
        failure: String(e.cause?.code ?? e.name ?? e),
      });
      return null;
    }
    const ms = performance.now() - t0;
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const what = {
      route: `${method} ${path}`,
      server: server.label,
      user: this.name,
      status: res.status,
      sent: typeof payload === 'string' ? payload.slice(0, 300) : undefined,
      body: text.slice(0, 300),
    };
    if (res.status >= 200 && res.status < 300) {
      if (expect.refusal) {
        this.o.tally.error(kind, ms, {
          ...what,
          why: `accepted, but should be refused (${expect.refusal})`,
        });
        return null;
      }
      this.o.tally.accepted(kind, ms);
      return { status: res.status, body: json, ms, res };
    }
    const code = json?.code;
    const conflict = res.status === 409 && code === 'CONFLICT' && method !== 'GET';
    const meant =
      (expect.refusal === 'scope' && res.status === 403 && code === 'SCOPE_DENIED') ||
      (expect.refusal === 'range' && res.status === 400 && code === 'VALIDATION');
    if (conflict || meant) {
      this.o.tally.refused(kind, ms, `${res.status} ${code}`);
      return { status: res.status, body: json, ms };
    }
    this.o.tally.error(kind, ms, what);
    return null;
  }

  async login() {
    const r = await this.call('login', 'POST', '/session', {
      username: this.name,
      password: this.o.password,
    });
    if (!r || r.status !== 200) throw new Error(`login of ${this.name} failed`);
    this.cookie = r.res.headers.get('set-cookie').split(';')[0];
    this.csrf = r.body.csrfToken;
  }

  step() {
    const r = this.rnd;
    switch (this.role) {
      case 'county':
        return r.weighted([
          [25, () => this.readValues(this.region, r.pick(PERIODS))],
          [10, () => this.readBoard('evaluation')],
          [5, () => this.readBoard('ranking')],
          [5, () => this.readBoard('warnings')],
          [25, () => this.edit()],
          [10, () => this.upload(this.region, r.pick(NEW_PERIODS))],
          [10, () => this.act('submit')],
          [2, () => this.editNeighbour()],
          [2, () => this.editOutOfRange()],
        ])();
      case 'prefecture':
        return r.weighted([
          [30, () => this.act('review')],
          [4, () => this.act('return')],
          [20, () => this.readValues(r.pick(this.counties), r.pick(PERIODS))],
          [15, () => this.readBoard('evaluation')],
          [10, () => this.readBoard('ranking')],
          [5, () => this.readBoard('warnings')],
          [5, () => this.upload(r.pick(this.counties), '2026-11')],
          [2, () => this.reviewElsewhere()],
        ])();
      case 'department':
        return r.weighted([
          [35, () => this.act('approve')],
          [4, () => this.act('return')],
          [25, () => this.readBoard('evaluation')],
          [15, () => this.readBoard('ranking')],
          [10, () => this.readBoard('warnings')],
          [5, () => this.readValues(r.pick(this.o.counties), LATEST)],
        ])();
      case 'province':
        return r.weighted([
          [40, () => this.readBoard('evaluation')],
          [20, () => this.readBoard('ranking')],
          [20, () => this.readBoard('warnings')],
          [10, () => this.readValues('230183', LATEST)],
          [10, () => this.act('approve')],
        ])();
      default:
        return r.weighted([
          [50, () => this.readBoard('evaluation')],
          [30, () => this.readBoard('ranking')],
          [20, () => this.readBoard('warnings')],
        ])();
    }
  }

  readBoard(what) {
    return this.call(`read ${what}`, 'GET', `/${what}?plan=${PLAN}&period=${LATEST}`);
  }

  /** Reads a region's values of one period and remembers them (the revision the edits send). */
  async readValues(region, period) {
    const r = await this.call(
      'read observations',
      'GET',
      `/observations?region=${region}&period=${period}`,
    );
    for (const v of rowsOf(r?.body)) this.values.set(keyOf(v), v);
    return r;
  }

  /** The county changes one of its values by a little, as of the revision it saw. */
  async edit() {
    const period = this.rnd.pick(PERIODS);
    const indicator = this.rnd.pick(EDITED);
    const key = { region: this.region, indicator, period };
    if (!this.values.has(keyOf(key))) await this.readValues(this.region, period);
    if (!this.values.has(keyOf({ ...key, period: LATEST })))
      await this.readValues(this.region, LATEST);
    const seen = this.values.get(keyOf(key));
    const base = seen ?? this.values.get(keyOf({ ...key, period: LATEST }));
    const body = {
      value: nudge(base?.value, indicator, this.rnd),
      expectedRevision: seen?.revision ?? 0,
    };
    if (seen && (seen.status === 'reviewed' || seen.status === 'approved'))
      body.reason = '核对后更正';
    const r = await this.call(
      'write edit',
      'PUT',
      `/observations/${this.region}/${indicator}/${period}`,
      body,
    );
    if (r?.status === 200) {
      this.values.set(keyOf(key), r.body);
      this.o.tally.wrote('edit', 1);
      this.o.tally.edits.push({
        ...key,
        revision: r.body.revision,
        value: r.body.value,
        actor: this.name,
      });
    } else this.values.delete(keyOf(key)); // someone changed it first: read it again next time
  }

  /** A small CSV of new-period values for one county (its own, or one of a prefecture's). */
  async upload(region, period) {
    if (!this.values.has(keyOf({ region, indicator: EDITED[0], period: LATEST })))
      await this.readValues(region, LATEST);
    const picked = this.rnd.some(EDITED, 3 + this.rnd.int(4));
    const lines = ['region,indicator,period,value'];
    for (const indicator of picked) {
      const earlier =
        this.values.get(keyOf({ region, indicator, period })) ??
        this.values.get(keyOf({ region, indicator, period: LATEST }));
      // Now and then a row as it already is: an import leaves unchanged values alone.
      const value =
        this.rnd.next() < 0.2 && earlier
          ? earlier.value
          : nudge(earlier?.value, indicator, this.rnd);
      lines.push(`${region},${indicator},${period},${value ?? ''}`);
    }
    const form = new FormData();
    form.append('reason', '月度报送更新');
    form.append(
      'file',
      new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }),
      `${region}-${period}.csv`,
    );
    const r = await this.call('write import', 'POST', '/imports', form);
    for (const indicator of picked) this.values.delete(keyOf({ region, indicator, period }));
    if (r?.status === 200) {
      const { inserted, changed } = r.body.result;
      this.o.tally.wrote('import', inserted + changed);
    }
  }

  /** Takes a few values from the queue and acts on them; one value alone carries its revision. */
  async act(action) {
    const period = this.rnd.pick(PERIODS);
    const q = await this.call('read queue', 'GET', `/review/queue?period=${period}`);
    const waiting = rowsOf(q?.body).filter((v) => FROM[action].includes(v.status));
    if (waiting.length === 0) return;
    const picked = this.rnd.some(waiting, 1 + this.rnd.int(8));
    const body = {
      keys: picked.map(({ region, indicator, period: p }) => ({ region, indicator, period: p })),
    };
    if (picked.length === 1) body.expectedRevision = picked[0].revision;
    if (action === 'return') body.reason = '请核实后重报';
    const r = await this.call(`write ${action}`, 'POST', `/review/${action}`, body);
    if (r?.status === 200) {
      if (r.body.count !== picked.length)
        this.o.tally.error(`write ${action}`, undefined, {
          route: `POST /review/${action}`,
          why: `count ${r.body.count} for ${picked.length} keys`,
        });
      this.o.tally.wrote(action, r.body.count);
    }
  }

  /** Deliberately wrong: a county writing another county's value (must be 403, change nothing). */
  editNeighbour() {
    const other = this.neighbours.find((c) => c !== this.region);
    return this.call(
      'write edit',
      'PUT',
      `/observations/${other}/gdp/${LATEST}`,
      { value: 10 },
      { refusal: 'scope' },
    );
  }

  /** Deliberately wrong: a value beyond the indicator's plausible range (must be 400). */
  editOutOfRange() {
    const indicator = this.rnd.pick(EDITED);
    const value = RANGE.get(indicator)[1] + 1;
    return this.call(
      'write edit',
      'PUT',
      `/observations/${this.region}/${indicator}/${LATEST}`,
      { value },
      { refusal: 'range' },
    );
  }

  /** Deliberately wrong: a prefecture reviewing a value of another prefecture's county (403). */
  reviewElsewhere() {
    const region = this.o.counties.find((c) => !this.counties.includes(c));
    const keys = [{ region, indicator: 'gdp', period: LATEST }];
    return this.call('write review', 'POST', '/review/review', { keys }, { refusal: 'scope' });
  }
}

function hash(s) {
  let h = 0;
  for (const c of s) h = (Math.imul(h, 31) + c.codePointAt(0)) >>> 0;
  return h;
}
