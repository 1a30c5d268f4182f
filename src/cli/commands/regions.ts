import type { Command } from 'commander';
import { collect, loadContext } from '../context.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';

const ATTRS = ['border', 'eco_zone', 'scenic_4a', 'heritage_area'];

export function registerRegions(program: Command): void {
  program
    .command('regions')
    .description('列出区划名录 (list the region register)')
    .option('--parent <code>', '只列出该区划的直接下级 (direct children of CODE)')
    .option('--kind <kind>', '只列出该类型,如 县、县级市、市辖区 (only this kind)')
    .option('--level <level>', 'province | prefecture | county')
    .option('--regions <file>', '追加其他省份的区划CSV (same columns), repeatable', collect)
    .option('--attributes <file>', '区域属性CSV, repeatable', collect)
    .option('--format <format>', 'table | csv | json', 'table')
    .action(
      (o: {
        parent?: string;
        kind?: string;
        level?: string;
        regions?: string[];
        attributes?: string[];
        format: string;
      }) => {
        const format = parseFormat(o.format, ['table', 'csv', 'json']);
        const { register } = loadContext({ regions: o.regions, attributes: o.attributes });
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
}
