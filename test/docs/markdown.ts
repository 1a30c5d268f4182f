import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

// The project's Markdown documents as the tests read them: which files, their headings' anchors
// (GitHub's rule) and their relative links. Used by test/docs/links.test.ts and by the check of
// the `bin/leitai` examples in test/ops/hints.test.ts.

/** README.md and every `.md` under docs/, as paths relative to `root` with `/` separators. */
export function markdownFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
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
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The text with every fenced code block's lines blanked (newlines kept, so offsets and line
 * numbers stay those of the file): nothing inside a code block is a heading or a link.
 */
export function withoutCodeBlocks(text: string): string {
  let open: string | undefined;
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
function withoutCodeSpans(text: string): string {
  return text.replace(/`(?:[^`\n]|\n(?![ \t]*\n))+`/g, (m) => m.replace(/[^\n]/g, 'x'));
}

/**
 * GitHub's anchor for a heading's text (github-slugger): lower case; every character removed
 * except letters, marks, decimal and letter numbers, connector punctuation (`_`), the hyphen and
 * the space (so CJK stays and 、,():·/ go); each space becomes `-`. Inline Markdown is reduced
 * to its text first: links to their text, code spans to their content, HTML tags dropped.
 */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim();
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a document's headings, in order; a repeated slug gets -1, -2 … as on GitHub. */
export function anchors(markdown: string): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const line of withoutCodeBlocks(markdown).split('\n')) {
    const m = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1] ?? '');
    let result = base;
    while (seen.has(result)) {
      const n = seen.get(base)! + 1;
      seen.set(base, n);
      result = `${base}-${n}`;
    }
    seen.set(result, 0);
    out.push(result);
  }
  return out;
}

export interface Link {
  /** 1-based line of the link's start. */
  line: number;
  /** The destination as written. */
  target: string;
  image: boolean;
}

/**
 * Every inline link and image `[text](target)` / `![alt](target)` and every reference
 * definition `[label]: target`, outside code blocks and code spans.
 */
export function links(markdown: string): Link[] {
  const text = withoutCodeSpans(withoutCodeBlocks(markdown));
  const out: Link[] = [];
  const inline =
    /(!?)\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
  for (const m of text.matchAll(inline))
    out.push({
      line: lineAt(text, m.index),
      target: m[3]!.replace(/^<|>$/g, ''),
      image: m[1] === '!',
    });
  for (const m of text.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)/gm))
    out.push({ line: lineAt(text, m.index), target: m[1]!.replace(/^<|>$/g, ''), image: false });
  return out.sort((a, b) => a.line - b.line);
}

/** Links to the web or to a mail address, which this check leaves alone. */
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * What is wrong with the relative links of `files` (paths relative to `root`): each as
 * `file:line → target (why)`. A path must name an existing file or folder inside the
 * repository; an anchor on a link to a Markdown file (or a `#anchor` alone, in its own file)
 * must be one of that file's heading anchors.
 */
export function brokenLinks(root: string, files: string[]): string[] {
  const anchorsOf = new Map<string, Set<string>>();
  const anchorsIn = (abs: string) => {
    let set = anchorsOf.get(abs);
    if (!set) anchorsOf.set(abs, (set = new Set(anchors(readFileSync(abs, 'utf8')))));
    return set;
  };
  const problems: string[] = [];
  for (const file of files) {
    const abs = join(root, file);
    for (const link of links(readFileSync(abs, 'utf8'))) {
      const at = `${file}:${link.line} → ${link.target}`;
      if (EXTERNAL.test(link.target)) continue;
      const hash = link.target.indexOf('#');
      const pathPart = (hash < 0 ? link.target : link.target.slice(0, hash)).replace(/\?.*$/, '');
      const anchor = hash < 0 ? undefined : link.target.slice(hash + 1);
      let path: string;
      let anchorText: string | undefined;
      try {
        path = decodeURIComponent(pathPart);
        anchorText = anchor === undefined ? undefined : decodeURIComponent(anchor);
      } catch {
        problems.push(`${at} (not a valid URL)`);
        continue;
      }
      if (path === '' && anchorText === undefined) {
        problems.push(`${at} (empty link)`);
        continue;
      }
      const target =
        path === '' ? abs : path.startsWith('/') ? join(root, path) : join(dirname(abs), path);
      const inside = relative(root, target);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        problems.push(`${at} (outside the repository)`);
        continue;
      }
      if (!existsSync(target)) {
        problems.push(`${at} (no such file)`);
        continue;
      }
      if (link.image && !statSync(target).isFile()) {
        problems.push(`${at} (an image must be a file)`);
        continue;
      }
      if (anchorText !== undefined && target.endsWith('.md') && statSync(target).isFile())
        if (!anchorsIn(target).has(anchorText))
          problems.push(`${at} (no heading with the anchor #${anchorText})`);
    }
  }
  return problems;
}
