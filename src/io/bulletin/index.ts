import type { Bulletin, BulletinFormat } from '../../core/bulletin/model.js';
import { renderDocx } from './docx.js';
import { renderPdf } from './pdf.js';
import { renderXlsx } from './xlsx.js';

// The bulletin's renderers: one Bulletin object, three files that cannot disagree.

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
      return renderDocx(b);
    case 'pdf':
      return renderPdf(b, {
        chromium: o.chromium ?? process.env.LEITAI_CHROMIUM ?? '/usr/bin/chromium',
      });
    case 'xlsx':
      return renderXlsx(b);
  }
}

export { renderDocx } from './docx.js';
export { renderHtml } from './html.js';
export { renderPdf } from './pdf.js';
export { renderXlsx } from './xlsx.js';
