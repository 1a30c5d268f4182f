// The form's check before saving: the same rule the API applies (core `ruleBreach`), with the
// rule's numbers sent in the entry answer, so the form and the API never disagree.
import { ruleBreach, type RuleBreach } from '../../../../src/core/indicators/index.js';
import type { EntryRow } from './types.js';

export type Problem = { kind: 'number' } | RuleBreach;

/** Half-width digits, points and signs (full-width ones typed with a Chinese input method). */
function halfWidth(text: string): string {
  return text.replace(/[\uff10-\uff19\uff0e\uff0d\uff0b]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** The number typed, or undefined when the text is not one; '' is null (nothing entered). */
export function readNumber(text: string): number | null | undefined {
  const t = halfWidth(text.trim()).replace(/,/g, '');
  if (t === '') return null;
  return NUMBER.test(t) ? Number(t) : undefined;
}

/** What is wrong with the text typed for a row, or null. */
export function problemOf(row: EntryRow, text: string): Problem | null {
  const value = readNumber(text);
  if (value === undefined) return { kind: 'number' };
  if (value === null) return null;
  return ruleBreach(row.rule, value, row.rule.cumulative ? row.previous : undefined);
}
