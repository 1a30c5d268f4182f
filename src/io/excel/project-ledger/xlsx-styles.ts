import { readXml } from './xml.js';

/** Built-in number formats that show a date (ECMA-376 18.8.30), with and without the day. */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
const BUILTIN_MONTHS = new Set([17, 57]);

export type DateStyle = 'day' | 'month' | undefined;

/** For each cell style (the `s` of a cell): whether it shows a date, and to the day or month. */
export function dateStyles(xml: string): DateStyle[] {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  // Only the first <cellXfs> counts: <cellStyleXfs> holds <xf> too, for named styles.
  let inXfs = false;
  let seenXfs = false;
  readXml(xml, {
    open(name, attrs) {
      if (name === 'numFmt') custom.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
      else if (name === 'cellXfs') inXfs = !seenXfs;
      else if (name === 'xf' && inXfs) xfs.push(Number(attrs.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') [inXfs, seenXfs] = [false, true];
    },
  });
  return xfs.map((id) => {
    const code = custom.get(id);
    if (code === undefined)
      return BUILTIN_DATES.has(id) ? (BUILTIN_MONTHS.has(id) ? 'month' : 'day') : undefined;
    const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
    if (!/[yd]/.test(bare)) return undefined;
    return /d/.test(bare) ? 'day' : 'month';
  });
}

export function serialDate(serial: number, style: 'day' | 'month', date1904: boolean): string {
  const ms = Math.round((serial - (date1904 ? 24107 : 25569)) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return style === 'day' ? iso.slice(0, 10) : iso.slice(0, 7);
}
