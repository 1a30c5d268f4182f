import { JUDGEMENT_VALUE, judgementIndicator, type JudgedStatus } from '../core/targets/index.js';
import type { Store } from './db.js';
import {
  advance,
  asConflict,
  conflict,
  currentOf,
  fromRow,
  joined,
  newChangeSet,
  toText,
  type JoinedRow,
  type Key,
  type ValueRecord,
} from './observations.js';

/** One recorded judgement (人工评定) of a manual target: the key names the target's indicator. */
export interface Judgement {
  status: JudgedStatus;
  note: string;
  evidence?: string | null;
  actor: string;
  at: string;
  /** The revision the department saw (0: none recorded yet); a different one is a conflict. */
  expectedRevision?: number;
}

/**
 * Records a department's judgement as the next revision of the value `<indicator>.judgement`,
 * approved at once (the department is the one who approves), with its note as the change's
 * reason and its evidence beside it: kept, revised and audited like any value.
 */
export async function recordJudgement(
  store: Store,
  target: Key,
  j: Judgement,
): Promise<ValueRecord & { note: string | null; evidence: string | null }> {
  const key = { ...target, indicator: judgementIndicator(target.indicator) };
  const value = toText(JUDGEMENT_VALUE[j.status]);
  return store.db
    .transaction()
    .execute(async (trx) => {
      const cur = await currentOf(trx, key);
      if (j.expectedRevision !== undefined && (cur?.revision ?? 0) !== j.expectedRevision)
        throw conflict(key, j.expectedRevision, cur?.revision ?? 0);
      const changeSet = await newChangeSet(trx, {
        actor: j.actor,
        at: j.at,
        action: 'judge',
        reason: j.note,
        evidence: j.evidence?.trim() ? j.evidence.trim() : null,
        source: `user:${j.actor}`,
      });
      if (cur) await advance(trx, cur, { status: 'approved', value, changeSet });
      else
        await trx
          .insertInto('observation')
          .values({
            ...key,
            revision: 1,
            value,
            status: 'approved',
            change_set: changeSet,
            old_value: null,
            old_status: null,
            approved_value: value,
            approved_revision: 1,
            approved_change_set: changeSet,
          })
          .execute();
      const row = (await joined(trx)
        .where('o.period', '=', key.period)
        .where('o.indicator', '=', key.indicator)
        .where('o.region', '=', key.region)
        .executeTakeFirstOrThrow()) as JoinedRow;
      return { ...fromRow(row), note: row.reason, evidence: row.evidence };
    })
    .catch(asConflict);
}

/** A recorded judgement's note, evidence, who and when. */
export interface JudgementNote {
  region: string;
  indicator: string;
  period: string;
  note: string | null;
  evidence: string | null;
  by: string;
  at: string;
}

/**
 * The notes of the judgements recorded for some periods: of the current revision, or (published
 * view) of the approved one. A handful of rows: only `.judgement` values are read.
 */
export async function judgementNotes(
  store: Store,
  o: { periods: readonly string[]; published?: boolean },
): Promise<JudgementNote[]> {
  const periods = o.periods.length ? [...o.periods] : [''];
  const link = o.published ? 'o.approved_change_set' : 'o.change_set';
  const rows = await store.db
    .selectFrom('observation as o')
    .innerJoin('change_set as c', 'c.id', link)
    .select(['o.region', 'o.indicator', 'o.period', 'c.reason', 'c.evidence', 'c.actor', 'c.at'])
    .where('o.period', 'in', periods)
    .where('o.indicator', 'like', '%.judgement')
    .execute();
  return rows.map((r) => ({
    region: r.region,
    indicator: r.indicator,
    period: r.period,
    note: r.reason,
    evidence: r.evidence,
    by: r.actor,
    at: r.at,
  }));
}
