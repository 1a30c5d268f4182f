import type { FastifyInstance } from 'fastify';
import { autoRemind } from '../services/reminders.js';

/** How often the job looks for newly overdue periods: hourly, so the day after a due date is met. */
export const REMINDER_EVERY_MS = 3_600_000;

/**
 * The automatic reminders inside the server: at start and then every `everyMs`, for each plan's
 * newest overdue month, one reminder per late county (services/reminders `autoRemind`). Timers are
 * `unref`: they never hold the process open, and stop when the app closes. Several instances may
 * run it on one database; each reminder is still made once.
 */
export function startReminderJob(app: FastifyInstance, o: { everyMs?: number } = {}): void {
  const every = o.everyMs ?? REMINDER_EVERY_MS;
  const tick = () => {
    app.runReminders().catch((e: unknown) => app.log.error(e, 'automatic reminders failed'));
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

/** `app.runReminders()`: one run of the job now (by the app's clock); one at a time per instance. */
export function reminderRunner(app: FastifyInstance): () => Promise<number> {
  let running: Promise<number> | undefined;
  return () => {
    running ??= (async () => {
      try {
        const written = await autoRemind(
          { store: app.store, ...(await app.reference()) },
          app.now(),
        );
        if (written > 0) app.log.info({ written }, 'automatic reminders sent');
        return written;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The time as this app sees it (injected in tests). */
    now(): Date;
    /** Runs the automatic reminders once now; resolves to how many were written. */
    runReminders(): Promise<number>;
  }
}
