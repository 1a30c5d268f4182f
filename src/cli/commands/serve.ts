import { isIP } from 'node:net';
import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { serve } from '../../server/main.js';
import { openStore } from '../../store/db.js';
import { loadReference } from '../../services/reference.js';
import { publishPeriod } from '../../services/publishing.js';
import { numberOption } from '../context.js';
import { periodText } from '../../core/periods/index.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动 HTTP 服务 (PORT, HOST, LEITAI_DB)')
    .option('--db <url>', '数据库')
    .option('--port <n>', '端口 (0:任一空闲端口,实际地址见启动输出)', process.env.PORT ?? '3000')
    .option('--host <host>', '地址', process.env.HOST ?? '127.0.0.1')
    .option(
      '--secure-cookies',
      '在 HTTPS 之后运行:Cookie 加 Secure 标志,并发送 HSTS (或 LEITAI_SECURE_COOKIES=1)',
    )
    .option(
      '--trust-proxy <list>',
      '信任的反向代理:地址或网段,逗号分隔 (如 127.0.0.1 或 10.0.0.0/8,127.0.0.1);' +
        '只有它们发来的 X-Forwarded-For 才被采信 (或 LEITAI_TRUST_PROXY)',
    )
    .action(
      async (o: {
        db?: string;
        port: string;
        host: string;
        secureCookies?: boolean;
        trustProxy?: string;
      }) => {
        const env = process.env;
        const trustProxy =
          o.trustProxy !== undefined
            ? parseTrustProxy(o.trustProxy, '--trust-proxy')
            : env.LEITAI_TRUST_PROXY
              ? parseTrustProxy(env.LEITAI_TRUST_PROXY, 'LEITAI_TRUST_PROXY')
              : undefined;
        await serve({
          db: o.db,
          port: numberOption('--port', o.port)!,
          host: o.host,
          secureCookies:
            o.secureCookies === true || envFlag('LEITAI_SECURE_COOKIES', env.LEITAI_SECURE_COOKIES),
          trustProxy,
        });
        await new Promise(() => undefined); // until a signal stops the server
      },
    );

  program
    .command('publish')
    .description('公布一个期别:所有已登录用户可见其已核定数值')
    .requiredOption('--period <p>', '期别', periodText)
    .option('--db <url>', '数据库')
    .option('--user <name>', '操作人', process.env.USER || 'cli')
    .action(async (o: { period: string; db?: string; user: string }) => {
      const store = await openStore(o.db);
      try {
        const done = await publishPeriod(
          { store, ...(await loadReference(store)) },
          { period: o.period, by: o.user, now: new Date() },
        );
        process.stdout.write(`${o.period} ${done.created ? '已公布' : '此前已公布,未改变'}\n`);
        for (const b of done.bulletins)
          process.stdout.write(`已保存通报: ${b.planName} ${b.periodLabel} 第${b.version}版\n`);
        for (const f of done.failed)
          process.stderr.write(`未能生成 ${f.plan} 的通报: ${f.message}\n`);
      } finally {
        await store.close();
      }
    });
}

/** Names proxy-addr (Fastify's trustProxy) understands besides addresses: fixed, private ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * The reverse proxies to trust, as given to `--trust-proxy` or LEITAI_TRUST_PROXY: a list of
 * addresses or CIDR ranges (`127.0.0.1`, `10.0.0.0/8,127.0.0.1`, `loopback`). A hop count is
 * refused: Fastify 5 accepts one but then trusts no peer, so it would silently do nothing. Trusting every peer (`true`, `*`, `0.0.0.0/0`) is refused: the client's address
 * would then be whatever X-Forwarded-For says, and anyone could forge it to dodge the
 * per-address login throttling and to write any address into the logs.
 */
export function parseTrustProxy(text: string, source: string): string[] {
  const bad = (reason: string, value = text) =>
    new LeitaiError(
      'INPUT_INVALID',
      `${source}「${value}」无效:${reason}。应为反向代理的地址或网段 (逗号分隔,如 127.0.0.1 或 10.0.0.0/8,127.0.0.1)`,
      { column: source, value, reason },
    );
  const trimmed = text.trim();
  // Fastify 5 takes a hop count but then trusts no peer at all (it cannot check the nearest
  // one), so a count would silently do nothing: the proxy's address is asked for instead.
  if (/^\d+$/.test(trimmed))
    throw bad('不支持代理层数:请给出反向代理的地址 (hop counts are not supported: name the proxy)');
  if (/^(true|yes|all|\*)$/i.test(trimmed))
    throw bad(
      '不可信任所有来源:任何人都能伪造 X-Forwarded-For,绕过按地址的登录限制 (trusting every peer lets anyone forge X-Forwarded-For)',
    );
  const items = trimmed.split(',').map((s) => s.trim());
  for (const item of items) {
    if (item === '') throw bad('含有空项 (empty entry)');
    if (RANGE_NAMES.has(item)) continue;
    const [address, bits, extra] = item.split('/');
    const family = isIP(address!);
    if (family === 0 || extra !== undefined)
      throw bad('不是 IP 地址或 CIDR 网段 (not an address or CIDR range)', item);
    if (bits === undefined) continue;
    const max = family === 4 ? 32 : 128;
    if (!/^\d+$/.test(bits) || Number(bits) > max)
      throw bad(`网段前缀长度应在 0 到 ${max} 之间 (bad prefix length)`, item);
    if (Number(bits) === 0)
      throw bad(
        '不可信任所有地址:任何人都能伪造 X-Forwarded-For (a /0 range trusts every peer)',
        item,
      );
  }
  return items;
}

/** An on/off environment variable: 1/true/yes or 0/false/no (or unset); anything else is refused. */
export function envFlag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new LeitaiError(
    'INPUT_INVALID',
    `环境变量 ${name}「${value}」应为 1 或 0 (expected 1 or 0)`,
    { column: name, value, reason: 'not a flag' },
  );
}
