import type { BulletinChart, Cell } from '../../core/bulletin/model.js';

// What the three formats share: the status colours of UI.md (the StatusTag's, dark enough for
// their text) and the 公文 fonts. A coloured cell always keeps its word, for black-and-white print.

export interface Shade {
  /** Background, #rrggbb. */
  fill: string;
  /** Text on it, #rrggbb. */
  text: string;
}

const DARK = '#262626';
const LIGHT = '#ffffff';

export const SHADES: Record<NonNullable<Cell['status']>, Shade> = {
  met: { fill: '#237804', text: LIGHT },
  nearly_met: { fill: '#faad14', text: DARK },
  not_met: { fill: '#cf1322', text: LIGHT },
  no_data: { fill: '#595959', text: LIGHT },
  not_applicable: { fill: '#d9d9d9', text: DARK },
  red: { fill: '#cf1322', text: LIGHT },
  yellow: { fill: '#faad14', text: DARK },
  green: { fill: '#237804', text: LIGHT },
};

/** The synthetic-data note's colour: the status red. */
export const NOTE_COLOUR = '#cf1322';

/**
 * Font names as Word knows them. 仿宋/黑体/楷体 ship with Windows and WPS; 仿宋_GB2312 (the
 * older 公文 face) often does not, and Word would then substitute 宋体, not 仿宋.
 */
export const WORD_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋',
  heading1: '黑体',
  heading2: '楷体',
  /** 公文 page numbers: 宋体 4号. */
  pageNumber: '宋体',
} as const;

/**
 * CSS stacks for the HTML and PDF: the Windows and macOS names first, then the Noto CJK faces
 * installed on the server (fonts-noto-cjk), so the PDF always has real glyphs. 'Leitai Title'
 * and 'Leitai Hei' are html.ts's names for the bold Noto faces that stand in for 小标宋 and 黑体.
 */
export const CSS_FONTS = {
  title: "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'Leitai Title', 'Noto Serif CJK SC', serif",
  body: "'仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC', serif",
  heading1: "'黑体', 'SimHei', 'STHeiti', 'Leitai Hei', 'Noto Sans CJK SC', sans-serif",
  heading2: "'楷体', 'KaiTi', 'STKaiti', 'Noto Serif CJK SC', serif",
  chart: "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
} as const;

/** A4 in millimetres, and the 公文 margins (GB/T 9704: 37/35/28/26 mm). */
export const PAGE = {
  width: 210,
  height: 297,
  margin: { top: 37, bottom: 35, left: 28, right: 26 },
} as const;

/** The text column's width in mm (156). */
export const TEXT_WIDTH_MM = PAGE.width - PAGE.margin.left - PAGE.margin.right;

/** Is the cell a number (right-aligned, a number in the xlsx)? */
export function isNumber(cell: Cell): cell is Cell & { value: number } {
  return typeof cell.value === 'number' && Number.isFinite(cell.value);
}

/** Width of a text in half-em units: CJK and full-width characters 2, others 1. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return w;
}

/**
 * Each column's share of the table's width, from its widest cell (header words may wrap, so
 * they count half), kept between narrow and wide bounds so no column is starved; the column with
 * the longest text (a 主要问题) may take most of the width, the others at most a name's.
 */
export function columnShares(columns: readonly string[], rows: readonly Cell[][]): number[] {
  const natural = columns.map((h, i) =>
    Math.max(8, Math.ceil(textWidth(h) / 2), ...rows.map((r) => textWidth(r[i]?.text ?? ''))),
  );
  const widest = natural.indexOf(Math.max(...natural));
  const widths = natural.map((w, i) => Math.min(i === widest ? 56 : 24, w));
  const total = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w / total);
}

/** The line printed instead of a map the province has no boundaries for. */
export function missingMapText(chart: BulletinChart): string {
  return `未绘制${chart.caption}:本省暂无县级边界数据。`;
}
