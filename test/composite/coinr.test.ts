import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  kurtosis,
  runPipeline,
  skewness,
  type PipelineResult,
} from '../../src/core/composite/index.js';
import { LeitaiError } from '../../src/core/errors/index.js';
import { readCompositeFiles } from '../../src/io/composite-files.js';
import { readCsv } from '../../src/io/csv.js';
import { ROOT } from '../helpers.js';

const DIR = join(ROOT, 'test/fixtures/coinr');
const IDATA = join(DIR, 'ASEM_iData.csv');
const IMETA = join(DIR, 'ASEM_iMeta.csv');

interface Ref {
  header: string[];
  rows: Map<string, (number | null)[]>;
}

function readRef(name: string): Ref {
  const t = readCsv(readFileSync(join(DIR, name), 'utf8'), name, ['uCode']);
  const u = t.header.indexOf('uCode');
  const rows = new Map<string, (number | null)[]>();
  for (const { cells } of t.rows) {
    rows.set(
      cells[u]!,
      cells.map((c) => (c === '' ? null : Number(c))),
    );
  }
  return { header: t.header, rows };
}

function compare(ref: Ref, got: Record<string, (number | null)[]>, r: PipelineResult): number {
  let checked = 0;
  for (const [col, j] of ref.header.map((h, j) => [h, j] as const)) {
    if (col === 'uCode') continue;
    const mine = got[col];
    expect(mine, `column ${col}`).toBeDefined();
    r.units.forEach((unit, i) => {
      const want = ref.rows.get(unit)![j]!;
      const have = mine![i]!;
      if (want === null) expect(have, `${unit}/${col}`).toBeNull();
      else {
        expect(have, `${unit}/${col}`).not.toBeNull();
        expect(Math.abs(have - want), `${unit}/${col}: ${have} vs ${want}`).toBeLessThan(1e-6);
      }
      checked++;
    });
  }
  return checked;
}

describe('COINr 1.1.14 default pipeline on ASEM', () => {
  const input = readCompositeFiles(IDATA, IMETA);
  const r = runPipeline({ ...input });

  it('reads 51 units, 49 indicators and 11 aggregates', () => {
    expect(input.units).toHaveLength(51);
    expect(input.meta.indicators).toHaveLength(49);
    expect(input.meta.aggregates).toHaveLength(11);
    expect(r.index).toBe('Index');
  });

  it('matches the treated data set', () => {
    expect(compare(readRef('default_treated.csv'), r.treated, r)).toBe(51 * 49);
  });

  it('matches the treatment details: skew, kurtosis and points winsorised', () => {
    const name = 'default_treated_details.csv';
    const t = readCsv(readFileSync(join(DIR, name), 'utf8'), name, ['iCode', 'winsorise.nwin']);
    const col = (c: string) => t.header.indexOf(c);
    expect(t.rows).toHaveLength(49);
    for (const { cells } of t.rows) {
      const code = cells[col('iCode')]!;
      const raw = input.data[code]!;
      expect(skewness(raw)).toBeCloseTo(Number(cells[col('check_SkewKurt0.Skew')]), 9);
      expect(kurtosis(raw)).toBeCloseTo(Number(cells[col('check_SkewKurt0.Kurt')]), 9);
      const nwin = cells[col('winsorise.nwin')]!;
      expect(r.treatment[code], code).toEqual(
        nwin === '' ? { method: 'none', nwin: 0 } : { method: 'winsorise', nwin: Number(nwin) },
      );
    }
  });

  it('matches the normalised data set', () => {
    expect(compare(readRef('default_normalised.csv'), r.normalised, r)).toBe(51 * 49);
  });

  it('matches every column of the aggregated data set', () => {
    expect(compare(readRef('default_aggregated.csv'), r.scores, r)).toBe(51 * 60);
  });

  it('matches the ranks', () => {
    const ref = readRef('default_ranks.csv');
    expect(ref.rows.size).toBe(51);
    const rank = new Map(r.units.map((u, i) => [u, [r.scores.Index![i], r.ranks[i]]] as const));
    for (const [unit, [, index, want]] of ref.rows) {
      const [score, have] = rank.get(unit)!;
      expect(Math.abs(score! - index!)).toBeLessThan(1e-6);
      expect(have).toBe(want);
    }
    const top = [...ref.rows.keys()].slice(0, 3);
    expect(top).toEqual(['DEU', 'GBR', 'FRA']);
  });
});

describe('bad composite inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leitai-coinr-'));
  const metaText = readFileSync(IMETA, 'utf8');
  const dataText = readFileSync(IDATA, 'utf8');

  function run(meta: string, data = dataText): LeitaiError {
    const m = join(dir, 'iMeta.csv');
    const d = join(dir, 'iData.csv');
    writeFileSync(m, meta);
    writeFileSync(d, data);
    try {
      const input = readCompositeFiles(d, m);
      runPipeline(input);
    } catch (e) {
      expect(e).toBeInstanceOf(LeitaiError);
      return e as LeitaiError;
    }
    throw new Error('expected an error');
  }

  it('rejects a cycle', () => {
    // Index (line 61) made a child of Conn: Conn → Index → Conn.
    const meta = metaText.replace(
      '4,"Index","Sustainable Connectivity",1,1,"Score",,,,"Aggregate"',
      '4,"Index","Sustainable Connectivity",1,1,"Score",,,"Conn","Aggregate"',
    );
    const e = run(meta);
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.details.column).toBe('Parent');
    expect(e.details.line).toBeTypeOf('number');
    expect(e.message).toMatch(/cycle|top-level/);
  });

  it('rejects an unknown parent, naming the row and column', () => {
    const meta = metaText.replace(',"Physical","Indicator"', ',"Nowhere","Indicator"');
    const e = run(meta);
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.details).toMatchObject({ line: 2, column: 'Parent', value: 'Nowhere' });
    expect(e.message).toContain('第2行');
    expect(e.message).toContain('LPI');
    expect(e.message).toContain('Nowhere');
  });

  it('rejects sibling weights that sum to zero', () => {
    const lines = metaText.split('\n');
    const out = lines.map((l) =>
      l.includes('"Conn","Aggregate"') ? l.replace(/^(2,"[^"]+","[^"]+",1),1,/, '$1,0,') : l,
    );
    const e = run(out.join('\n'));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.details.column).toBe('Weight');
    expect(e.message).toContain('Conn');
    expect(e.message).toMatch(/第\d+行/);
  });

  it('rejects a non-numeric cell, naming file, line and column', () => {
    const data = dataText.replace(
      '"Austria","AUT","L","XL","M","Europe",2018,83871,27,390.799991147468,8735.453,4.097985',
      '"Austria","AUT","L","XL","M","Europe",2018,83871,27,390.799991147468,8735.453,abc',
    );
    const e = run(metaText, data);
    expect(e.details).toMatchObject({ line: 2, column: 'LPI', value: 'abc' });
    expect(e.message).toContain('iData.csv');
    expect(e.message).toContain('LPI');
  });

  it('rejects a unit whose every value is missing', () => {
    const lines = dataText.split('\n');
    const header = lines[0]!.split(',');
    const first = header.indexOf('"LPI"');
    const cells = lines[1]!.split(',');
    lines[1] = cells.map((c, j) => (j >= first ? '' : c)).join(',');
    const e = run(metaText, lines.join('\n'));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.details).toMatchObject({ line: 2, column: 'uCode', value: 'AUT' });
    expect(e.message).toContain('AUT');
  });
});
