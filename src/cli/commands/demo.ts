import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { generateDemo } from '../../core/demo/index.js';
import { writeDemo } from '../../io/demo-files.js';
import { loadIndicators } from '../../io/plans.js';
import { loadRegister } from '../../io/regions.js';
import { numberOption } from '../context.js';
import { formatNumber } from '../../core/numeric/index.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('生成合成演示数据 (write synthetic demo observations, labelled as such)')
    .option('--seed <n>', '随机种子', '2026')
    .option('--scale <scale>', 'province (黑龙江67县) | national (约2800个合成县)', 'province')
    .requiredOption('--out <file>', '输出 CSV 文件')
    .action((o: { seed: string; scale: string; out: string }) => {
      if (o.scale !== 'province' && o.scale !== 'national') {
        throw new LeitaiError('INPUT_INVALID', `--scale「${o.scale}」应为 province 或 national`, {
          column: '--scale',
          value: o.scale,
          reason: 'expected province or national',
        });
      }
      const seed = numberOption('--seed', o.seed)!;
      const started = Date.now();
      process.stderr.write(`生成合成演示数据 (seed ${seed}, ${o.scale}) …\n`);
      const result = generateDemo({
        seed,
        scale: o.scale,
        register: loadRegister(),
        indicators: loadIndicators(),
      });
      const files = writeDemo(result, o.out);
      process.stderr.write(
        `已写入 ${result.observations.length} 条合成观测值 → ${files.observationsFile}\n` +
          `区域属性(合成) → ${files.attributesFile}\n` +
          (files.regionsFile ? `合成区划 → ${files.regionsFile}\n` : '') +
          `用时 ${formatNumber((Date.now() - started) / 1000, 1)} 秒\n`,
      );
    });
}
