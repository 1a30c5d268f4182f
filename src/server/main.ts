import { openStore } from '../store/db.js';
import { buildApp } from './app.js';
import { banner } from './banner.js';

/**
 * Serves the API until SIGTERM/SIGINT; then stops taking connections, lets in-flight requests
 * finish, closes the database and exits.
 */
export async function serve(opts: {
  db?: string;
  port: number;
  host: string;
  secureCookies?: boolean;
  trustProxy?: string[];
}): Promise<void> {
  const store = await openStore(opts.db);
  const app = await buildApp({
    store,
    secureCookies: opts.secureCookies,
    trustProxy: opts.trustProxy,
    reminderJob: {},
    pruneJob: {},
    logger: {
      level: process.env.LOG_LEVEL ?? 'info',
      // Requests are logged by method, url and id; cookies, tokens and bodies never are.
      redact: [
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
      ],
    },
  });
  let closing = false;
  // While shutting down, every response asks the client to close its connection, so kept-alive
  // sockets do not hold the server open once in-flight requests are done.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
  const url = await app.listen({ port: opts.port, host: opts.host });
  process.stdout.write(await banner(store, url));
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // A client that keeps an idle connection open cannot hold the process forever.
    setTimeout(() => process.exit(0), 10_000).unref();
    app.server.closeIdleConnections();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
