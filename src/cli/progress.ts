import { SingleBar, Presets } from 'cli-progress';
import { dec, formatNumber } from '../core/numeric/index.js';

/**
 * Progress of long work on stderr: a bar on a terminal, a line every few seconds otherwise
 * (logs and tests). Small jobs print nothing.
 */
export function progressReporter(
  label: string,
  total: number,
): { update: (done: number, total: number) => void; stop: () => void } {
  if (total < 20_000) return { update: () => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total}` },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let last = 0;
  return {
    update: (done, all) => {
      const now = Date.now();
      if (now - last < 2000 && done < all) return;
      last = now;
      process.stderr.write(
        `${label} ${done}/${all} (${formatNumber(dec(done).times(100).div(all), 0)}%)\n`,
      );
    },
    stop: () => undefined,
  };
}
