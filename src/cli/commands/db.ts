import type { Command } from 'commander';
import { generateDemo } from '../../core/demo/index.js';
import { generateDemoLedgers } from '../../core/demo/ledgers.js';
import { loadDepartmentNames } from '../../io/departments.js';
import { loadIndustryNames } from '../../io/industries.js';
import { loadBuiltinPlans, loadIndicators } from '../../io/plans.js';
import { loadRegister } from '../../io/regions.js';
import { DEFAULT_DB, openStore } from '../../store/db.js';
import {
  backupPostgres,
  backupSqlite,
  isPostgresUrl,
  pgRestoreCommand,
  restoreSqlite,
  sqlitePath,
} from '../../store/backup.js';
import { setMigrationReporter, type MigrationOutcome } from '../../store/migrate.js';
import { initialise } from '../../store/init.js';
import { saveDemoLedgers } from '../../store/demo-ledgers.js';
import { demoBulletins } from '../../services/bulletins.js';
import { loadReference } from '../../services/reference.js';
import { demoUsers } from '../../server/demo-users.js';
import { numberOption } from '../context.js';
import { registerPrune } from './prune.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('数据库 (the database)');
  db.command('init')
    .description(
      '建库:区划名录、内置计划及其公布值;--demo 再加合成演示数据。重复运行不改变任何数据',
    )
    .option(
      '--db <url>',
      '数据库: SQLite 文件路径或 postgres://… (默认 LEITAI_DB 或 data/leitai.db)',
    )
    .option('--demo', '加入合成演示数据 (synthetic demo data, labelled as such)')
    .option('--seed <n>', '演示数据随机种子', '2026')
    .action(async (o: { db?: string; demo?: boolean; seed: string }) => {
      const store = await openStore(o.db);
      try {
        const register = loadRegister();
        const demo = o.demo
          ? generateDemo({
              seed: numberOption('--seed', o.seed)!,
              scale: 'province',
              register,
              indicators: loadIndicators(),
            })
          : undefined;
        const at = new Date().toISOString();
        const plans = loadBuiltinPlans();
        const s = await initialise(store, {
          regions: [...register.regions.values()],
          plans,
          at,
          demo,
          users: demo ? await demoUsers() : [],
        });
        // The demo's project, task and leading-industry ledgers (synthetic, like its values).
        const ledgers = demo
          ? await saveDemoLedgers(
              store,
              generateDemoLedgers({
                seed: demo.seed,
                observations: demo.observations,
                counties: [...register.regions.values()].filter((r) => r.level === 'county'),
                industries: loadIndustryNames().names,
                plans,
                department: loadDepartmentNames().canonical,
              }),
              at,
            )
          : undefined;
        // The demo's published months come with the bulletins publishing would have stored.
        const bulletins = demo
          ? await demoBulletins({ store, ...(await loadReference(store)) }, new Date())
          : [];
        process.stdout.write(
          `数据库 ${store.label}: 新增区划 ${s.regionsAdded} 个,写入计划 ${s.plansWritten} 个,公布值 ${s.officialValues} 条` +
            (demo ? `,合成演示数据 ${s.demoValues} 条(区域属性 ${s.attributesChanged} 个县)` : '') +
            (ledgers
              ? `,项目月报 ${ledgers.projectReports} 条、任务进展 ${ledgers.taskReports} 条、主导工业 ${ledgers.industryCounties} 个县`
              : '') +
            (bulletins.length ? `,通报 ${bulletins.length} 份` : '') +
            `\n`,
        );
      } finally {
        await store.close();
      }
    });

  const dbOption = [
    '--db <url>',
    '数据库: SQLite 文件路径或 postgres://… (默认 LEITAI_DB 或 data/leitai.db)',
  ] as const;
  const urlOf = (o: { db?: string }) => o.db || process.env.LEITAI_DB || DEFAULT_DB;

  db.command('migrate')
    .description('应用新的迁移(启动时也会自动应用);SQLite 在迁移前自动备份到文件旁')
    .option(...dbOption)
    .action(async (o: { db?: string }) => {
      let outcome: MigrationOutcome = { applied: [], created: false };
      const restore = setMigrationReporter((r) => {
        outcome = r;
      });
      try {
        const store = await openStore(o.db);
        try {
          const lines = [];
          if (outcome.backup) lines.push(`迁移前已备份到 ${outcome.backup}`);
          lines.push(
            outcome.applied.length
              ? `数据库 ${store.label}: 已应用迁移 ${outcome.applied.join(', ')}`
              : `数据库 ${store.label}: 已是最新,无需迁移 (up to date)`,
          );
          process.stdout.write(`${lines.join('\n')}\n`);
        } finally {
          await store.close();
        }
      } finally {
        restore();
      }
    });

  db.command('backup')
    .description(
      '备份数据库:SQLite 用在线备份(服务器运行时也安全);PostgreSQL 运行 pg_dump(.sql 为纯 SQL,其他为 custom 格式),没有 pg_dump 时打印要运行的命令',
    )
    .requiredOption('--out <file>', '备份文件')
    .option(...dbOption)
    .option('--force', '覆盖已存在的备份文件')
    .action(async (o: { out: string; db?: string; force?: boolean }) => {
      const url = urlOf(o);
      if (isPostgresUrl(url)) {
        const r = backupPostgres(url, o.out, { force: o.force });
        process.stdout.write(
          r.ran
            ? `已用 pg_dump 备份到 ${r.file} (${r.bytes} 字节)\n`
            : `本机没有 pg_dump:请在装有 PostgreSQL 客户端的机器上运行 (pg_dump not found; run):\n  ${r.command}\n`,
        );
        return;
      }
      const r = await backupSqlite(sqlitePath(url), o.out, { force: o.force });
      process.stdout.write(
        `已备份 ${sqlitePath(url)} 到 ${r.file} (${r.bytes} 字节,迁移 ${r.migrations.length} 个)\n`,
      );
    });

  db.command('restore')
    .description(
      '从备份恢复 SQLite 数据库(先检查备份,服务器运行时拒绝;原文件保留为 <文件>.replaced-<时间>);PostgreSQL 打印恢复命令',
    )
    .requiredOption('--from <file>', '备份文件')
    .option(...dbOption)
    .action(async (o: { from: string; db?: string }) => {
      const url = urlOf(o);
      if (isPostgresUrl(url)) {
        process.stdout.write(
          `PostgreSQL 的恢复会替换表,不由 leitai 执行。请先停止所有 Leitai 实例,再运行 (stop every instance, then run):\n  ${pgRestoreCommand(url, o.from)}\n`,
        );
        return;
      }
      const r = await restoreSqlite(o.from, url);
      const lines = [`已从 ${r.from.file} 恢复数据库 ${r.target}`];
      if (r.replaced) lines.push(`原数据库保留为 ${r.replaced}`);
      if (r.from.pending.length)
        lines.push(`下次启动时将先备份再应用迁移 ${r.from.pending.join(', ')}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  registerPrune(db);
}
