import type { Command } from 'commander';
import { readText } from '../../io/regions.js';
import type { Store } from '../../store/db.js';
import { loadRegisterFrom } from '../../store/regions.js';
import { collect, loadContext } from '../context.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';

const ATTRS = ['border', 'eco_zone', 'scenic_4a', 'heritage_area'];

export function registerRegions(program: Command): void {
  const regions = program
    .command('regions')
    .description('列出区划名录 (list the region register)')
    .option('--parent <code>', '只列出该区划的直接下级 (direct children of CODE)')
    .option('--kind <kind>', '只列出该类型,如 县、县级市、市辖区 (only this kind)')
    .option('--level <level>', 'province | prefecture | county')
    .option('--regions <file>', '追加其他省份的区划CSV (same columns), repeatable', collect)
    .option('--attributes <file>', '区域属性CSV, repeatable', collect)
    .option('--db <url>', '数据库中的区划名录 (the register in the database; import writes there)')
    .option('--user <name>', '操作人 (import 记入审计日志)', process.env.USER || 'cli')
    .option('--format <format>', 'table | csv | json', 'table')
    .action(
      async (o: {
        parent?: string;
        kind?: string;
        level?: string;
        regions?: string[];
        attributes?: string[];
        db?: string;
        format: string;
      }) => {
        const format = parseFormat(o.format, ['table', 'csv', 'json']);
        const register = o.db
          ? await withDb(o.db, loadRegisterFrom)
          : loadContext({ regions: o.regions, attributes: o.attributes }).register;
        const list = [...register.regions.values()]
          .filter((r) => o.parent === undefined || r.parent === o.parent)
          .filter((r) => o.kind === undefined || r.kind === o.kind)
          .filter((r) => o.level === undefined || r.level === o.level)
          .sort((a, b) => a.code.localeCompare(b.code));
        const attrOf = (v: boolean | null | undefined) =>
          v === true ? 'true' : v === false ? 'false' : '';
        if (format === 'json') {
          printJson(
            list.map((r) => ({
              code: r.code,
              name: r.name,
              level: r.level,
              parent: r.parent,
              kind: r.kind,
              attributes: r.attributes,
            })),
          );
        } else if (format === 'csv') {
          printCsv(
            ['code', 'name', 'level', 'parent_code', 'kind', ...ATTRS],
            list.map((r) => [
              r.code,
              r.name,
              r.level,
              r.parent ?? '',
              r.kind,
              ...ATTRS.map((a) => attrOf(r.attributes[a])),
            ]),
          );
        } else {
          printTable(
            ['代码', '名称', '级别', '上级', '类型', '边境县'],
            list.map((r) => [
              r.code,
              r.name,
              r.level,
              r.parent ?? '',
              r.kind,
              r.attributes.border ? '是' : '',
            ]),
          );
          process.stdout.write(`共 ${list.length} 个区划\n`);
        }
      },
    );
  registerImport(regions);
}

/** Opens the database (its modules load only when --db is given) and runs `fn`. */
async function withDb<T>(url: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../../store/db.js');
  const store = await openStore(url);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function registerImport(regions: Command): void {
  // --db, --attributes (repeatable) and --user are read as the `regions` command's own options.
  regions
    .command('import <file>')
    .description(
      '把区划名录CSV(如其他省份,列同 data/regions/heilongjiang-regions.csv)及 --attributes 区域属性CSV写入 --db 数据库:先校验全部行,有任何问题则一条也不写入;重复导入不改变数据',
    )
    .option('--reason <text>', '导入原因 (记入审计日志)')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{
        attributes?: string[];
        db?: string;
        user: string;
        reason?: string;
      }>();
      const read = (f: string) => ({ file: f, text: readText(f) });
      const { importRegions } = await import('../../services/regions.js');
      const r = await withDb(o.db, (store) =>
        importRegions(store, {
          regions: read(file),
          attributes: (o.attributes ?? []).map(read),
          actor: o.user,
          at: new Date().toISOString(),
          reason: o.reason,
        }),
      );
      process.stdout.write(
        `${file}: 新增区划 ${r.added.length} 个,已有未变 ${r.unchanged} 个,区域属性改变 ${r.attributesChanged} 个区划\n`,
      );
    });
}
