import { LeitaiError } from '../errors/index.js';
import type { Indicator } from '../indicators/index.js';
import { NO_ALIASES, type DepartmentNames } from '../departments/index.js';
import type { Plan } from '../plans/index.js';

/**
 * The review chain of SPEC §5: county submits → prefecture reviews → department approves, or
 * either returns it with a reason. Who may do what is decided here, from the actor and the
 * value's region and indicator; the store only records it.
 */
export type Status = 'draft' | 'submitted' | 'reviewed' | 'approved' | 'returned';
export type Action = 'submit' | 'review' | 'approve' | 'return';
export type Role = 'province' | 'department' | 'prefecture' | 'county' | 'observer';

export const STATUS_LABELS: Record<Status, string> = {
  draft: '草稿',
  submitted: '已报送',
  reviewed: '市级已审核',
  approved: '部门已核定',
  returned: '已退回',
};

export interface Actor {
  name: string;
  role: Role;
  /** The county or prefecture of a county or prefecture user. */
  region?: string;
  /** The department of a department user (省财政厅). */
  department?: string;
}

export interface Subject {
  region: string;
  /** The region's prefecture (its parent). */
  prefecture: string | null;
  indicator: string;
  status: Status;
}

const FROM: Record<Action, Status[]> = {
  submit: ['draft', 'returned'],
  review: ['submitted'],
  approve: ['reviewed'],
  return: ['submitted', 'reviewed'],
};

const TO: Record<Action, Status> = {
  submit: 'submitted',
  review: 'reviewed',
  approve: 'approved',
  return: 'returned',
};

/**
 * Departments responsible for each indicator (from the plans' tables and the catalogue), by
 * canonical name; `canonical` turns a printed name (a user's department) into one.
 */
export type Responsibility = ((indicator: string) => readonly string[]) & {
  canonical?: (name: string) => string;
};

/** Whether a department (as a user or a document names it) is responsible for an indicator. */
export function isResponsible(
  responsible: Responsibility,
  indicator: string,
  department: string | undefined,
): boolean {
  if (department === undefined) return false;
  const name = responsible.canonical ? responsible.canonical(department) : department;
  return responsible(indicator).includes(name);
}

/**
 * Whether the actor may write values of this region (enter, import, edit): the province, the
 * county itself, or its prefecture (which may collect its counties' sheets).
 */
export function mayWrite(actor: Actor, region: string, prefecture: string | null): boolean {
  if (actor.role === 'province') return true;
  if (actor.role === 'county') return actor.region === region;
  return actor.role === 'prefecture' && actor.region !== undefined && actor.region === prefecture;
}

/** Whether the actor may read a region's unpublished values. */
export function mayRead(actor: Actor, region: string, prefecture: string | null): boolean {
  if (actor.role === 'province' || actor.role === 'department') return true;
  if (actor.role === 'prefecture' && actor.region === region) return true; // its own totals
  return mayWrite(actor, region, prefecture);
}

/**
 * Whether the action is within the actor's role and scope for this key, whatever the value's
 * state: checked before the value is even looked up, so an out-of-scope request learns nothing
 * about whether the value exists or which revision it is.
 */
export function mayActOn(
  actor: Actor,
  action: Action,
  key: Omit<Subject, 'status'>,
  responsible: Responsibility,
): boolean {
  const allowed = (status: Status) => mayAct(actor, action, { ...key, status }, responsible);
  return FROM[action].some(allowed);
}

/**
 * How much of a region's data an actor sees — the one visibility rule (SPEC §5). Inside its scope
 * (`mayRead`) a user sees the working data: every current revision, pending ones included.
 * Outside it, only what is published: the approved values of a published period, and nothing of
 * an unpublished one. The province's own rows are no exception.
 */
export type Sight = 'working' | 'published' | 'none';

export function sightOf(
  actor: Actor,
  region: string,
  prefecture: string | null,
  periodPublished: boolean,
): Sight {
  if (mayRead(actor, region, prefecture)) return 'working';
  return periodPublished ? 'published' : 'none';
}

/**
 * Which values a result (evaluation, ranking, warnings, incentives, bulletin) of a period is
 * computed from: a published period's results stand on the published (approved) values, so an
 * edit waiting for review moves nobody's rank; an unpublished period's on the working values.
 */
export type DataView = 'working' | 'published';

export function resultView(periodPublished: boolean): DataView {
  return periodPublished ? 'published' : 'working';
}

/** Whether a role's step in the chain is `action` on a value in `status`, scope aside. */
function roleMay(role: Role, action: Action, status: Status): boolean {
  switch (role) {
    case 'province':
      return true;
    case 'county':
      return action === 'submit';
    case 'prefecture':
      return action === 'review' || (action === 'return' && status === 'submitted');
    case 'department':
      return action === 'approve' || (action === 'return' && status === 'reviewed');
    case 'observer':
      return false;
  }
}

const ACTIONS: readonly Action[] = ['submit', 'review', 'approve', 'return'];

/** The actions a role may take on a value in `status`, scope aside: what a UI offers. */
export function actionsOf(role: Role, status: Status): Action[] {
  return ACTIONS.filter((a) => FROM[a].includes(status) && roleMay(role, a, status));
}

