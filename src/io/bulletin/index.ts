import type { Bulletin, BulletinFormat } from '../../core/bulletin/model.js';
// The bulletin's renderers: one Bulletin object, three files that cannot disagree. Each is
// loaded when first asked for: docx with ECharts and the PNG renderer, PDF with Playwright, xlsx
// with ExcelJS — a whole CLI process for one Word file should not pay for the others.

export interface RenderOptions {
  /** The Chromium that prints the PDF; default LEITAI_CHROMIUM, else /usr/bin/chromium. */
  chromium?: string;
}

/** The media type of each format, for HTTP answers. */
export const BULLETIN_MEDIA_TYPES: Record<BulletinFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function renderBulletin(
  b: Bulletin,
  format: BulletinFormat,
  o: RenderOptions = {},
): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return (await import('./docx.js')).renderDocx(b);
    case 'pdf':
      return (await import('./pdf.js')).renderPdf(b, {
        chromium: o.chromium ?? process.env.LEITAI_CHROMIUM ?? '/usr/bin/chromium',
      });
    case 'xlsx':
      return (await import('./xlsx.js')).renderXlsx(b);
  }
}

/**
 * Starts loading a format's renderer while the caller gathers the data: for Word, the chart
 * thread (ECharts, the PNG renderer and its font, on another core); failures surface when the
 * file is rendered.
 */
export function prepareRenderer(format: BulletinFormat): void {
  if (format !== 'docx') return;
  import('./chart-thread.js').then((m) => m.chartThread()).catch(() => undefined);
  import('./docx.js').catch(() => undefined);
}
