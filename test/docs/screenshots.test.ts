import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BULLETIN_SHOTS,
  SHOTS_DIR,
  namePattern,
  shownShots,
  takenShots,
  takersOf,
} from '../../scripts/screenshots-lib.mjs';
import { ROOT } from '../helpers.js';

// The pictures the README and docs/ show are retaken by `npm run screenshots`: each must be taken
// by exactly one browser test (or be a page of the demo bulletin), be there, and be a picture of
// the 1366×768 screen the tests use; no picture lies in the folder that no document shows.

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString(), path).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const shown = shownShots(ROOT);
const taken = takenShots(ROOT);

describe('the documents’ screenshots', () => {
  it('reads a name written as a template as a pattern of one word per placeholder', () => {
    const p = namePattern('county-${lang}');
    expect(['county-zh', 'county-en'].map((n) => p.test(n))).toEqual([true, true]);
    // county-ledgers-zh is another test's picture, not county-${lang}'s.
    expect(
      ['county-', 'county-zh/x', 'xcounty-zh', 'county-ledgers-zh'].map((n) => p.test(n)),
    ).toEqual([false, false, false, false]);
    expect(namePattern('a.b').test('axb')).toBe(false);
  });

  it('finds the browser tests’ pictures, literal and templated', () => {
    const of = (n: string) => takersOf(n, taken);
    expect(of('dashboard-zh')).toEqual(['test/web/dashboard.test.ts']);
    expect(of('county-en')).toEqual(['test/web/county.test.ts']);
    expect(of('review-return-empty-reason')).toEqual(['test/web/review.test.ts']);
    expect(of('no-such-picture')).toEqual([]);
  });

  it('shows pictures, each retaken by exactly one browser test or from the bulletin', () => {
    expect(shown.size).toBeGreaterThan(10);
    const orphans = [...shown]
      .filter(([name]) => !(name in BULLETIN_SHOTS) && takersOf(name, taken).length !== 1)
      .map(([name, where]) => `${name} (${where.join(', ')}): ${takersOf(name, taken).join(', ')}`);
    expect(orphans).toEqual([]);
  });

  it('has every picture shown, at the tests’ screen size, and none that no document shows', () => {
    const dir = join(ROOT, SHOTS_DIR);
    const files = readdirSync(dir).sort();
    expect(files).toEqual([...shown.keys()].map((n) => `${n}.png`).sort());
    for (const name of shown.keys()) {
      if (name in BULLETIN_SHOTS) continue;
      expect(pngSize(join(dir, `${name}.png`)), name).toEqual({ width: 1366, height: 768 });
    }
  });
});
