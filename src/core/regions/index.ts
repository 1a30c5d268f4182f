/**
 * Regions keyed by the 6-digit GB/T 2260 code. Attributes are tri-state: true, false, or null
 * (unknown — never read as false).
 */
export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
  /** 省, 地级市, 地区, 市辖区, 县, 自治县, 县级市 (or a synthetic kind for demo regions). */
  kind: string;
  attributes: Record<string, boolean | null>;
  synthetic?: boolean;
}

export interface Register {
  readonly regions: ReadonlyMap<string, Region>;
  get(code: string): Region | undefined;
  children(code: string): Region[];
}

export function makeRegister(list: Iterable<Region>): Register {
  const regions = new Map<string, Region>();
  const kids = new Map<string, Region[]>();
  for (const r of list) regions.set(r.code, r);
  for (const r of regions.values()) {
    if (r.parent === null) continue;
    const arr = kids.get(r.parent) ?? [];
    arr.push(r);
    kids.set(r.parent, arr);
  }
  return {
    regions,
    get: (code) => regions.get(code),
    children: (code) => kids.get(code) ?? [],
  };
}

/** The 县域 of the plans: counties, autonomous counties and county-level cities. */
export const COUNTY_DOMAIN_KINDS = ['县', '自治县', '县级市'] as const;

/** Regions under `root` (any depth), in code order. */
export function descendants(register: Register, root: string): Region[] {
  const out: Region[] = [];
  const walk = (code: string) => {
    for (const c of register.children(code)) {
      out.push(c);
      walk(c.code);
    }
  };
  walk(root);
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/** Merge attribute values into regions (later values win; null leaves a value unknown). */
export function withAttributes(
  register: Register,
  values: ReadonlyMap<string, Record<string, boolean | null>>,
): Register {
  const list = [...register.regions.values()].map((r) => {
    const extra = values.get(r.code);
    if (!extra) return r;
    const attributes = { ...r.attributes };
    for (const [k, v] of Object.entries(extra)) if (v !== null) attributes[k] = v;
    return { ...r, attributes };
  });
  return makeRegister(list);
}
