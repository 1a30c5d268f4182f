import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type {
  Block,
  Bulletin,
  BulletinChart,
  BulletinTable,
  Cell,
} from '../../core/bulletin/model.js';
import { drawInThread } from './chart-thread.js';
import type { DrawnChart } from './charts.js';
import {
  NOTE_COLOUR,
  PAGE,
  SHADES,
  TEXT_WIDTH_MM,
  WORD_FONTS,
  columnShares,
  missingMapText,
  isNumber,
} from './style.js';

// The bulletin as a Word document in 公文 layout (GB/T 9704): A4, margins 37/35/28/26 mm, title
// 2号 方正小标宋简体, body 3号 仿宋 on a fixed 28 pt line, headings 一、黑体 (一)楷体 1.仿宋 bold,
// page numbers "— 1 —" in 4号 宋体 (odd pages right, even pages left).
//
// Fonts are named, not embedded. Word substitutes a missing font by itself: 方正小标宋简体 is not
// on a stock Windows, and Word then draws the title in its default CJK face (宋体/等线), which
// keeps the layout; where the 方正 font is installed, as in most government offices, it is used.

/** Half-points: 2号 22pt, 3号 16pt, 4号 14pt, 五号 10.5pt. */
const SIZE = { title: 44, body: 32, small: 28, table: 21 } as const;
/** Twips. */
const LINE = 560; // 28 pt, fixed
const INDENT = { firstLine: 640, firstLineChars: 200 }; // 2 characters of 16 pt
const TEXT_WIDTH = convertMillimetersToTwip(TEXT_WIDTH_MM);
const EXACT = { line: LINE, lineRule: LineRuleType.EXACT };
const SINGLE = { line: 240, lineRule: LineRuleType.AUTO };

const hex = (c: string) => c.replace('#', '').toUpperCase();

function run(text: string, o: IRunOptions = {}): TextRun {
  return new TextRun({ text, ...o });
}

function centred(text: string, runOptions: IRunOptions, o: IParagraphOptions = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: EXACT,
    ...o,
    children: [run(text, runOptions)],
  });
}

function body(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: EXACT,
    indent: INDENT,
    children: [run(text)],
  });
}

/** Title, subtitle, the issuer and date over a red rule, and the synthetic note. */
function masthead(b: Bulletin): Paragraph[] {
  const out = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { line: 720, lineRule: LineRuleType.EXACT },
      children: [run(b.title)],
    }),
    centred(b.subtitle, { font: WORD_FONTS.heading2 }),
    new Paragraph({
      spacing: { ...EXACT, before: 280 },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: {
        bottom: { style: BorderStyle.SINGLE, size: 12, color: hex(NOTE_COLOUR), space: 4 },
      },
      children: [run(b.issuer), run(`\t${b.dateWords}`)],
    }),
  ];
  if (b.synthetic && b.syntheticNote) {
    out.push(
      centred(
        b.syntheticNote,
        { size: SIZE.small, bold: true, color: hex(NOTE_COLOUR) },
        { spacing: { ...EXACT, before: 120 } },
      ),
    );
  }
  return out;
}

function tableCell(cell: Cell, width: number, header: boolean): TableCell {
  const shade = cell.status ? SHADES[cell.status] : undefined;
  const align = header
    ? AlignmentType.CENTER
    : isNumber(cell)
      ? AlignmentType.RIGHT
      : shade
        ? AlignmentType.CENTER
        : AlignmentType.LEFT;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 20, bottom: 20 },
    ...(header
      ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F0F0F0' } }
      : shade
        ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(shade.fill) } }
        : {}),
    children: [
      new Paragraph({
        alignment: align,
        spacing: SINGLE,
        children: [
          run(cell.text, {
            size: SIZE.table,
            ...(header ? { font: WORD_FONTS.heading1 } : {}),
            ...(shade ? { color: hex(shade.text) } : {}),
          }),
        ],
      }),
    ],
  });
}

function table(t: BulletinTable): (Paragraph | Table)[] {
  const header = t.columns.map((text) => ({ text }));
  const widths = columnShares(t.columns, t.rows).map((s) => Math.floor(s * TEXT_WIDTH));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const rows = [header, ...t.rows].map(
    (cells, i) =>
      new TableRow({
        tableHeader: i === 0,
        cantSplit: true,
        children: t.columns.map((_, c) => tableCell(cells[c] ?? { text: '' }, widths[c]!, i === 0)),
      }),
  );
  const out: (Paragraph | Table)[] = [
    centred(t.caption, { font: WORD_FONTS.heading1, size: SIZE.small }, { keepNext: true }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: {
        top: border,
        bottom: border,
        left: border,
        right: border,
        insideHorizontal: border,
        insideVertical: border,
      },
      rows,
    }),
  ];
  if (t.note) {
    out.push(
      new Paragraph({
        spacing: { ...SINGLE, before: 60 },
        children: [run(t.note, { size: SIZE.table })],
      }),
    );
  }
  return out;
}

