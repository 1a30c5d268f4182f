// Types of markdown.mjs (run by Node without a build, imported by the tests).
export interface Link {
  /** 1-based line of the link's start. */
  line: number;
  /** The destination as written. */
  target: string;
  image: boolean;
}
export function markdownFiles(root: string): string[];
export function lineAt(text: string, offset: number): number;
export function withoutCodeBlocks(text: string): string;
export function links(markdown: string): Link[];