function mayAct(actor: Actor, action: Action, s: Subject, responsible: Responsibility): boolean {
  if (!roleMay(actor.role, action, s.status)) return false;
  switch (actor.role) {
    case 'province':
      return true;
    case 'county':
      return actor.region === s.region;
    case 'prefecture':
      return actor.region === s.prefecture;
    case 'department':
      return isResponsible(responsible, s.indicator, actor.department);
    case 'observer':
      return false;
  }
}

/** The one refusal for an action outside the actor's role or scope (it says nothing of the value). */
export function scopeDenied(
  actor: Actor,
  action: Action,
  key: { region: string; indicator: string },
): LeitaiError {
  return new LeitaiError(
    'SCOPE_DENIED',
    `${actor.name}(${actor.role})无权对 ${key.region} 的 ${key.indicator} 执行「${action}」`,
    { value: `${key.region}/${key.indicator}`, reason: 'outside the actor’s role or scope' },
  );
}

/**
 * The status after `action`, or a coded error saying why not: SCOPE_DENIED when the actor may
 * not act on this value, CONFLICT when the value is not in a state the action applies to.
 */
export function transition(
  actor: Actor,
  action: Action,
  s: Subject,
  opts: { responsible: Responsibility; reason?: string },
): Status {
  const where = { value: `${s.region}/${s.indicator}`, reason: '' };
  // Outside the actor's scope whatever the state: refused. Inside it, a value whose state moved
  // on since it was seen (a return of a value the county has just changed) is a conflict.
  if (!mayActOn(actor, action, s, opts.responsible)) throw scopeDenied(actor, action, s);
  if (!FROM[action].includes(s.status) || !mayAct(actor, action, s, opts.responsible)) {
    throw new LeitaiError(
      'CONFLICT',
      `${s.region} 的 ${s.indicator} 当前状态为「${STATUS_LABELS[s.status]}」,不能执行「${action}」`,
      {
        ...where,
        reason: `status ${s.status} does not allow ${action}`,
      },
    );
  }
  if (action === 'return' && !opts.reason?.trim()) {
    throw new LeitaiError('INPUT_INVALID', '退回必须说明原因 (a return needs a reason)', {
      ...where,
      reason: 'reason required',
    });
  }
  return TO[action];
}

/**
 * What an edit does to a value in the chain. Any change to a value someone has already passed on
 * sends it back to the prefecture (it reappears in that queue); once a reviewer has looked at it
 * (reviewed or approved) the change needs a reason. Draft and returned values stay with the county.
 */
export function afterEdit(prior: Status | undefined): { status: Status; needsReason: boolean } {
  if (prior === 'reviewed' || prior === 'approved')
    return { status: 'submitted', needsReason: true };
  if (prior === 'submitted') return { status: 'submitted', needsReason: false };
  return { status: 'draft', needsReason: false };
}

/** Parses `--as` forms: province, observer, county:230183, prefecture:230100, department:省财政厅. */
export function parseActor(name: string, spec: string): Actor {
  const [role, scope] = spec.split(':', 2) as [string, string | undefined];
  const bad = (reason: string) =>
    new LeitaiError('INPUT_INVALID', `身份「${spec}」无效: ${reason}`, { value: spec, reason });
  switch (role) {
    case 'province':
    case 'observer':
      return { name, role };
    case 'county':
    case 'prefecture':
      if (!scope || !/^\d{6}$/.test(scope))
        throw bad('应为 county:区划代码 或 prefecture:区划代码');
      return { name, role, region: scope };
    case 'department':
      if (!scope) throw bad('应为 department:部门名称');
      return { name, role, department: scope };
    default:
      throw bad('角色应为 province|department|prefecture|county|observer');
  }
}

/** Departments responsible for each indicator: the plans' tables and the catalogue. */
export function responsibility(
  plans: readonly Plan[],
  indicators: readonly Indicator[],
  names: DepartmentNames = NO_ALIASES,
): Responsibility {
  const map = new Map<string, Set<string>>();
  const add = (code: string, d: string) => {
    let s = map.get(code);
    if (!s) map.set(code, (s = new Set()));
    s.add(names.canonical(d));
  };
  for (const i of indicators) for (const d of i.departments ?? []) add(i.code, d);
  for (const p of plans)
    for (const t of p.targets) for (const d of t.departments) add(t.indicator, d);
  return Object.assign((code: string) => [...(map.get(code) ?? [])], {
    canonical: names.canonical,
  });
}

/** What waits for each role: the statuses of its review queue. */
export const QUEUE: Record<Role, readonly Status[]> = {
  county: ['draft', 'returned'],
  prefecture: ['submitted'],
  department: ['reviewed'],
  province: ['submitted', 'reviewed'],
  observer: [],
};

/** Whether a value is the actor's to act on in the review chain (its region or its indicator). */
export function inQueueScope(
  actor: Actor,
  v: { region: string; indicator: string },
  prefectureOf: (region: string) => string | null,
  responsible: Responsibility,
): boolean {
  if (actor.role === 'province') return true;
  if (actor.role === 'county') return v.region === actor.region;
  if (actor.role === 'prefecture') return prefectureOf(v.region) === actor.region;
  if (actor.role === 'department') return isResponsible(responsible, v.indicator, actor.department);
  return false;
}
