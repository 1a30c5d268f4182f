import type { Store } from './db.js';
import { LOGIN_ATTEMPT_KEEP_HOURS, LOGIN_LIMITS } from './users.js';

/** How many rows one `pruneExpired` removed, per table. */
export interface PruneCounts {
  /** Sessions past their `expires_at` (`app_session`). */
  sessions: number;
  /** Login attempts older than `LOGIN_ATTEMPT_KEEP_HOURS` (`login_attempt`). */
  loginAttempts: number;
  /** Throttling counters whose window has run out (`login_throttle`). */
  throttleCounters: number;
}

/**
 * Removes what only grows and is no longer needed at `now`: expired sessions, login attempts
 * older than `LOGIN_ATTEMPT_KEEP_HOURS`, and throttling counters whose window has run out (an
 * attempt finding no counter starts a new window at 1, exactly as one finding a run-out counter
 * does, so throttling is unchanged). One delete per table, each bounded by a time: several
 * instances may run it at once, and running it again removes nothing more. The audit trail
 * (admin log, revisions, history) is never touched.
 */
export async function pruneExpired(store: Store, now: Date): Promise<PruneCounts> {
  const at = now.getTime();
  if (!Number.isFinite(at)) throw new Error('pruneExpired: invalid time');
  const iso = (ms: number) => new Date(ms).toISOString();
  const sessions = await store.db
    .deleteFrom('app_session')
    .where('expires_at', '<=', iso(at))
    .executeTakeFirst();
  const attempts = await store.db
    .deleteFrom('login_attempt')
    .where('at', '<', iso(at - LOGIN_ATTEMPT_KEEP_HOURS * 3_600_000))
    .executeTakeFirst();
  // The same bound as `reserveLogin`'s: a counter whose window started at or before it is over.
  const counters = await store.db
    .deleteFrom('login_throttle')
    .where('window_start', '<=', iso(at - LOGIN_LIMITS.windowMinutes * 60_000))
    .executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    loginAttempts: Number(attempts.numDeletedRows),
    throttleCounters: Number(counters.numDeletedRows),
  };
}