/**
 * Every chart of the bulletin drawn, null where a map has no boundaries to draw: in the chart
 * thread when there is one (it loads its libraries while the data is gathered), else here.
 */
async function drawCharts(b: Bulletin): Promise<Map<BulletinChart, DrawnChart | null>> {
  const charts = b.sections.flatMap((s) =>
    s.blocks.flatMap((x) => (x.kind === 'chart' ? [x.chart] : [])),
  );
  const drawn = (await drawInThread(charts)) ?? (await inThisThread(charts));
  return new Map(charts.map((c, i) => [c, drawn[i] ?? null]));
}

/** The charts drawn here: ECharts and the PNG renderer loaded only now. */
async function inThisThread(charts: BulletinChart[]): Promise<(DrawnChart | null)[]> {
  const { drawPng } = await import('./charts.js');
  return Promise.all(charts.map(drawPng));
}

function chart(c: BulletinChart, drawn: DrawnChart | null | undefined): Paragraph[] {
  if (!drawn) return [body(missingMapText(c))];
  const { width, height, png } = drawn;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...SINGLE, before: 120 },
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width, height },
          altText: { name: c.caption, title: c.caption, description: c.caption },
        }),
      ],
    }),
    centred(c.caption, { font: WORD_FONTS.heading1, size: SIZE.small }),
  ];
}

function block(b: Block, charts: Map<BulletinChart, DrawnChart | null>): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'paragraph':
      return [body(b.text)];
    case 'heading':
      return [
        new Paragraph({
          heading: b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
          children: [run(b.text)],
        }),
      ];
    case 'table':
      return table(b.table);
    case 'chart':
      return chart(b.chart, charts.get(b.chart));
  }
}

function content(
  b: Bulletin,
  charts: Map<BulletinChart, DrawnChart | null>,
): (Paragraph | Table)[] {
  if (b.empty !== null) return [...masthead(b), body(b.empty)];
  return [
    ...masthead(b),
    ...b.sections.flatMap((s) => [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(s.heading)] }),
      ...s.blocks.flatMap((blk) => block(blk, charts)),
    ]),
  ];
}

/** "— 1 —", 1 character in from the outer edge. */
function pageFooter(side: 'left' | 'right'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: 280 } : { left: 280 },
        children: [
          new TextRun({
            font: WORD_FONTS.pageNumber,
            size: SIZE.small,
            children: ['— ', PageNumber.CURRENT, ' —'],
          }),
        ],
      }),
    ],
  });
}

const heading = (font: string, bold = false) => ({
  run: { font, size: SIZE.body, bold, color: '000000' },
  paragraph: { spacing: EXACT, indent: INDENT, keepNext: true },
});

export async function renderDocx(b: Bulletin): Promise<Buffer> {
  const mm = convertMillimetersToTwip;
  const doc = new Document({
    creator: 'Leitai',
    title: b.title,
    description: `${b.title}${b.subtitle}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: WORD_FONTS.body, size: SIZE.body },
          paragraph: { spacing: EXACT },
        },
        title: {
          run: { font: WORD_FONTS.title, size: SIZE.title, bold: false, color: '000000' },
        },
        heading1: heading(WORD_FONTS.heading1),
        heading2: heading(WORD_FONTS.heading2),
        heading3: heading(WORD_FONTS.body, true),
      },
    },
    sections: [
      {
        properties: {
          page: {
            // A4 as Word writes it (210 × 297 mm rounds to these twips).
            size: { width: 11906, height: 16838 },
            margin: {
              top: mm(PAGE.margin.top),
              bottom: mm(PAGE.margin.bottom),
              left: mm(PAGE.margin.left),
              right: mm(PAGE.margin.right),
              // The number's top 7 mm under the text (GB/T 9704), its 4号 line about 5 mm high.
              footer: mm(PAGE.margin.bottom - 7 - 5),
            },
          },
        },
        footers: { default: pageFooter('right'), even: pageFooter('left') },
        children: content(b, await drawCharts(b)),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
