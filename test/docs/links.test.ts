import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';
import { anchors, brokenLinks, links, markdownFiles, slug } from './markdown.js';

// Every relative link and image of README.md and docs/**/*.md names a file of the repository,
// and every #anchor a heading of the file it points to (a #anchor alone: of its own file).

describe("GitHub's heading anchors", () => {
  it.each([
    ['Values, revisions and the review chain', 'values-revisions-and-the-review-chain'],
    ["Another province's register", 'another-provinces-register'],
    ['The web UI (`npm run bench:web`)', 'the-web-ui-npm-run-benchweb'],
    ['检查 · `leitai doctor`', '检查--leitai-doctor'],
    [
      '2. 数据库与首次启动 · The database and the first start',
      '2-数据库与首次启动--the-database-and-the-first-start',
    ],
    [
      '从表格导入 (five-year plan tables: `plan import-table --region`)',
      '从表格导入-five-year-plan-tables-plan-import-table---region',
    ],
    ['属性: 约束性 / 预期性 (`attribute`)', '属性-约束性--预期性-attribute'],
    ['一、总体情况(概述)', '一总体情况概述'],
    ['Department names (`data/departments.json`)', 'department-names-datadepartmentsjson'],
    ['See [the manual](manual/README.md) — 用户手册', 'see-the-manual--用户手册'],
    ['snake_case Ünïcode 3½', 'snake_case-ünïcode-3'],
  ])('%s → #%s', (heading, anchor) => {
    expect(slug(heading)).toBe(anchor);
  });

  it('numbers repeated headings as GitHub does, and ignores code blocks and closing hashes', () => {
    const doc = [
      '# Title',
      '## Usage',
      '```sh',
      '# not a heading',
      '```',
      '## Usage ##',
      '### Usage',
      '#hashtag is not a heading',
      '## Usage-1',
    ].join('\n');
    expect(anchors(doc)).toEqual(['title', 'usage', 'usage-1', 'usage-2', 'usage-1-1']);
  });
});

describe('the link checker', () => {
  it('finds links and images with their lines, not those in code', () => {
    const doc = [
      'See [a](a.md) and ![pic](img/p.png "title").',
      'A link [that wraps',
      'lines](b.md#x), `[code](not.md)`,',
      '```',
      '[in a block](no.md)',
      '```',
      '[ref]: c.md',
    ].join('\n');
    expect(links(doc)).toEqual([
      { line: 1, target: 'a.md', image: false },
      { line: 1, target: 'img/p.png', image: true },
      { line: 2, target: 'b.md#x', image: false },
      { line: 7, target: 'c.md', image: false },
    ]);
  });

  it('names file, line and target of every broken link, and passes the good ones', () => {
    const root = tempDir('leitai-links-');
    mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
    writeFileSync(join(root, 'docs/screenshots/here.png'), '');
    writeFileSync(join(root, 'docs/guide.md'), '# 指南 · Guide\n\n## 数据库 (PostgreSQL)\n');
    writeFileSync(
      join(root, 'README.md'),
      [
        '# Readme',
        '[guide](docs/guide.md#数据库-postgresql) [web](https://example.com) [mail](mailto:a@b.c)',
        '![ok](docs/screenshots/here.png) [self](#readme) [folder](docs/)',
        '![missing](docs/screenshots/gone.png)',
        '[bad anchor](docs/guide.md#postgresql)',
        '[bad self](#nowhere) [out](../elsewhere.md)',
      ].join('\n'),
    );
    writeFileSync(join(root, 'docs/more.md'), 'Back to [the readme](../README.md#readm).\n');
    expect(brokenLinks(root, markdownFiles(root))).toEqual([
      'README.md:4 → docs/screenshots/gone.png (no such file)',
      'README.md:5 → docs/guide.md#postgresql (no heading with the anchor #postgresql)',
      'README.md:6 → #nowhere (no heading with the anchor #nowhere)',
      'README.md:6 → ../elsewhere.md (outside the repository)',
      'docs/more.md:1 → ../README.md#readm (no heading with the anchor #readm)',
    ]);
  });
});

describe('README.md and docs/**/*.md', () => {
  const files = markdownFiles(ROOT);

  it('are found', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/operations.md');
    expect(files.length).toBeGreaterThan(10);
  });

  it('every relative link and image points to an existing file, every #anchor to a heading', () => {
    expect(brokenLinks(ROOT, files)).toEqual([]);
  });
});
