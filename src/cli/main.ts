import { Command, CommanderError } from 'commander';
import { isLeitaiError } from '../core/errors/index.js';

type Register = (program: Command) => void;

/**
 * Each command module and the top-level commands it registers. A command's module is imported
 * only when that command runs: together they pull in the server, ExcelJS, Kysely and zod, which
 * cost 0.5–0.9 s that `leitai target check` should not pay. A name missing here (or moved to
 * another module) still works: the program then loads every module.
 */
const MODULES: { names: string[]; load: () => Promise<Register[]> }[] = [
  {
    names: ['regions'],
    load: async () => [(await import('./commands/regions.js')).registerRegions],
  },
  { names: ['plan'], load: async () => [(await import('./commands/plan.js')).registerPlan] },
  { names: ['target'], load: async () => [(await import('./commands/target.js')).registerTarget] },
  { names: ['judge'], load: async () => [(await import('./commands/judge.js')).registerJudge] },
  {
    names: ['evaluate'],
    load: async () => [(await import('./commands/evaluate.js')).registerEvaluate],
  },
  {
    names: ['quality'],
    load: async () => [(await import('./commands/quality.js')).registerQuality],
  },
  { names: ['demo'], load: async () => [(await import('./commands/demo.js')).registerDemo] },
  { names: ['db'], load: async () => [(await import('./commands/db.js')).registerDb] },
  { names: ['tasks'], load: async () => [(await import('./commands/tasks.js')).registerTasks] },
  {
    names: ['industries'],
    load: async () => [(await import('./commands/industries.js')).registerIndustries],
  },
  { names: ['import'], load: async () => [(await import('./commands/import.js')).registerImport] },
  {
    names: ['projects'],
    load: async () => [(await import('./commands/projects.js')).registerProjects],
  },
  {
    names: ['review', 'edit', 'audit'],
    load: async () => {
      const m = await import('./commands/review.js');
      return [m.registerReview, m.registerEdit];
    },
  },
  {
    names: ['export', 'completeness'],
    load: async () => [(await import('./commands/export.js')).registerExport],
  },
  {
    names: ['bulletin'],
    load: async () => [(await import('./commands/bulletin.js')).registerBulletin],
  },
  {
    names: ['template'],
    load: async () => [(await import('./commands/template.js')).registerTemplate],
  },
  {
    names: ['warnings'],
    load: async () => [(await import('./commands/warnings.js')).registerWarnings],
  },
  {
    names: ['serve', 'publish'],
    load: async () => [(await import('./commands/serve.js')).registerServe],
  },
  {
    names: ['user'],
    load: async () => [(await import('./commands/user.js')).registerUser],
  },
  {
    names: ['composite'],
    load: async () => [(await import('./commands/composite.js')).registerComposite],
  },
  {
    names: ['compare'],
    load: async () => [(await import('./commands/compare.js')).registerCompare],
  },
  {
    names: ['doctor'],
    load: async () => [(await import('./commands/doctor.js')).registerDoctor],
  },
  {
    names: ['rank', 'incentives'],
    load: async () => {
      const m = await import('./commands/rank.js');
      return [m.registerRank, m.registerIncentives];
    },
  },
];

function newProgram(): Command {
  return new Command('leitai')
    .description('擂台 Leitai — 县域经济行动方案:目标、数据、评价 (county-economy action plans)')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
}

/** The whole program, every command registered (for help, and for tests that list commands). */
export async function buildProgram(): Promise<Command> {
  const program = newProgram();
  for (const m of MODULES) for (const register of await m.load()) register(program);
  return program;
}

/** The first word of argv that is not an option: the command to run, if any. */
function commandName(argv: string[]): string | undefined {
  const first = argv[2];
  return first === undefined || first.startsWith('-') ? undefined : first;
}

/** The program with only the command `argv` names, or every command when that is not known. */
async function programFor(argv: string[]): Promise<Command> {
  const name = commandName(argv);
  const module = MODULES.find((m) => name !== undefined && m.names.includes(name));
  if (!module) return buildProgram();
  const program = newProgram();
  for (const register of await module.load()) register(program);
  if (program.commands.some((c) => c.name() === name || c.aliases().includes(name!)))
    return program;
  return buildProgram();
}

/** Exit status: 0 success, 2 bad input (message on stderr naming what and where), 1 otherwise. */
export async function main(argv: string[]): Promise<number> {
  try {
    const program = await programFor(argv);
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
