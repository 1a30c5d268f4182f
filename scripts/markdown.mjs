// The project's Markdown documents as the tests and `npm run screenshots` read them: which files,
// and their links and images (outside code). Plain JavaScript so that the script runs unbuilt;
// test/docs/markdown.ts adds the headings' anchors and the check of relative links.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** README.md and every `.md` under docs/, as paths relative to `root` with `/` separators. */
export function markdownFiles(root) {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => {
        const path = join(dir, e.name);
        if (e.isDirectory()) return walk(path);
        return e.name.endsWith('.md') ? [path] : [];
      });
  const docs = existsSync(join(root, 'docs')) ? walk(join(root, 'docs')) : [];
  return [join(root, 'README.md'), ...docs]
    .filter((p) => existsSync(p))
    .map((p) => relative(root, p).split(sep).join('/'));
}

/** 1-based line of a character offset. */
export function lineAt(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The text with every fenced code block's lines blanked (newlines kept, so offsets and line
 * numbers stay those of the file): nothing inside a code block is a heading or a link.
 */
export function withoutCodeBlocks(text) {
  let open;
  return text
    .split('\n')
    .map((line) => {
      const fence = FENCE.exec(line)?.[1];
      if (open === undefined) {
        if (fence) {
          open = fence;
          return '';
        }
        return line;
      }
      const rest = fence ? line.slice(line.indexOf(fence) + fence.length) : '';
      if (fence && fence[0] === open[0] && fence.length >= open.length && !/\S/.test(rest))
        open = undefined;
      return '';
    })
    .join('\n');
}

/** Inline code spans replaced by as many `x` (a span may wrap lines, not cross a blank line). */
function withoutCodeSpans(text) {
  return text.replace(/`(?:[^`\n]|\n(?![ \t]*\n))+`/g, (m) => m.replace(/[^\n]/g, 'x'));
}

/**
 * Every inline link and image `[text](target)` / `![alt](target)` and every reference
 * definition `[label]: target`, outside code blocks and code spans.
 */
export function links(markdown) {
  const text = withoutCodeSpans(withoutCodeBlocks(markdown));
  const out = [];
  const inline =
    /(!?)\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
  for (const m of text.matchAll(inline))
    out.push({
      line: lineAt(text, m.index),
      target: m[3].replace(/^<|>$/g, ''),
      image: m[1] === '!',
    });
  for (const m of text.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)/gm))
    out.push({ line: lineAt(text, m.index), target: m[1].replace(/^<|>$/g, ''), image: false });
  return out.sort((a, b) => a.line - b.line);
}
