import type { Command } from 'commander';
import { planCounties } from '../../core/evaluate/index.js';
import { LeitaiError } from '../../core/errors/index.js';
import { periodText } from '../../core/periods/index.js';
import {
  checkCodes,
  checkQuality,
  CHECK_LABELS,
  qualityPeriods,
  SEVERITY_LABELS,
  type Finding,
} from '../../core/quality/index.js';
import type { Register } from '../../core/regions/index.js';
import { loadPlanFile } from '../../io/plans.js';
import { provinceOf, qualityFor } from '../../services/quality.js';
import { collect } from '../context.js';
import { parseFormat, printCsv, printJson, printTable } from '../output.js';
import { loadPlanData } from '../plan-data.js';
import { withStore } from '../store.js';
import { SYNTHETIC_NOTE } from './evaluate.js';

interface Options {
  period: string;
  plan: string;
  db?: string;
  data?: string;
  check?: string[];
  region?: string;
  format: string;
  regions?: string[];
  attributes?: string[];
  planFile?: string[];
}

export const NO_REVISIONS_NOTE =
  '注:--data 文件没有修改记录,未检查核定后修改 (revision_after_approval);用 --db 检查。';

function parseChecks(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const known = checkCodes();
  const list = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const c of list) {
    if (!known.includes(c)) {
      throw new LeitaiError(
        'INPUT_INVALID',
        `--check「${c}」不是已知的检查;可用: ${known.join(', ')}`,
        {
          column: '--check',
          value: c,
          reason: 'unknown check',
        },
      );
    }
  }
  return list;
}

function checkRegion(register: Register, code: string | undefined): void {
  if (code !== undefined && !register.get(code)) {
    throw new LeitaiError('INPUT_INVALID', `--region「${code}」不是已知区划代码`, {
      column: '--region',
      value: code,
      reason: 'unknown region',
    });
  }
}

export function registerQuality(program: Command): void {
  program
    .command('quality')
    .description(
      '数据质量检查:合理范围、县际与历史异常值、指标间一致性、累计值、增速与总量、核定后修改 (docs/quality.md)',
    )
    .requiredOption('--period <p>', '期别: 2025 | 2026Q3 | 2026-09', periodText)
    .option('--plan <id>', '计划编号 (决定参加比较的县)', 'hlj-2026')
    .option('--db <url>', '从数据库读取 (默认 LEITAI_DB 或 data/leitai.db);与 --data 二选一')
    .option('--data <file>', '观测值 CSV (region,indicator,period,value);不含修改记录')
    .option('--check <code>', '只做该项检查 (可重复或以逗号分隔)', collect)
    .option('--region <code>', '只列出该区划的问题')
    .option('--format <format>', 'table | json | csv', 'table')
    .option('--regions <file>', '追加区划CSV (仅 --data), repeatable', collect)
    .option('--attributes <file>', '区域属性CSV (仅 --data), repeatable', collect)
    .option('--plan-file <file>', '加载额外的计划文件, repeatable', collect)
    .action(async (o: Options) => {
      const format = parseFormat(o.format, ['table', 'json', 'csv']);
      const period = o.period;
      const checks = parseChecks(o.check);
      if (o.db && o.data) {
        throw new LeitaiError('INPUT_INVALID', '--db 与 --data 只能选一个', {
          reason: 'both --db and --data',
        });
      }
      let result: {
        period: string;
        plan: string | null;
        counties: number;
        checked: number;
        findings: Finding[];
        synthetic: boolean;
        revisions: boolean;
      };
      if (o.data) {
        const { register, prepared, obs, synthetic } = await loadPlanData(
          { ...o, data: o.data, db: undefined },
          () => qualityPeriods(period),
        );
        checkRegion(register, o.region);
        const counties = planCounties(prepared, register, obs).map((r) => r.code);
        const report = checkQuality({
          indicators: prepared.indicators,
          register,
          obs,
          period,
          counties,
          peerGroup: provinceOf(register),
          checks,
        });
        result = {
          ...report,
          plan: prepared.plan.id,
          counties: counties.length,
          synthetic,
          revisions: false,
        };
      } else {
        result = await withStore({ db: o.db, as: 'province', user: 'cli' }, async (ctx) => {
          checkRegion(ctx.register, o.region);
          const plans = [...ctx.plans, ...(o.planFile ?? []).map(loadPlanFile)];
          return qualityFor({ ...ctx, plans }, { period, plan: o.plan, checks });
        });
      }
      const findings = o.region
        ? result.findings.filter((f) => f.region === o.region)
        : result.findings;
      const summary = { error: 0, warning: 0, info: 0 };
      for (const f of findings) summary[f.severity]++;
      const notes = [
        ...(result.synthetic ? [SYNTHETIC_NOTE] : []),
        ...(result.revisions ? [] : [NO_REVISIONS_NOTE]),
      ];
      if (format === 'json') {
        printJson({ ...result, findings, summary, notes });
        return;
      }
      if (format === 'csv') {
        for (const n of notes) process.stdout.write(`# ${n}\n`);
        printCsv(
          [
            'region',
            'region_name',
            'indicator',
            'period',
            'check',
            'severity',
            'message',
            'evidence',
          ],
          findings.map((f) => [
            f.region,
            f.regionName,
            f.indicator,
            f.period,
            f.check,
            f.severity,
            f.message,
            JSON.stringify(f.evidence),
          ]),
        );
        return;
      }
      process.stdout.write(
        `数据质量 · ${result.period}${result.plan ? ` · ${result.plan}` : ''} · ${result.counties} 个县(市) · 检查数值 ${result.checked} 个\n`,
      );
      for (const n of notes) process.stdout.write(`${n}\n`);
      if (findings.length > 0) {
        printTable(
          ['区划', '指标', '检查', '级别', '说明'],
          findings.map((f) => [
            `${f.regionName}(${f.region})`,
            f.indicator,
            CHECK_LABELS[f.check] ?? f.check,
            SEVERITY_LABELS[f.severity],
            f.message,
          ]),
        );
      }
      process.stdout.write(
        `共 ${findings.length} 条: 错误 ${summary.error} · 存疑 ${summary.warning} · 提示 ${summary.info}\n`,
      );
    });
}
