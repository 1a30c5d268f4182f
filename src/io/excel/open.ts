import ExcelJS from 'exceljs';
import { LeitaiError } from '../../core/errors/index.js';

function invalid(file: string, message: string, reason: string): LeitaiError {
  return new LeitaiError('IMPORT_INVALID', `${file}: ${message}`, { file, reason });
}

/**
 * Opens xlsx bytes, turning every way they can be wrong (not a zip, an old .xls, truncated,
 * not a workbook) into IMPORT_INVALID with a message a county statistician can act on.
 */
export async function openWorkbook(
  data: Buffer | Uint8Array,
  file: string,
): Promise<ExcelJS.Workbook> {
  const bytes = Buffer.isBuffer(data)
    ? data
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length === 0) throw invalid(file, '文件是空的', 'empty file');
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw invalid(
      file,
      '这是旧版 Excel(.xls)文件或加密的工作簿:请在 Excel 中另存为 .xlsx(不设密码)后再上传',
      'ole2 compound file (xls or encrypted xlsx)',
    );
  if (!bytes.subarray(0, 2).equals(Buffer.from('PK')))
    throw invalid(file, '不是 Excel 工作簿(.xlsx)文件', 'not a zip container');
  const size = unzippedSize(bytes);
  if (size === null)
    throw invalid(
      file,
      '文件不完整或已损坏(找不到 .xlsx 的目录),请重新保存或重新上传完整文件',
      'zip end of central directory not found',
    );
  if (size > MAX_UNZIPPED)
    throw invalid(
      file,
      `工作簿解压后超过 ${MAX_UNZIPPED / 2 ** 20} MB,过大,请拆分后上传`,
      `uncompressed size ${size}`,
    );
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw invalid(
      file,
      '文件已损坏、不完整或含有不支持的内容,无法作为 .xlsx 打开(请在 Excel 中另存为 .xlsx 后重新上传)',
      (e as Error).message,
    );
  }
  return wb;
}

/** Far beyond any county table (100,000 cells unzip to about 5 MB); a zip bomb stops here. */
const MAX_UNZIPPED = 512 * 2 ** 20;

/**
 * The total unzipped size from the zip's central directory, or null when there is none (a
 * truncated upload loses its end first). Read before inflating anything.
 */
function unzippedSize(b: Buffer): number | null {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  const from = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) !== END) continue;
    const count = b.readUInt16LE(i + 10);
    let at = b.readUInt32LE(i + 16);
    let total = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > b.length || b.readUInt32LE(at) !== ENTRY) return null;
      const unzipped = b.readUInt32LE(at + 24);
      // 0xffffffff: a ZIP64 entry of 4 GB or more.
      total += unzipped === 0xffffffff ? Infinity : unzipped;
      at += 46 + b.readUInt16LE(at + 28) + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
    }
    return total;
  }
  return null;
}
