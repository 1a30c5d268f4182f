import ExcelJS from 'exceljs';
import { LeitaiError } from '../../core/errors/index.js';
import { checkZip } from './zip-guard.js';

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
  // Before ExcelJS (jszip) inflates anything: every entry's real size, counted.
  await checkZip(bytes, file);
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
