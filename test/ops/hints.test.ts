import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { bannerLines } from '../../src/server/banner.js';
import { shellWord } from '../../src/store/db.js';
import { markdownFiles, lineAt } from '../docs/markdown.js';
import { leitai, ROOT } from '../helpers.js';
import { sourceStrings } from '../source-strings.js';

// Every command a message of the product tells its user to run — written between backquotes,
// `bin/leitai …` or `leitai …`, in any string of src/ — parses with the real CLI: its command
// exists, `--help` of it works, every flag it uses exists, every required option and argument is
// there and nothing is left over. Every other mention of `leitai <command>` names a command that
// exists. A value computed at run time (`${…}` in a template) stands as X.

const SRC = join(ROOT, 'src');
const PLACEHOLDER = 'X';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

interface Hint {
  file: string;
  text: string;
}

const COMMAND = /`((?:bin\/)?leitai [^`]+)`/g;
const MENTION = /(?<![\w/.-])(?:bin\/)?leitai((?: [a-z][a-z-]*)+)/g;

const strings = sourceFiles(SRC).flatMap((path) =>
  sourceStrings(path, PLACEHOLDER).map((text) => ({ file: relative(ROOT, path), text })),
);
const commands: Hint[] = strings.flatMap(({ file, text }) =>
  [...text.matchAll(COMMAND)].map((m) => ({ file, text: m[1]! })),
);
const mentions: Hint[] = strings.flatMap(({ file, text }) =>
  [...text.matchAll(MENTION)].map((m) => ({ file, text: m[1]!.trim() })),
);

/** Shell words: single quotes as the shell reads them (what shellWord writes). */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1);
}

/**
 * The CLI's whole command tree, built by the real command modules, each action replaced by
 * nothing: parsing a command line checks it against every definition and runs nothing.
 */
async function cli(): Promise<{ program: Command; errors: string[] }> {
  const errors: string[] = [];
  const program = new Command('leitai')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: (s) => void errors.push(s) });
  const dir = join(SRC, 'cli/commands');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
    const m = (await import(join(dir, f))) as Record<string, unknown>;
    for (const [name, register] of Object.entries(m))
      if (name.startsWith('register') && typeof register === 'function')
        (register as (p: Command) => void)(program);
  }
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(program))
    if ((c as unknown as { _actionHandler: unknown })._actionHandler) c.action(() => undefined);
  return { program, errors };
}

/** The command path a word list names (`user add …` → ['user', 'add']). */
function commandPath(program: Command, args: string[]): string[] {
  const path: string[] = [];
  let at = program;
  for (const w of args) {
    const sub = at.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (!sub) break;
    path.push(w);
    at = sub;
  }
  return path;
}

/** Why the CLI rejects this command line, or undefined when it parses. */
async function rejection(command: string): Promise<string | undefined> {
  const { program, errors } = await cli();
  try {
    await program.parseAsync(words(command), { from: 'user' });
    return undefined;
  } catch (e) {
    return `${(e as Error).message} ${errors.join('')}`.trim();
  }
}

describe('every command a message of src/ tells its user to run', () => {
  it('is found: the scan sees the banner and the error messages', () => {
    const files = new Set(commands.map((c) => c.file));
    expect(files).toContain('src/server/banner.ts');
    expect(files).toContain('src/cli/store.ts');
    expect(commands.map((c) => c.text)).toContain(
      'bin/leitai user add admin --as province --password-stdin --db X',
    );
  });

  it('rejects what is wrong: the banner’s old hint, an unknown flag, a missing argument, one too many', async () => {
    expect(await rejection('bin/leitai user add admin --role province --password-stdin')).toMatch(
      /required option '--as <role>' not specified/,
    );
    expect(
      await rejection('bin/leitai user add admin --as province --role province --password-stdin'),
    ).toMatch(/unknown option '--role'/);
    expect(await rejection('bin/leitai user add admin --password-stdin')).toMatch(
      /required option '--as <role>' not specified/,
    );
    expect(await rejection('bin/leitai user add --as province --password-stdin')).toMatch(
      /missing required argument 'username'/,
    );
    expect(await rejection('bin/leitai db init X')).toMatch(/too many arguments/);
  });

  it.each(commands.map((c) => [c.text, c.file]))(
    '`%s` (%s) parses with the CLI; --help of its command works and lists its flags',
    async (command) => {
      expect(await rejection(command)).toBeUndefined();
      const { program } = await cli();
      const path = commandPath(program, words(command));
      expect(path.length).toBeGreaterThan(0);
      const help = leitai(...path, '--help');
      expect(help.code, help.stderr).toBe(0);
      const flags = words(command)
        .filter((w) => w.startsWith('--'))
        .map((w) => w.split('=')[0]!);
      for (const f of flags) expect(help.stdout).toMatch(new RegExp(`${f}\\b`));
    },
  );

  it('every other mention of `leitai <command>` names a command that exists', async () => {
    const { program } = await cli();
    const unknown = mentions.filter((m) => commandPath(program, m.text.split(' ')).length === 0);
    expect(unknown).toEqual([]);
    expect(mentions.length).toBeGreaterThan(commands.length);
  });
});

describe('the README and docs/**/*.md', () => {
  // The examples of the documents: every line of README.md and of each docs/ file that starts
  // with `bin/leitai ` (after `echo '…' | ` or environment assignments such as `TZ=… `).
  const documents = markdownFiles(ROOT).map((file) => ({
    file,
    text: readFileSync(join(ROOT, file), 'utf8'),
  }));
  const examples = documents.flatMap(({ file, text }) =>
    text.split('\n').flatMap((raw, i) => {
      const line = raw
        .replace(/^echo '[^']*' \| /, '')
        .replace(/^(?:[A-Z][A-Z0-9_]*=\S+ )+/, '')
        .replace(/ {2,}#.*$/, '');
      return line.startsWith('bin/leitai ') ? [{ at: `${file}:${i + 1}`, line }] : [];
    }),
  );

  it('are read: README.md and the docs, with their examples', () => {
    const files = documents.map((d) => d.file);
    expect(files).toContain('README.md');
    expect(files).toContain('docs/cli.md');
    expect(new Set(examples.map((e) => e.at.split(':')[0])).size).toBeGreaterThan(5);
  });

  it('every `bin/leitai …` line of their examples names a command, and every flag it uses exists', async () => {
    const { program } = await cli();
    expect(examples.length).toBeGreaterThan(40);
    const wrong = examples.flatMap(({ at, line }) => {
      const args = words(line);
      const path = commandPath(program, args);
      if (path.length === 0) return [`${at}: ${line}: no such command`];
      // A command's own options and those of the commands above it (`regions import --db`).
      const known = new Set<string | undefined>();
      let cmd = program;
      for (const w of path) {
        cmd = cmd.commands.find((c) => c.name() === w)!;
        for (const o of cmd.options) known.add(o.long);
      }
      return [...line.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)]
        .map((m) => m[0])
        .filter((f) => !known.has(f) && f !== '--help')
        .map((f) => `${at}: ${line}: ${f} is not an option of ${path.join(' ')}`);
    });
    expect(wrong).toEqual([]);
  });

  it('every mention of `leitai <command>` in their text names a command that exists', async () => {
    const { program } = await cli();
    const named = documents.flatMap(({ file, text }) =>
      [...text.matchAll(/`(?:bin\/)?leitai((?: [a-z][a-z-]*)+)/g)].map((m) => ({
        at: `${file}:${lineAt(text, m.index)}`,
        command: m[1]!.trim(),
      })),
    );
    expect(named.length).toBeGreaterThan(20);
    const unknown = named.filter((n) => commandPath(program, n.command.split(' ')).length === 0);
    expect(unknown.map((n) => `${n.at}: leitai ${n.command}`)).toEqual([]);
  });
});

