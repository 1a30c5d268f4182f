import type { FastifyInstance } from 'fastify';
import { pruneExpired, type PruneCounts } from '../store/prune.js';

/** How often the server prunes expired sessions and old login attempts: hourly. */
export const PRUNE_EVERY_MS = 3_600_000;

/**
 * `app.runPrune()`, and with `job` the housekeeping inside the server: at start and then every `everyMs`, `pruneExpired` by the app's
 * clock. Timers are `unref`: they never hold the process open, and stop when the app closes. A
 * failed run is logged, never thrown; the next one tries again. Several instances may run it on
 * one database at once (deletes bounded by a time do not conflict).
 */
export function setUpPruning(app: FastifyInstance, job?: { everyMs?: number }): void {
  app.decorate('runPrune', pruneRunner(app));
  if (job) startPruneJob(app, job.everyMs ?? PRUNE_EVERY_MS);
}

function startPruneJob(app: FastifyInstance, every: number): void {
  const tick = () => {
    app.runPrune().catch((e: unknown) => app.log.error(e, 'pruning expired sessions failed'));
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, every);
  first.unref();
  timer.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
  });
}

/** `app.runPrune()`: one run now (by the app's clock); one at a time per instance. */
function pruneRunner(app: FastifyInstance): () => Promise<PruneCounts> {
  let running: Promise<PruneCounts> | undefined;
  return () => {
    running ??= (async () => {
      try {
        const counts = await pruneExpired(app.store, app.now());
        if (counts.sessions + counts.loginAttempts + counts.throttleCounters > 0)
          app.log.info(counts, 'expired sessions and old login attempts pruned');
        return counts;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Prunes expired sessions and old login attempts once now; resolves to the counts. */
    runPrune(): Promise<PruneCounts>;
  }
}
