// Where the documents show screenshots, and which browser test takes each one. The docs never
// hold a picture nobody can retake: `npm run screenshots` reruns the tests that take them, and
// test/docs/screenshots.test.ts checks that every picture shown has exactly one such test.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { links, markdownFiles } from './markdown.mjs';

/** The one folder of pictures the README and docs/ show. */
export const SHOTS_DIR = 'docs/screenshots';

/** Pictures of the demo bulletin's PDF pages, made by the command line rather than a browser test. */
export const BULLETIN_SHOTS = { 'bulletin-page1': 1 };

/** Every picture of SHOTS_DIR a document shows (README.md, docs/): name → where ("file:line"). */
export function shownShots(root) {
  const shown = new Map();
  const dir = resolve(root, SHOTS_DIR);
  for (const file of markdownFiles(root))
    for (const link of links(readFileSync(join(root, file), 'utf8'))) {
      const target = resolve(root, dirname(file), link.target);
      if (!link.image || dirname(target) !== dir || !target.endsWith('.png')) continue;
      const name = target.slice(dir.length + sep.length, -'.png'.length);
      shown.set(name, [...(shown.get(name) ?? []), `${file}:${link.line}`]);
    }
  return shown;
}

// The name is the page's screenshot(page, name) or expectClean(page, problems, name) argument.
const CALLS = [
  /\bscreenshot\(\s*[^,()]+,\s*(['`])([^'`]+)\1\s*\)/g,
  /\bexpectClean\(\s*[^,()]+,\s*[^,()]+,\s*(['`])([^'`]+)\1/g,
];

/** A name as a pattern: `county-${lang}` takes one word (letters, digits, no hyphen) where `${lang}` stands. */
export function namePattern(name) {
  const parts = name.split(/\$\{[^}]*\}/);
  const escaped = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('\\w+')}$`);
}

/** Every screenshot the browser tests take: { file, name, pattern }. */
export function takenShots(root) {
  const dir = join(root, 'test/web');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .flatMap((f) => {
      const source = readFileSync(join(dir, f), 'utf8');
      return CALLS.flatMap((call) =>
        [...source.matchAll(call)].map((m) => ({
          file: relative(root, join(dir, f)),
          name: m[2],
          pattern: namePattern(m[2]),
        })),
      );
    });
}

/** The test files that take the picture `name`. */
export function takersOf(name, taken) {
  return [...new Set(taken.filter((t) => t.pattern.test(name)).map((t) => t.file))];
}