describe('the start banner', () => {
  const facts = {
    url: 'http://127.0.0.1:3000',
    label: 'postgres://leitai:***@db.example:5432/leitai?schema=hlj',
    db: shellWord('postgres://leitai:***@db.example:5432/leitai?schema=hlj'),
    initialised: false,
    demo: false,
    users: 0,
    runIn: '/srv/leitai',
  };

  it('on a database with a password: the URL quoted for the shell, where to put the password', async () => {
    const lines = bannerLines(facts);
    expect(lines).toContain(
      "  `bin/leitai db init --db 'postgres://leitai:***@db.example:5432/leitai?schema=hlj'`",
    );
    expect(lines).toContain(
      '命令中的 *** 处填入数据库密码 (put the database password where *** stands)',
    );
    expect(lines).toContain('在目录 /srv/leitai 中运行以下命令 (run these in that directory):');
    for (const line of lines)
      for (const m of line.matchAll(COMMAND)) expect(await rejection(m[1]!)).toBeUndefined();
  });

  it('with users and the register: nothing to do next', () => {
    const lines = bannerLines({ ...facts, initialised: true, users: 1 });
    expect(lines).toEqual([
      '擂台 Leitai 已启动: http://127.0.0.1:3000  (在浏览器中打开登录 open in a browser; API 文档: http://127.0.0.1:3000/api/docs)',
      '数据库: postgres://leitai:***@db.example:5432/leitai?schema=hlj',
    ]);
  });

  it('shell words: plain paths as they are, anything else single-quoted', () => {
    expect(shellWord('/srv/leitai/data/leitai.db')).toBe('/srv/leitai/data/leitai.db');
    expect(shellWord("/home/o'brien/my db.db")).toBe("'/home/o'\\''brien/my db.db'");
  });
});
