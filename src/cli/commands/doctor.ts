import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { diagnose, gatherFacts, type Mark } from '../../services/doctor.js';

const SYMBOL: Record<Mark, string> = { ok: '✓', warn: '!', fail: '✗' };

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      '检查运行环境:数据库可达、迁移最新、管理员、磁盘空间、时区与时钟;--url 再检查运行中的服务 (HTTPS 时的安全 Cookie 与可信代理)。全部通过退出码 0,否则 1;不改变任何数据',
    )
    .option(
      '--db <url>',
      '数据库: SQLite 文件路径或 postgres://… (默认 LEITAI_DB 或 data/leitai.db)',
    )
    .option('--url <url>', '服务地址,如 https://leitai.example.org 或 http://127.0.0.1:3000')
    .action(async (o: { db?: string; url?: string }) => {
      if (o.url !== undefined && !isHttpUrl(o.url))
        throw new LeitaiError(
          'INPUT_INVALID',
          `--url「${o.url}」不是 http:// 或 https:// 地址 (not an http(s) URL)`,
          { column: '--url', value: o.url, reason: 'not an http(s) URL' },
        );
      const checks = diagnose(await gatherFacts({ db: o.db, url: o.url }));
      const out: string[] = [];
      for (const c of checks) {
        out.push(`${SYMBOL[c.mark]} ${c.text}`);
        if (c.fix && c.mark !== 'ok') out.push(`    修复 fix: ${c.fix}`);
      }
      const failed = checks.filter((c) => c.mark !== 'ok').length;
      out.push(
        failed === 0
          ? `全部 ${checks.length} 项通过 (all ${checks.length} checks passed)`
          : `${failed} 项未通过,共 ${checks.length} 项 (${failed} of ${checks.length} checks need attention)`,
      );
      process.stdout.write(`${out.join('\n')}\n`);
      if (failed > 0) process.exitCode = 1;
    });
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}
