import type { Command } from 'commander';
import { generateDemo } from '../../core/demo/index.js';
import { generateDemoLedgers } from '../../core/demo/ledgers.js';
import { loadDepartmentNames } from '../../io/departments.js';
import { loadIndustryNames } from '../../io/industries.js';
import { loadBuiltinPlans, loadIndicators } from '../../io/plans.js';
import { loadRegister } from '../../io/regions.js';
import { openStore } from '../../store/db.js';
import { initialise } from '../../store/init.js';
import { saveDemoLedgers } from '../../store/demo-ledgers.js';
import { demoBulletins } from '../../services/bulletins.js';
import { loadReference } from '../../services/reference.js';
import { demoUsers } from '../../server/demo-users.js';
import { numberOption } from '../context.js';

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
}
