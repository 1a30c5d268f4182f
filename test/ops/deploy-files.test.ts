import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../src/cli/commands/serve.js';
import { MAX_IMPORT_BYTES } from '../../src/services/import.js';
import { TIME_ZONE } from '../../src/services/doctor.js';
import { leitai, ROOT, tempDir } from '../helpers.js';

// The deployment examples (docs/deploy/) must agree with the program: the unit's command line is
// one `leitai serve` accepts, nginx forwards to the address it listens on and lets through the
// largest upload it takes. The unit's command is run for real (on a free port) at the end.

const unitText = readFileSync(join(ROOT, 'docs/deploy/leitai.service'), 'utf8');
const nginxText = readFileSync(join(ROOT, 'docs/deploy/nginx.conf'), 'utf8');

/** The unit's `Key=value` settings (comments skipped), every value of a repeated key kept. */
function unitSettings(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, [...(out.get(m[1]!) ?? []), m[2]!]);
  }
  return out;
}

const unit = unitSettings(unitText);
const one = (key: string) => {
  const values = unit.get(key) ?? [];
  expect(values, key).toHaveLength(1);
  return values[0]!;
};
const environment = new Map(
  (unit.get('Environment') ?? []).map((e) => [
    e.slice(0, e.indexOf('=')),
    e.slice(e.indexOf('=') + 1),
  ]),
);
const execStart = one('ExecStart').split(/\s+/);
const serveArgs = execStart.slice(execStart.indexOf('serve') + 1);
const flag = (name: string) => serveArgs[serveArgs.indexOf(name) + 1];

/** nginx's directives without comments: `name args;` as [name, args]. */
const directives = nginxText
  .split('\n')
  .map((l) => l.replace(/#.*/, '').trim())
  .filter((l) => l.endsWith(';'))
  .map((l) => {
    const [name, ...args] = l.slice(0, -1).trim().split(/\s+/);
    return [name!, args.join(' ')] as const;
  });
const all = (name: string) => directives.filter(([n]) => n === name).map(([, a]) => a);

function nginxSize(text: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(text);
  if (!m) throw new Error(`not an nginx size: ${text}`);
  const unitBytes = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase()]!;
  return Number(m[1]) * unitBytes;
}

describe('docs/deploy/leitai.service', () => {
  it('runs `node bin/leitai serve` as the leitai user, restarting on failure, with hardening', () => {
    expect(one('User')).toBe('leitai');
    expect(one('WorkingDirectory')).toMatch(/^\//);
    expect(execStart.slice(0, 3)).toEqual(['/usr/bin/node', 'bin/leitai', 'serve']);
    expect(one('Restart')).toBe('on-failure');
    expect(one('NoNewPrivileges')).toBe('true');
    expect(one('ProtectSystem')).toBe('strict');
  });

  it('uses only options that `leitai serve --help` lists', () => {
    const help = leitai('serve', '--help');
    expect(help.code).toBe(0);
    const flags = serveArgs.filter((a) => a.startsWith('--'));
    expect(flags).toEqual(['--secure-cookies', '--host', '--port']);
    for (const f of flags) expect(help.stdout, f).toMatch(new RegExp(`${f}\\b`));
    // The environment variables it sets are the ones serve and doctor read.
    expect(help.stdout).toContain('LEITAI_TRUST_PROXY');
    expect(help.stdout).toContain('LEITAI_SECURE_COOKIES');
  });

  it('lets the service write the SQLite file’s directory, and nothing else', () => {
    const db = environment.get('LEITAI_DB')!;
    expect(db).toMatch(/^\/.*\.db$/);
    expect(one('ReadWritePaths').split(/\s+/)).toEqual([dirname(db)]);
  });

  it('trusts only the proxy on this machine, and runs in the time zone the doctor checks', () => {
    expect(environment.get('NODE_ENV')).toBe('production');
    expect(environment.get('TZ')).toBe(TIME_ZONE);
    // nginx connects from loopback, the address the app listens on.
    expect(parseTrustProxy(environment.get('LEITAI_TRUST_PROXY')!, 'LEITAI_TRUST_PROXY')).toEqual([
      flag('--host'),
    ]);
  });

  it('is a unit systemd accepts (systemd-analyze verify)', () => {
    const found = spawnSync('systemd-analyze', ['--version']);
    if (found.error) return; // no systemd on this machine: the checks above still hold
    const dir = tempDir('leitai-unit-');
    copyFileSync(join(ROOT, 'docs/deploy/leitai.service'), join(dir, 'leitai.service'));
    const r = spawnSync('systemd-analyze', ['verify', join(dir, 'leitai.service')], {
      encoding: 'utf8',
    });
    // Complaints about this machine (no leitai user, no /opt/leitai) are not about the unit.
    const problems = r.stderr
      .split('\n')
      .filter((l) => l.trim() && !/leitai\.service: (Failed to|Command|.*not found)/.test(l));
    expect(problems).toEqual([]);
  });
});

describe('docs/deploy/nginx.conf', () => {
  it('forwards to the address and port the unit serves on', () => {
    expect(all('proxy_pass')).toEqual(['http://leitai']);
    expect(nginxText).toMatch(/upstream leitai \{/);
    expect(all('server')).toEqual([`${flag('--host')}:${flag('--port')}`]);
  });

  it('lets through the largest upload the app takes', () => {
    const [size] = all('client_max_body_size');
    expect(nginxSize(size!)).toBeGreaterThanOrEqual(MAX_IMPORT_BYTES);
    // …and not much more: a bigger body is refused here, before it reaches the app.
    expect(nginxSize(size!)).toBeLessThanOrEqual(MAX_IMPORT_BYTES + 2 * 1024 ** 2);
  });

  it('tells the app who the client is, over which scheme, and for which host', () => {
    expect(all('proxy_set_header')).toEqual(
      expect.arrayContaining([
        'Host $host',
        'X-Forwarded-For $proxy_add_x_forwarded_for',
        'X-Forwarded-Proto $scheme',
        'X-Forwarded-Host $host',
      ]),
    );
  });

  it('serves TLS (the unit sets --secure-cookies) and sends plain HTTP to HTTPS', () => {
    expect(serveArgs).toContain('--secure-cookies');
    expect(all('listen')).toEqual(expect.arrayContaining(['443 ssl http2', '80']));
    expect(all('return')).toEqual(['301 https://$host$request_uri']);
    expect(all('ssl_certificate')).toHaveLength(1);
    expect(all('proxy_read_timeout')).toHaveLength(1);
  });
});

describe("the unit's command, run", () => {
  it('serves with secure cookies and the trusted proxy the unit configures', async () => {
    const dir = tempDir('leitai-unit-');
    const args = [...serveArgs];
    args[args.indexOf('--port') + 1] = '0'; // a free port, not the unit's 3000
    const env = {
      ...process.env,
      ...Object.fromEntries(environment),
      LEITAI_DB: join(dir, 'l.db'),
    };
    const child = spawn(process.execPath, [join(ROOT, 'bin/leitai'), 'serve', ...args], {
      cwd: ROOT,
      env,
    });
    try {
      const url = await new Promise<string>((found, failed) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
          if (m) found(m[0]);
        });
        child.on('exit', (code) => failed(new Error(`serve exited ${code}: ${out}`)));
      });
      const health = await (await fetch(`${url}/api/health`)).json();
      expect(health).toEqual({
        status: 'ok',
        database: 'sqlite',
        secureCookies: true,
        trustProxy: true,
      });
    } finally {
      const exited = new Promise((done) => child.on('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
