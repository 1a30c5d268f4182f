// Types of screenshots-lib.mjs (a script run by Node without a build, imported by the tests).
export const SHOTS_DIR: string;
export const BULLETIN_SHOTS: Record<string, number>;
export function shownShots(root: string): Map<string, string[]>;
export function namePattern(name: string): RegExp;
export interface Taken {
  file: string;
  name: string;
  pattern: RegExp;
}
export function takenShots(root: string): Taken[];
export function takersOf(name: string, taken: Taken[]): string[];
