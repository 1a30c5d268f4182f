import { Command, CommanderError } from 'commander';
import { isLeitaiError } from '../core/errors/index.js';
import { registerComposite } from './commands/composite.js';
import { registerDb } from './commands/db.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerEdit, registerReview } from './commands/review.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerPlan } from './commands/plan.js';
import { registerQuality } from './commands/quality.js';
import { registerIncentives, registerRank } from './commands/rank.js';
import { registerRegions } from './commands/regions.js';
import { registerServe } from './commands/serve.js';
import { registerTarget } from './commands/target.js';
import { registerTemplate } from './commands/template.js';
import { registerUser } from './commands/user.js';
import { registerWarnings } from './commands/warnings.js';

export function buildProgram(): Command {
  const program = new Command('leitai')
    .description('擂台 Leitai — 县域经济行动方案:目标、数据、评价 (county-economy action plans)')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerRegions(program);
  registerPlan(program);
  registerTarget(program);
  registerEvaluate(program);
  registerQuality(program);
  registerDemo(program);
  registerDb(program);
  registerImport(program);
  registerReview(program);
  registerEdit(program);
  registerExport(program);
  registerTemplate(program);
  registerWarnings(program);
  registerServe(program);
  registerUser(program);
  registerComposite(program);
  registerRank(program);
  registerIncentives(program);
  return program;
}

/** Exit status: 0 success, 2 bad input (message on stderr naming what and where), 1 otherwise. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      if (e.code === 'commander.help') return 0;
      return 2; // commander already printed the usage error
    }
    if (isLeitaiError(e)) {
      process.stderr.write(`错误 [${e.code}]: ${e.message}\n`);
      return e.badInput ? 2 : 1;
    }
    process.stderr.write(`内部错误: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

const code = await main(process.argv);
if (code !== 0) process.exitCode = code;
