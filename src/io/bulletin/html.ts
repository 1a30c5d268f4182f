import type {
  Block,
  Bulletin,
  BulletinChart,
  BulletinTable,
  Cell,
} from '../../core/bulletin/model.js';
import { drawChart, missingMapText } from './charts.js';
import { columnShares, CSS_FONTS, NOTE_COLOUR, PAGE, SHADES, isNumber } from './style.js';

// The bulletin as one self-contained HTML page (inline CSS, charts as inline SVG), laid out like
// the Word document; pdf.ts prints it. Font stacks name the Windows faces first and end with the
// Noto CJK faces installed on the server.

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const m = PAGE.margin;

const CSS = `
@font-face { font-family: 'Leitai Title'; src: local('Noto Serif CJK SC Bold'), local('NotoSerifCJKsc-Bold'); }
@font-face { font-family: 'Leitai Hei'; src: local('Noto Sans CJK SC Medium'), local('NotoSansCJKsc-Medium'), local('Noto Sans CJK SC Bold'), local('NotoSansCJKsc-Bold'); }
@page { size: A4; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { background: #ffffff; color: #000000; }
body { margin: 0; font-family: ${CSS_FONTS.body}; font-size: 16pt; line-height: 28pt; }
@media screen { body { max-width: ${PAGE.width}mm; margin: 0 auto; padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; } }
h1, h2, h3, h4, p { margin: 0; font-weight: normal; }
.title { font-family: ${CSS_FONTS.title}; font-size: 22pt; line-height: 36pt; text-align: center; }
.subtitle { font-family: ${CSS_FONTS.heading2}; text-align: center; }
.issuer { display: flex; justify-content: space-between; margin-top: 14pt; padding-bottom: 3pt; border-bottom: 1.5pt solid ${NOTE_COLOUR}; }
.synthetic { margin-top: 6pt; color: ${NOTE_COLOUR}; font-size: 14pt; font-weight: bold; text-align: center; }
p.text { text-indent: 2em; text-align: justify; }
h2, h3, h4 { font-size: 16pt; line-height: 28pt; text-indent: 2em; break-after: avoid; }
h2 { font-family: ${CSS_FONTS.heading1}; }
h3 { font-family: ${CSS_FONTS.heading2}; }
h4 { font-weight: bold; }
figure { margin: 8pt 0; }
figcaption { font-family: ${CSS_FONTS.heading1}; font-size: 14pt; line-height: 24pt; text-align: center; }
figure.table > figcaption { break-after: avoid; }
figure.chart { text-align: center; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 10.5pt; line-height: 1.35; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.75pt solid #000000; padding: 1.5pt 4pt; vertical-align: middle; }
th { background: #f0f0f0; font-family: ${CSS_FONTS.heading1}; font-weight: normal; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.status { text-align: center; }
.note { font-size: 10.5pt; line-height: 1.5; margin-top: 3pt; }
`;

function cell(c: Cell): string {
  const shade = c.status ? SHADES[c.status] : undefined;
  const cls = isNumber(c) ? 'num' : shade ? 'status' : '';
  const style = shade ? ` style="background:${shade.fill};color:${shade.text}"` : '';
  return `<td${cls ? ` class="${cls}"` : ''}${style}>${escapeHtml(c.text)}</td>`;
}

function table(t: BulletinTable): string {
  const head = t.columns.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = t.rows
    .map((r) => `<tr>${t.columns.map((_, i) => cell(r[i] ?? { text: '' })).join('')}</tr>`)
    .join('\n');
  const note = t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : '';
  // The Word document's column widths, so both formats wrap the same cells.
  const cols = columnShares(t.columns, t.rows)
    .map((share) => `<col style="width:${(share * 100).toFixed(2)}%">`)
    .join('');
  return (
    `<figure class="table"><figcaption>${escapeHtml(t.caption)}</figcaption>` +
    `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>${note}</figure>`
  );
}

function chart(c: BulletinChart): string {
  const image = drawChart(c);
  if (!image) return `<p class="text">${escapeHtml(missingMapText(c))}</p>`;
  // ECharts' SVG without its XML prologue, labelled for screen readers by the caption.
  const svg = image.svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(c.caption)}" `);
  return `<figure class="chart">${svg}<figcaption>${escapeHtml(c.caption)}</figcaption></figure>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p class="text">${escapeHtml(b.text)}</p>`;
    case 'heading':
      return b.level === 2 ? `<h3>${escapeHtml(b.text)}</h3>` : `<h4>${escapeHtml(b.text)}</h4>`;
    case 'table':
      return table(b.table);
    case 'chart':
      return chart(b.chart);
  }
}

function masthead(b: Bulletin): string {
  const note =
    b.synthetic && b.syntheticNote ? `<p class="synthetic">${escapeHtml(b.syntheticNote)}</p>` : '';
  return (
    `<header><h1 class="title">${escapeHtml(b.title)}</h1>` +
    `<p class="subtitle">${escapeHtml(b.subtitle)}</p>` +
    `<p class="issuer"><span>${escapeHtml(b.issuer)}</span><span>${escapeHtml(b.dateWords)}</span></p>` +
    `${note}</header>`
  );
}

export function renderHtml(b: Bulletin): string {
  const main =
    b.empty !== null
      ? `<p class="text">${escapeHtml(b.empty)}</p>`
      : b.sections
          .map(
            (s) =>
              `<section><h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map(block).join('\n')}</section>`,
          )
          .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(b.title + b.subtitle)}</title>
<style>${CSS}</style>
</head>
<body>
${masthead(b)}
<main>
${main}
</main>
</body>
</html>
`;
}
