import { LeitaiError } from '../core/errors/index.js';
import { recordAdmin, adminLog, type AdminEntry } from '../store/admin-log.js';
import type { Store } from '../store/db.js';
import type { Transaction } from 'kysely';
import type { Region, Register } from '../core/regions/index.js';
import { readAttributeRows, readRegionRows, refuseRows, type RowProblem } from '../io/regions.js';
import type { Database } from '../store/schema.js';
import { insertRegions, regionRecord, registerIn, replaceAttributes } from '../store/regions.js';

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

/** A register file (or an attribute file) as read: its name and its text. */
export interface TextFile {
  file: string;
  text: string;
}

export interface RegionImport {
  /** Regions new to the register, in file order. */
  added: string[];
  /** Rows already in the register as they are. */
  unchanged: number;
  /** Existing regions whose attributes the files changed. */
  attributesChanged: number;
}

const RANK: Record<Region['level'], number> = { province: 0, prefecture: 1, county: 2 };
const COLUMN_OF = { name: 'name', level: 'level', parent: 'parent_code', kind: 'kind' } as const;

type RegionRow = { line: number; region: Region };
type AttributeRow = { line: number; code: string; attributes: Record<string, boolean | null> };

/**
 * What the register already holds contradicts: a code there under another name (or level,
 * parent, kind); a parent in neither the register nor the file, or not a higher level.
 */
export function registerProblems(
  rows: readonly RegionRow[],
  file: string,
  register: Register,
): RowProblem[] {
  const problems: RowProblem[] = [];
  const inFile = new Map(rows.map((r) => [r.region.code, r.region]));
  for (const { line, region } of rows) {
    const at = { file, line };
    const old = register.get(region.code);
    for (const k of old ? (['name', 'level', 'parent', 'kind'] as const) : []) {
      if (old![k] === region[k]) continue;
      problems.push({
        ...at,
        column: COLUMN_OF[k],
        value: region[k] ?? '',
        reason: `与名录不符:区划代码 ${region.code} 已在名录中,为「${old!.name}」(${COLUMN_OF[k]} ${old![k] ?? '空'}) (the code is registered differently)`,
      });
    }
    if (region.parent === null) continue;
    const parent = inFile.get(region.parent) ?? register.get(region.parent);
    if (!parent)
      problems.push({
        ...at,
        column: 'parent_code',
        value: region.parent,
        reason: '不在区划名录中,也不在本文件中 (unknown parent)',
      });
    else if (RANK[parent.level] >= RANK[region.level])
      problems.push({
        ...at,
        column: 'parent_code',
        value: region.parent,
        reason: `是${parent.name}(${parent.level}),不是更高一级的区划 (the parent must be a higher level)`,
      });
  }
  return problems;
}

/** Attribute rows of a region in neither the register nor the imported file. */
function unknownCodes(
  attributeRows: readonly AttributeRow[],
  file: string,
  rows: readonly RegionRow[],
  register: Register,
): RowProblem[] {
  const inFile = new Set(rows.map((r) => r.region.code));
  return attributeRows
    .filter(({ code }) => /^\d{6}$/.test(code) && !inFile.has(code) && !register.get(code))
    .map(({ line, code }) => ({
      file,
      line,
      column: 'code',
      value: code,
      reason: '不在区划名录中,也不在导入的名录文件中 (unknown region)',
    }));
}

/** Attribute values set (non-null) in `extra` that differ from `attrs`. */
function attributeChanges(
  attrs: Record<string, boolean | null>,
  extra: Record<string, boolean | null>,
): string[] {
  return Object.keys(extra).filter((k) => extra[k] !== null && attrs[k] !== extra[k]);
}

/**
 * Loads a register of regions (another province's, in the columns of
 * data/regions/heilongjiang-regions.csv) and attributes into the database. Every row is
 * checked first, in the file and against the register; one bad row refuses the whole import
 * with every problem named by file, line and column, and nothing is written. New regions are
 * added; a row already there as it is changes nothing; attribute values (the register's own
 * columns, then the attribute file's) are set on existing regions with an admin-log record
 * each (`region.attributes`), and the added regions are logged as one `region.import`.
 */
export async function importRegions(
  store: Store,
  o: { regions: TextFile; attributes?: TextFile[]; actor: string; at: string; reason?: string },
): Promise<RegionImport> {
  const reg = readRegionRows(o.regions.text, o.regions.file);
  const attrs = (o.attributes ?? []).map((f) => ({
    file: f.file,
    ...readAttributeRows(f.text, f.file),
  }));
  refuseRows([...reg.problems, ...attrs.flatMap((a) => a.problems)]);
  return store.db.transaction().execute(async (trx) => {
    const register = await registerIn(trx);
    refuseRows([
      ...registerProblems(reg.rows, o.regions.file, register),
      ...attrs.flatMap((a) => unknownCodes(a.rows, a.file, reg.rows, register)),
    ]);
    const extra = new Map<string, Record<string, boolean | null>>();
    for (const { code, attributes } of attrs.flatMap((a) => a.rows))
      extra.set(code, merged(extra.get(code) ?? {}, attributes));
    const fresh = reg.rows
      .map((r) => r.region)
      .filter((r) => !register.get(r.code))
      .map((r) => ({ ...r, attributes: merged(r.attributes, extra.get(r.code)) }));
    await insertRegions(trx, fresh);
    const reason = o.reason ?? null;
    if (fresh.length > 0)
      await recordAdmin(trx, {
        at: o.at,
        actor: o.actor,
        action: 'region.import',
        target: 'register',
        old: null,
        new: { file: o.regions.file, added: fresh.map((r) => r.code) },
        reason,
      });
    let attributesChanged = 0;
    const own = new Map(reg.rows.map((r) => [r.region.code, r.region.attributes]));
    for (const code of new Set([...own.keys(), ...extra.keys()])) {
      if (!register.get(code)) continue;
      const wanted = merged(own.get(code) ?? {}, extra.get(code));
      if (await setImported(trx, code, wanted, { ...o, reason })) attributesChanged++;
    }
    const unchanged = reg.rows.length - fresh.length;
    return { added: fresh.map((r) => r.code), unchanged, attributesChanged };
  });
}

/** `base` with the set (non-null) values of `over`. */
function merged(
  base: Record<string, boolean | null>,
  over: Record<string, boolean | null> | undefined,
): Record<string, boolean | null> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over ?? {})) if (v !== null) out[k] = v;
  return out;
}

/** Sets an existing region's imported attribute values, logged; false when nothing changes. */
async function setImported(
  trx: Transaction<Database>,
  code: string,
  wanted: Record<string, boolean | null>,
  o: { actor: string; at: string; reason: string | null },
): Promise<boolean> {
  const region = (await regionRecord(trx, code))!;
  const changed = attributeChanges(region.attributes, wanted);
  if (changed.length === 0) return false;
  const after = merged(region.attributes, wanted);
  if (!(await replaceAttributes(trx, code, region.attributesText, after)))
    throw new LeitaiError('CONFLICT', `${region.name}的区域属性刚被他人修改,请重新导入`, {
      value: code,
      reason: 'attributes changed meanwhile',
    });
  await recordAdmin(trx, {
    at: o.at,
    actor: o.actor,
    action: 'region.attributes',
    target: `region:${code}`,
    old: Object.fromEntries(changed.map((k) => [k, region.attributes[k] ?? null])),
    new: Object.fromEntries(changed.map((k) => [k, after[k]])),
    reason: o.reason,
  });
  return true;
}
