/**
 * Observations: (region, indicator, period) → value. `null` is a reported-missing value (`—`).
 * Values are kept as the numbers read; exact comparisons go through core/numeric.
 */
/** The identity of one value: region, indicator, period. */
export interface ValueKey {
  region: string;
  indicator: string;
  period: string;
}

/** One value's key as text, the same everywhere (maps, messages, audit). */
export function valueKey(k: ValueKey): string {
  return `${k.region}|${k.indicator}|${k.period}`;
}

export interface Observation {
  region: string;
  indicator: string;
  period: string;
  value: number | null;
  /** Where the value comes from: a file, a user, or a plan document for official results. */
  source?: string;
  /** A published official result (a plan's 完成 column). */
  official?: boolean;
  /** The line of the file it was read from. */
  line?: number;
  /** Why it was recorded, and what it rests on: a manual judgement's note and evidence. */
  note?: string | null;
  evidence?: string | null;
  /** Who recorded it, and when. */
  by?: string;
  at?: string;
}

/** Observations indexed period → indicator → region, for fast lookups during evaluation. */
export class ObservationSet {
  private readonly byPeriod = new Map<string, Map<string, Map<string, Observation>>>();
  /** Regions that have data the set does not keep (a reader kept only some indicators). */
  private readonly present = new Set<string>();
  size = 0;

  /** Records that a region has data although none of it is kept here. */
  notePresent(region: string): void {
    this.present.add(region);
  }

  constructor(list: Iterable<Observation> = []) {
    for (const o of list) this.add(o);
  }

  /** Adds or replaces; an official value is never replaced by an unofficial one. */
  add(o: Observation): void {
    let byInd = this.byPeriod.get(o.period);
    if (!byInd) this.byPeriod.set(o.period, (byInd = new Map()));
    let byRegion = byInd.get(o.indicator);
    if (!byRegion) byInd.set(o.indicator, (byRegion = new Map()));
    const prior = byRegion.get(o.region);
    if (prior?.official && !o.official) return;
    if (!prior) this.size++;
    byRegion.set(o.region, o);
  }

  /** Inserts unless the key is taken; returns the observation already there, if any. */
  insert(o: Observation): Observation | undefined {
    let byInd = this.byPeriod.get(o.period);
    if (!byInd) this.byPeriod.set(o.period, (byInd = new Map()));
    let byRegion = byInd.get(o.indicator);
    if (!byRegion) byInd.set(o.indicator, (byRegion = new Map()));
    const prior = byRegion.get(o.region);
    if (prior) return prior;
    byRegion.set(o.region, o);
    this.size++;
    return undefined;
  }

  /**
   * Moves every observation of another set into this one (same rule as `add`). Whole indicator
   * slices this set lacks are taken over without copying, which makes loading a large file
   * cheap; `other` must not be used afterwards.
   */
  merge(other: ObservationSet): void {
    for (const r of other.present) this.present.add(r);
    for (const [period, byInd] of other.byPeriod) {
      let mine = this.byPeriod.get(period);
      if (!mine) this.byPeriod.set(period, (mine = new Map()));
      for (const [indicator, byRegion] of byInd) {
        if (!mine.has(indicator)) {
          mine.set(indicator, byRegion);
          this.size += byRegion.size;
        } else for (const o of byRegion.values()) this.add(o);
      }
    }
  }

  get(region: string, indicator: string, period: string): Observation | undefined {
    return this.byPeriod.get(period)?.get(indicator)?.get(region);
  }

  value(region: string, indicator: string, period: string): number | null {
    return this.get(region, indicator, period)?.value ?? null;
  }

  /** All values of one indicator and period, by region. */
  slice(indicator: string, period: string): ReadonlyMap<string, Observation> {
    return this.byPeriod.get(period)?.get(indicator) ?? new Map();
  }

  periods(): string[] {
    return [...this.byPeriod.keys()];
  }

  /** Whether any value of the region is held: usually found in the first slice looked at. */
  hasRegion(region: string): boolean {
    if (this.present.has(region)) return true;
    for (const byInd of this.byPeriod.values())
      for (const byRegion of byInd.values()) if (byRegion.has(region)) return true;
    return false;
  }

  regions(): Set<string> {
    const out = new Set<string>(this.present);
    for (const byInd of this.byPeriod.values())
      for (const byRegion of byInd.values()) for (const r of byRegion.keys()) out.add(r);
    return out;
  }

  *[Symbol.iterator](): Iterator<Observation> {
    for (const byInd of this.byPeriod.values())
      for (const byRegion of byInd.values()) yield* byRegion.values();
  }
}
