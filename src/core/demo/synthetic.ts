import type { Region } from '../regions/index.js';
import { allocate } from './fit.js';
import type { Rng } from '../random/index.js';

/** Synthetic provinces 910000…990000: the 9 keeps them clear of every real GB/T 2260 code. */
const PROVINCES = 9;
/** About the number of county-level units in China. */
export const NATIONAL_COUNTIES = 2800;

const two = (n: number) => String(n).padStart(2, '0');

function region(
  code: string,
  name: string,
  level: Region['level'],
  parent: string | null,
  kind: string,
  attributes: Region['attributes'] = {},
): Region {
  return { code, name, level, parent, kind, attributes, synthetic: true };
}

/**
 * A synthetic national register: provinces 合成省01…, prefectures 合成市01-03, counties
 * 合成县01-03-05 (县级市: 合成市01-03-05), in code order, parents before children.
 */
export function syntheticRegions(rng: Rng, total = NATIONAL_COUNTIES): Region[] {
  const out: Region[] = [];
  const perProvince = allocate(
    Array.from({ length: PROVINCES }, () => rng.uniform(0.6, 1.4)),
    total,
  );
  perProvince.forEach((n, pi) => {
    const p = pi + 1;
    const provinceCode = `9${p}0000`;
    out.push(region(provinceCode, `合成省${two(p)}`, 'province', null, '省'));
    const prefectures = Math.min(99, Math.max(1, Math.round(n / 24)));
    const perPrefecture = allocate(
      Array.from({ length: prefectures }, () => rng.uniform(0.6, 1.4)),
      n,
    );
    perPrefecture.forEach((m, fi) => {
      const f = fi + 1;
      const prefectureCode = `9${p}${two(f)}00`;
      out.push(
        region(prefectureCode, `合成市${two(p)}-${two(f)}`, 'prefecture', provinceCode, '地级市'),
      );
      for (let k = 1; k <= Math.min(m, 99); k++) {
        const city = rng.chance(0.2);
        const label = `${two(p)}-${two(f)}-${two(k)}`;
        out.push(
          region(
            `9${p}${two(f)}${two(k)}`,
            city ? `合成市${label}` : `合成县${label}`,
            'county',
            prefectureCode,
            city ? '县级市' : '县',
            { border: rng.chance(0.05), eco_zone: null },
          ),
        );
      }
    });
  });
  return out;
}
