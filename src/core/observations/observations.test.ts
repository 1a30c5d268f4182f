import { describe, expect, it } from 'vitest';
import { ObservationSet } from './index.js';

describe('ObservationSet.hasRegion', () => {
  it('knows a region by any value it holds, a reported-missing one included', () => {
    const set = new ObservationSet([
      { region: '230123', indicator: 'gdp', period: '2025', value: 54.72 },
      { region: '230124', indicator: 'gdp_growth', period: '2026-09', value: null },
    ]);
    expect(set.hasRegion('230123')).toBe(true);
    expect(set.hasRegion('230124')).toBe(true);
    expect(set.hasRegion('230125')).toBe(false);
    expect([...set.regions()].sort()).toEqual(['230123', '230124']);
    expect(new ObservationSet().hasRegion('230123')).toBe(false);
  });
});

describe('ObservationSet.notePresent', () => {
  it('counts a region with data the set does not keep as present, also after a merge', () => {
    const staged = new ObservationSet();
    staged.notePresent('230126');
    const set = new ObservationSet([
      { region: '230123', indicator: 'gdp', period: '2025', value: 1 },
    ]);
    set.merge(staged);
    expect(set.hasRegion('230126')).toBe(true);
    expect([...set.regions()].sort()).toEqual(['230123', '230126']);
    expect(set.size).toBe(1);
  });
});
