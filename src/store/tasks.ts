import type { TaskReport } from '../core/tasks/types.js';
import { inTransaction, type Store } from './db.js';
import { newChangeSet } from './observations.js';

/** A stored progress report with who made it and when (its change set). */
export type StoredTaskReport = TaskReport & {
  id: number;
  actor: string;
  at: string;
  synthetic: boolean;
};

/**
 * Records a task report with its change set (who, when, source) in one transaction. Reports are
 * never edited: a correction is a new report, so the history is the list itself.
 */
export async function addTaskReport(
  store: Store,
  r: TaskReport,
  by: { actor: string; at: string; source?: string; synthetic?: boolean },
): Promise<StoredTaskReport> {
  return inTransaction(store, async (trx) => {
    const changeSet = await newChangeSet(trx, {
      actor: by.actor,
      at: by.at,
      action: 'task.report',
      reason: null,
      source: by.source ?? `user:${by.actor}`,
      synthetic: by.synthetic,
      evidence: r.evidence,
    });
    const row = await trx
      .insertInto('task_report')
      .values({
        plan: r.plan,
        task: r.task,
        date: r.date,
        department: r.department,
        text: r.text,
        percent: r.percent,
        evidence: r.evidence,
        done: r.done ? 1 : 0,
        change_set: changeSet,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...r, id: Number(row.id), actor: by.actor, at: by.at, synthetic: !!by.synthetic };
  });
}

/** A plan's reports (of one task, when given), oldest first by date, then as entered. */
export async function taskReports(
  store: Store,
  f: { plan: string; task?: number },
): Promise<StoredTaskReport[]> {
  let q = store.db
    .selectFrom('task_report as t')
    .innerJoin('change_set as c', 'c.id', 't.change_set')
    .select([
      't.id',
      't.plan',
      't.task',
      't.date',
      't.department',
      't.text',
      't.percent',
      't.evidence',
      't.done',
      'c.actor',
      'c.at',
      'c.synthetic',
    ])
    .where('t.plan', '=', f.plan);
  if (f.task !== undefined) q = q.where('t.task', '=', f.task);
  const rows = await q.orderBy('t.task').orderBy('t.date').orderBy('t.id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    plan: r.plan,
    task: Number(r.task),
    date: r.date,
    department: r.department,
    text: r.text,
    percent: r.percent === null ? null : Number(r.percent),
    evidence: r.evidence,
    done: Number(r.done) === 1,
    actor: r.actor,
    at: r.at,
    synthetic: Number(r.synthetic) === 1,
  }));
}
