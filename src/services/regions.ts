import { LeitaiError } from '../core/errors/index.js';
import { recordAdmin, adminLog, type AdminEntry } from '../store/admin-log.js';
import type { Store } from '../store/db.js';
import { regionRecord, replaceAttributes } from '../store/regions.js';

/**
 * The region attributes the plans' category rules read (SPEC §2), tri-state: true, false or null
 * (unknown, never read as false).
 */
export const REGION_ATTRIBUTES = ['border', 'eco_zone', 'scenic_4a', 'heritage_area'] as const;
export type RegionAttribute = (typeof REGION_ATTRIBUTES)[number];

export const ATTRIBUTE_NAMES: Record<RegionAttribute, string> = {
  border: '边境县',
  eco_zone: '国家重点生态功能区',
  scenic_4a: '4A景区',
  heritage_area: '历史文化名城/街区',
};

export interface AttributeChange {
  code: string;
  name: string;
  /** Every attribute of the region after the change (unknown ones as null). */
  attributes: Record<RegionAttribute, boolean | null>;
  /** The attributes whose value changed, in REGION_ATTRIBUTES order (empty: nothing to do). */
  changed: RegionAttribute[];
}

const tri = (v: boolean | null | undefined): boolean | null => (v === undefined ? null : v);

function known(attrs: Record<string, boolean | null>): Record<RegionAttribute, boolean | null> {
  return Object.fromEntries(REGION_ATTRIBUTES.map((a) => [a, tri(attrs[a])])) as Record<
    RegionAttribute,
    boolean | null
  >;
}

/**
 * Sets attributes of one county (null makes one unknown again). The change and its admin-log
 * record (`region.attributes`, old and new values of the changed attributes) are written in one
 * transaction; an attribute left out keeps its value. Refuses regions that are not county-level
 * and attributes changed by someone else meanwhile (CONFLICT), changing nothing.
 */
export async function setRegionAttributes(
  store: Store,
  o: {
    code: string;
    attributes: Partial<Record<RegionAttribute, boolean | null>>;
    reason: string | null;
    actor: string;
    at: string;
  },
): Promise<AttributeChange> {
  for (const k of Object.keys(o.attributes))
    if (!(REGION_ATTRIBUTES as readonly string[]).includes(k))
      throw new LeitaiError(
        'INPUT_INVALID',
        `区域属性「${k}」不存在: 可设定的属性为 ${REGION_ATTRIBUTES.join('、')}`,
        { field: `attributes.${k}`, value: k, reason: 'unknown attribute' },
      );
  return store.db.transaction().execute(async (trx) => {
    const region = await regionRecord(trx, o.code);
    if (!region)
      throw new LeitaiError('NOT_FOUND', `区划代码 ${o.code} 不在区划名录中`, {
        value: o.code,
        reason: 'no such region',
      });
    if (region.level !== 'county')
      throw new LeitaiError(
        'INPUT_INVALID',
        `${region.name}(${o.code})不是县级区划: 区域属性只为县(市、区)设定`,
        { value: o.code, reason: `region is a ${region.level}` },
      );
    const before = known(region.attributes);
    const after = { ...before };
    for (const a of REGION_ATTRIBUTES) {
      const v = o.attributes[a];
      if (v !== undefined) after[a] = v;
    }
    const changed = REGION_ATTRIBUTES.filter((a) => after[a] !== before[a]);
    if (changed.length === 0)
      return { code: o.code, name: region.name, attributes: after, changed };
    const stored = { ...region.attributes, ...after };
    if (!(await replaceAttributes(trx, o.code, region.attributesText, stored)))
      throw new LeitaiError('CONFLICT', `${region.name}的区域属性刚被他人修改,请刷新后再设定`, {
        value: o.code,
        reason: 'attributes changed meanwhile',
      });
    await recordAdmin(trx, {
      at: o.at,
      actor: o.actor,
      action: 'region.attributes',
      target: `region:${o.code}`,
      old: Object.fromEntries(changed.map((a) => [a, before[a]])),
      new: Object.fromEntries(changed.map((a) => [a, after[a]])),
      reason: o.reason,
    });
    return { code: o.code, name: region.name, attributes: after, changed };
  });
}

/** A region's attribute changes, newest first. */
export function regionHistory(store: Store, code: string, limit = 100): Promise<AdminEntry[]> {
  return adminLog(store, { target: `region:${code}`, limit });
}
