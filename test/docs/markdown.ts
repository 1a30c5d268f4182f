import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { links, withoutCodeBlocks } from '../../scripts/markdown.mjs';

// The project's Markdown documents as the tests read them: which files and their links (shared
// with `npm run screenshots`, in scripts/markdown.mjs), their headings' anchors (GitHub's rule)
// and the check of their relative links. Used by test/docs/links.test.ts and by the check of
// the `bin/leitai` examples in test/ops/hints.test.ts.
export { lineAt, links, markdownFiles, type Link } from '../../scripts/markdown.mjs';

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
