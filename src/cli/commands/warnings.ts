import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { evaluate, periodsNeeded } from '../../core/evaluate/index.js';
import { parseDate, periodText, todayIn } from '../../core/periods/index.js';
import { warnings, type CountyLevel, type WarningsResult } from '../../core/warnings/index.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';
import { addPlanDataOptions, loadPlanData, type PlanDataOptions } from '../plan-data.js';
import { SYNTHETIC_NOTE } from './evaluate.js';

interface Options extends PlanDataOptions {
  period: string;
  now?: string;
  region?: string;
  level?: string;
  format: string;
}

const LEVEL_LABELS: Record<CountyLevel, string> = { red: '红', yellow: '黄', green: '绿' };

function printWarnings(r: WarningsResult, synthetic: boolean): void {
  const count = (l: CountyLevel) => r.counties.filter((c) => c.level === l).length;
  process.stdout.write(
    `${r.plan} · ${r.periodLabel} (${r.period}) 预警 · 报送截止 ${r.due}${r.now ? ` · 判断日 ${r.now}` : ''}\n`,
  );
  if (synthetic) process.stdout.write(`${SYNTHETIC_NOTE}\n`);
  for (const n of r.notes) process.stdout.write(`  ${n}\n`);
  const rows: string[][] = [];
  const byRegion = new Map<string, WarningsResult['warnings']>();
  for (const w of r.warnings) {
    const list = byRegion.get(w.region) ?? [];
    list.push(w);
    byRegion.set(w.region, list);
  }
  for (const c of r.counties) {
    const list = byRegion.get(c.region) ?? [];
    if (list.length === 0) {
      rows.push([`${c.regionName} ${c.region}`, LEVEL_LABELS[c.level], '—', '—', '无预警']);
      continue;
    }
    for (const w of list)
      rows.push([
        `${w.regionName} ${w.region}`,
        LEVEL_LABELS[w.level],
        w.ruleName,
        w.indicator ?? '—',
        w.message,
      ]);
  }
  printTable(['区划', '等级', '规则', '指标', '说明'], rows);
  process.stdout.write(
    `合计: 红色 ${count('red')} 个县 · 黄色 ${count('yellow')} 个县 · 绿色 ${count('green')} 个县;预警 ${r.warnings.length} 条\n`,
  );
}

/** With --db the ledgers feed 项目滞后节点 and 任务逾期 (loaded only then, as plan-data's). */
async function ledgerSourcesOf(o: Options) {
  if (!o.db) return undefined;
  const [{ withStore }, { ledgerSources }] = await Promise.all([
    import('../store.js'),
    import('../../services/ledger-warnings.js'),
  ]);
  const view = o.status === 'approved' ? 'published' : 'working';
  return withStore({ db: o.db, as: 'province', user: 'cli' }, (ctx) =>
    ledgerSources(ctx, { plan: o.plan, period: o.period, view }),
  );
}

export function registerWarnings(program: Command): void {
  addPlanDataOptions(
    program
      .command('warnings')
      .description('按预警规则给出各县红/黄/绿预警 (warnings: red / yellow / green by rule)')
      .requiredOption('--period <p>', '期别: 2025 | 2026Q3 | 2026-09', periodText),
  )
    .option('--now <date>', '判断逾期的日期 YYYY-MM-DD (默认今天)')
    .option('--region <code>', '只输出该县的预警')
    .option('--level <level>', '只输出该等级: red | yellow')
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (o: Options) => {
      const format = parseFormat(o.format, ['table', 'json', 'csv']);
      const now = o.now === undefined ? todayIn(new Date()) : parseDate(o.now, '--now');
      if (o.level !== undefined && o.level !== 'red' && o.level !== 'yellow') {
        throw new LeitaiError('INPUT_INVALID', `--level「${o.level}」应为 red 或 yellow`, {
          value: o.level,
          reason: 'expected red|yellow',
        });
      }
      const { register, prepared, obs, synthetic } = await loadPlanData(o, (p) =>
        periodsNeeded(p, o.period),
      );
      const evaluation = evaluate({
        prepared,
        register,
        obs,
        period: o.period,
        allCounties: o.allCounties,
      });
      const sources = await ledgerSourcesOf(o);
      const all = warnings({ evaluation, prepared, obs, register, period: o.period, now, sources });
      if (o.region && !all.counties.some((c) => c.region === o.region)) {
        throw new LeitaiError(
          'INPUT_INVALID',
          `--region「${o.region}」不是计划 ${prepared.plan.id} 所列的县(市)`,
          { value: o.region, reason: 'not a county of the plan' },
        );
      }
      const keep = (x: { region: string; level: CountyLevel }) =>
        (!o.region || x.region === o.region) && (!o.level || x.level === o.level);
      const result: WarningsResult = {
        ...all,
        warnings: all.warnings.filter(keep),
        counties: all.counties.filter(keep),
      };
      if (format === 'json') {
        printJson({ ...result, synthetic, ...(synthetic ? { note: SYNTHETIC_NOTE } : {}) });
      } else if (format === 'csv') {
        if (synthetic) process.stdout.write(`# ${SYNTHETIC_NOTE}\n`);
        const rows: (string | number | null | undefined)[][] = [];
        const listed = new Set(result.warnings.map((w) => w.region));
        for (const w of result.warnings)
          rows.push([
            w.region,
            w.regionName,
            w.level,
            w.rule,
            w.type,
            w.indicator,
            w.message,
            w.evidence.value,
            w.evidence.target,
            w.evidence.expected,
            w.evidence.average,
            w.evidence.due,
          ]);
        for (const c of result.counties)
          if (!listed.has(c.region))
            rows.push([c.region, c.regionName, c.level, '', '', '', '无预警']);
        printCsv(
          [
            'region',
            'region_name',
            'level',
            'rule',
            'type',
            'indicator',
            'message',
            'value',
            'target',
            'expected',
            'average',
            'due',
          ],
          rows,
        );
      } else {
        printWarnings(result, synthetic);
      }
    });
}
