import { describe, expect, it } from 'vitest';
import { LeitaiError } from '../errors/index.js';
import { buildHierarchy } from './hierarchy.js';
import { runPipeline } from './pipeline.js';
import type { CompositeMeta } from './types.js';

const meta = (): CompositeMeta => ({
  indicators: [
    { code: 'a', level: 1, parent: 'P', weight: 1, direction: 1, line: 2 },
    { code: 'b', level: 1, parent: 'P', weight: 1, direction: -1, line: 3 },
    { code: 'c', level: 1, parent: 'Q', weight: 1, direction: 1, line: 4 },
  ],
  aggregates: [
    { code: 'Index', level: 3, parent: null, weight: 1, line: 7 },
    { code: 'P', level: 2, parent: 'Index', weight: 1, line: 5 },
    { code: 'Q', level: 2, parent: 'Index', weight: 3, line: 6 },
  ],
});

function error(f: () => unknown): LeitaiError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LeitaiError);
    return e as LeitaiError;
  }
  throw new Error('expected an error');
}

describe('buildHierarchy', () => {
  it('orders aggregates level by level and finds the root', () => {
    const h = buildHierarchy(meta());
    expect(h.root).toBe('Index');
    expect(h.order).toEqual(['P', 'Q', 'Index']);
    expect(h.children.get('P')!.map((n) => n.code)).toEqual(['a', 'b']);
  });

  it('rejects an unknown parent, naming the row and column', () => {
    const m = meta();
    m.indicators[1]!.parent = 'Z';
    const e = error(() => buildHierarchy(m));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.details).toMatchObject({ line: 3, column: 'Parent', value: 'Z' });
    expect(e.message).toContain('b');
  });

  it('rejects a cycle', () => {
    const m = meta();
    m.aggregates[1]!.parent = 'Q';
    m.aggregates[2]!.parent = 'P';
    const e = error(() => buildHierarchy(m));
    expect(e.details.column).toBe('Parent');
    expect(e.message).toMatch(/cycle/);
  });

  it('rejects sibling weights that sum to zero', () => {
    const m = meta();
    m.indicators[0]!.weight = 0;
    m.indicators[1]!.weight = 0;
    const e = error(() => buildHierarchy(m));
    expect(e.details).toMatchObject({ line: 2, column: 'Weight' });
    expect(e.message).toContain('P');
  });
});

describe('runPipeline', () => {
  const data = { a: [1, 2, 3], b: [30, 20, 10], c: [5, null, 15] };

  it('normalises, reweights over missing children and ranks', () => {
    const r = runPipeline({ units: ['x', 'y', 'z'], data, meta: meta(), treat: 'none' });
    expect(r.scores.P).toEqual([0, 50, 100]);
    expect(r.scores.Q).toEqual([0, null, 100]);
    // Index = (1·P + 3·Q)/4, and for y only P is present.
    expect(r.scores.Index).toEqual([0, 50, 100]);
    expect(r.ranks).toEqual([3, 2, 1]);
  });

  it('rejects a unit whose every value is missing', () => {
    const e = error(() =>
      runPipeline({
        units: ['x', 'y', 'z'],
        data: { a: [1, null, 3], b: [3, null, 1], c: [1, null, 2] },
        meta: meta(),
        unitLines: [2, 3, 4],
      }),
    );
    expect(e.details).toMatchObject({ line: 3, column: 'uCode', value: 'y' });
    expect(e.message).toContain('y');
  });
});
