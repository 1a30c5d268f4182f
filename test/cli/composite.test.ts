import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, leitai, ROOT, tempDir } from '../helpers.js';

const FIX = join(ROOT, 'test/fixtures/coinr');

describe('leitai composite', () => {
  it("reproduces COINr's default pipeline on the ASEM example", () => {
    const out = json<{ units: { uCode: string; scores: Record<string, number>; rank: number }[] }>(
      leitai(
        'composite',
        '--idata',
        join(FIX, 'ASEM_iData.csv'),
        '--imeta',
        join(FIX, 'ASEM_iMeta.csv'),
        '--format',
        'json',
      ),
    );
    const top = [...out.units].sort((a, b) => a.rank - b.rank).slice(0, 3);
    expect(top.map((u) => u.uCode)).toEqual(['DEU', 'GBR', 'FRA']);
    expect(top[0]!.scores.Index).toBeCloseTo(78.98183306, 6);
  });

  it('names the row and column of a bad iMeta, with exit status 2', () => {
    const meta = readFileSync(join(FIX, 'ASEM_iMeta.csv'), 'utf8').replace(
      '"Physical","Indicator"',
      '"Nowhere","Indicator"',
    );
    const f = join(tempDir(), 'bad-meta.csv');
    writeFileSync(f, meta);
    const r = leitai('composite', '--idata', join(FIX, 'ASEM_iData.csv'), '--imeta', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Nowhere');
  });
});
