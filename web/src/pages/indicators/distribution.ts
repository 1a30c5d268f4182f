// The histogram's bins: a "nice" width (1, 2 or 5 × 10ⁿ) giving about eight bins, edges as the
// unit displays them. Counting values into bins is presentation; nothing is judged here.

export interface Bin {
  lo: number;
  hi: number;
  label: string;
  count: number;
}

function niceStep(span: number, bins: number): number {
  const raw = span / bins;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

const clean = (x: number) => Number(x.toPrecision(12));

export function histogram(values: readonly number[], fmt: (v: number) => string): Bin[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const integers = values.every((v) => Number.isInteger(v));
  if (min === max) return [{ lo: min, hi: max, label: fmt(min), count: values.length }];
  // Small whole counts (0, 1, 2 … projects): one bar per count.
  if (integers && max - min <= 12) {
    const bins: Bin[] = [];
    for (let v = min; v <= max; v++) bins.push({ lo: v, hi: v, label: fmt(v), count: 0 });
    for (const v of values) bins[v - min]!.count++;
    return bins;
  }
  let step = niceStep(max - min, 8);
  if (integers) step = Math.max(1, Math.round(step));
  const start = clean(Math.floor(min / step) * step);
  // [lo, hi) bins from the first edge at or below the minimum; the maximum falls in the last.
  const n = Math.floor(clean((max - start) / step)) + 1;
  const bins: Bin[] = Array.from({ length: n }, (_, i) => {
    const lo = clean(start + i * step);
    const hi = clean(start + (i + 1) * step);
    return { lo, hi, label: `${fmt(lo)}–${fmt(hi)}`, count: 0 };
  });
  for (const v of values) {
    const i = Math.min(n - 1, Math.max(0, Math.floor(clean((v - start) / step))));
    bins[i]!.count++;
  }
  return bins;
}
