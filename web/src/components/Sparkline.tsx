import type { SeriesPoint } from '../api/types.js';

const W = 110;
const H = 28;

function path(values: (number | null)[], min: number, max: number, months: number): string {
  const x = (i: number) => (months <= 1 ? W / 2 : (i / (months - 1)) * (W - 4) + 2);
  const y = (v: number) => (max === min ? H / 2 : H - 3 - ((v - min) / (max - min)) * (H - 6));
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/**
 * A value's months this year, last year's same months faint behind it. Drawn as two SVG paths
 * rather than with ECharts: one per table row, and the dashboard must not wait for a chart library.
 */
export function Sparkline({
  points,
  previous = [],
  label,
}: {
  points: SeriesPoint[];
  previous?: SeriesPoint[];
  label: string;
}) {
  const now = points.map((p) => p.value);
  const before = previous.map((p) => p.value);
  const all = [...now, ...before].filter((v): v is number => v !== null);
  if (all.length === 0) return null;
  const min = Math.min(...all);
  const max = Math.max(...all);
  const months = Math.max(now.length, before.length);
  return (
    <svg width={W} height={H} role="img" aria-label={label}>
      <path d={path(before, min, max, months)} fill="none" stroke="#bfbfbf" strokeWidth={1} />
      <path d={path(now, min, max, months)} fill="none" stroke="#1d39c4" strokeWidth={2} />
    </svg>
  );
}
