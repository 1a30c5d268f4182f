import yauzl from 'yauzl';
import { LeitaiError } from '../../../core/errors/index.js';
import type { Grid } from './grid-value.js';
import { relationships, sharedStrings, workbookSheets } from './xlsx-parts.js';
import { sheetRows } from './xlsx-sheet.js';
import { dateStyles } from './xlsx-styles.js';
import { NotWellFormed } from './xml.js';

/**
 * A lean .xlsx reader for the one thing a ledger needs: each sheet's cell values, date cells as
 * dates, merged ranges filled. ExcelJS builds a full object model (styles, fonts, borders) and
 * reads about 10,000 ledger rows a second; this streams the sheet XML through saxes. Call it only
 * on bytes that passed checkZip, which bounds what inflating them can cost.
 */
export async function readXlsxGrids(bytes: Buffer, file: string): Promise<Grid[]> {
  const parts = await unzip(bytes, file);
  try {
    return gridsOf(parts, file);
  } catch (e) {
    if (e instanceof NotWellFormed) throw damaged(file, `XML: ${e.message}`);
    throw e;
  }
}

function gridsOf(parts: Map<string, Buffer>, file: string): Grid[] {
  const text = (name: string) => parts.get(name)?.toString('utf8') ?? '';
  const workbook = text('xl/workbook.xml');
  if (workbook === '') throw damaged(file, 'no xl/workbook.xml');
  const { date1904, sheets } = workbookSheets(workbook);
  const context = {
    strings: sharedStrings(text('xl/sharedStrings.xml')),
    dates: dateStyles(text('xl/styles.xml')),
    date1904,
  };
  const targets = relationships(text('xl/_rels/workbook.xml.rels'));
  const grids: Grid[] = [];
  for (const { name, id } of sheets) {
    const target = targets.get(id ?? '');
    if (target === undefined) continue;
    const xml = text(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    grids.push({ name, rows: sheetRows(xml, context) });
  }
  return grids;
}

function damaged(file: string, reason: string): LeitaiError {
  return new LeitaiError(
    'IMPORT_INVALID',
    `${file}: 文件已损坏、不完整或含有不支持的内容,无法作为 .xlsx 打开(请在 Excel 中另存为 .xlsx 后重新上传)`,
    { file, reason },
  );
}

/** The workbook's XML parts, inflated (media and the like are left alone). */
async function unzip(bytes: Buffer, file: string): Promise<Map<string, Buffer>> {
  const parts = new Map<string, Buffer>();
  try {
    const zip = await yauzl.fromBufferPromise(bytes, { validateEntrySizes: true });
    try {
      for await (const entry of zip.eachEntry()) {
        if (
          !/^xl\/(workbook\.xml|sharedStrings\.xml|styles\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml)$/.test(
            entry.fileName,
          )
        )
          continue;
        const chunks: Buffer[] = [];
        for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
        parts.set(entry.fileName, Buffer.concat(chunks));
      }
    } finally {
      zip.close();
    }
  } catch (e) {
    throw damaged(file, (e as Error).message);
  }
  return parts;
}
