/**
 * Synthetic leading industries (主导工业清单, 合成演示数据): one or two per county with an
 * 一业一策 note, fictional enterprises and 2024/2025 output.
 */
import type { LeadingIndustry } from '../industries/types.js';
import { Rng } from '../random/index.js';
import { POLICY_NOTES, STEMS, templatesOf } from './ledger-words.js';
import type { LedgerCounty } from './ledgers.js';

export function generateLeadingIndustries(
  seed: number,
  counties: readonly LedgerCounty[],
  industries: readonly string[],
): LeadingIndustry[] {
  const out: LeadingIndustry[] = [];
  for (const county of counties) {
    const rng = new Rng(seed, 'industries', county.code);
    const first = Math.floor(rng.next() * industries.length);
    const second =
      (first + 1 + Math.floor(rng.next() * (industries.length - 1))) % industries.length;
    const picks = rng.chance(0.7) ? [first, second] : [first];
    picks.forEach((i, k) => {
      const industry = industries[i]!;
      const out24 = rng.uniform(3, 60);
      const growth = rng.uniform(-5, 18);
      const out25 = out24 * (1 + growth / 100);
      const enterprises = Array.from(
        { length: 1 + Math.floor(rng.next() * 3) },
        (_, e) =>
          `${county.name}${STEMS[(k * 3 + e) % STEMS.length]}某${templatesOf(industry).kind}有限公司`,
      );
      out.push({
        county: county.code,
        position: (k + 1) as 1 | 2,
        industry,
        policy: POLICY_NOTES[Math.floor(rng.next() * POLICY_NOTES.length)]!.replace(
          '{i}',
          industry,
        ),
        enterprises,
        figures: [
          { year: 2024, output: out24.toFixed(2), growth: rng.uniform(-3, 15).toFixed(1) },
          { year: 2025, output: out25.toFixed(2), growth: growth.toFixed(1) },
        ],
      });
    });
  }
  return out;
}
