import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { LeitaiError } from '../../core/errors/index.js';

/**
 * Limits on what an .xlsx may unzip to. A county workbook unzips to a few MB (100,000 cells to
 * about 5 MB), so these leave a wide margin while keeping a zip bomb's cost bounded: every byte
 * is counted as it is actually inflated, whatever the zip declares.
 */
export const ZIP_LIMITS = {
  /** One part (a sheet's XML, the shared strings). */
  entryBytes: 64 * 2 ** 20,
  /** All parts together. */
  totalBytes: 128 * 2 ** 20,
  /** A workbook has a few dozen parts; thousands is not a workbook. */
  entries: 1000,
};

const ZIP64_EXTRA = 0x0001;
const ZIP64_LOCATOR = 0x07064b50;
const END_OF_DIRECTORY = 0x06054b50;

function refuse(file: string, message: string, reason: string): LeitaiError {
  return new LeitaiError('IMPORT_INVALID', `${file}: ${message}`, { file, reason });
}

const tooBig = (file: string, reason: string) =>
  refuse(
    file,
    `工作簿解压后过大(单个部件上限 ${ZIP_LIMITS.entryBytes / 2 ** 20} MB,合计上限 ${ZIP_LIMITS.totalBytes / 2 ** 20} MB),请拆分后上传`,
    reason,
  );

const damaged = (file: string, reason: string) =>
  refuse(
    file,
    '文件已损坏、不完整或含有不支持的内容,无法作为 .xlsx 打开(请在 Excel 中另存为 .xlsx 后重新上传)',
    reason,
  );

/**
 * Walks every entry of the zip and inflates it, counting and discarding the output, before any
 * parser sees the bytes. Refuses (IMPORT_INVALID) an entry bigger than the limits, one whose
 * actual size differs from what the zip declares (yauzl stops the stream at the first byte
 * beyond it), too many entries, ZIP64 (no workbook needs it) and encrypted or unknown methods.
 * Peak memory stays at a few inflate buffers, however large the bomb.
 */
export async function checkZip(bytes: Buffer, file: string): Promise<void> {
  if (hasZip64Locator(bytes)) throw damaged(file, 'zip64 archive');
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { validateEntrySizes: true, decodeStrings: true });
  } catch (e) {
    const message = (e as Error).message;
    if (/end of central directory record signature not found/i.test(message))
      throw refuse(
        file,
        '文件不完整或已损坏(找不到 .xlsx 的目录),请重新保存或重新上传完整文件',
        'zip end of central directory not found',
      );
    throw damaged(file, `zip: ${message}`);
  }
  try {
    if (zip.entryCount > ZIP_LIMITS.entries)
      throw refuse(
        file,
        `工作簿含 ${zip.entryCount} 个部件,超过 ${ZIP_LIMITS.entries} 个,不是正常的 .xlsx 文件`,
        `${zip.entryCount} zip entries`,
      );
    let total = 0;
    for await (const entry of entries(zip, file)) {
      if (entry.extraFields.some((f) => f.id === ZIP64_EXTRA))
        throw damaged(file, `zip64 entry ${entry.fileName}`);
      if (entry.isEncrypted()) throw damaged(file, `encrypted entry ${entry.fileName}`);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        throw damaged(file, `compression method ${entry.compressionMethod}`);
      if (entry.uncompressedSize > ZIP_LIMITS.entryBytes)
        throw tooBig(file, `entry ${entry.fileName} declares ${entry.uncompressedSize} bytes`);
      if (total + entry.uncompressedSize > ZIP_LIMITS.totalBytes)
        throw tooBig(file, `entries declare more than ${ZIP_LIMITS.totalBytes} bytes`);
      // The declared size is within the limits and yauzl refuses any byte beyond it, so the
      // bytes actually inflated stay within the limits too.
      total += await inflatedSize(zip, entry, file);
    }
  } finally {
    zip.close();
  }
}

/** yauzl's entries, its errors (a bad central directory) turned into IMPORT_INVALID. */
async function* entries(zip: yauzl.ZipFile, file: string): AsyncGenerator<yauzl.Entry> {
  try {
    for await (const entry of zip.eachEntry()) yield entry;
  } catch (e) {
    if (e instanceof LeitaiError) throw e;
    throw damaged(file, `zip: ${(e as Error).message}`);
  }
}

/** Inflates one entry, counting and discarding the bytes; its actual size must be the declared. */
async function inflatedSize(zip: yauzl.ZipFile, entry: yauzl.Entry, file: string): Promise<number> {
  let stream: Readable | undefined;
  let n = 0;
  try {
    stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) n += (chunk as Buffer).length;
  } catch (e) {
    stream?.destroy();
    const message = (e as Error).message;
    if (/too many bytes|not enough bytes/.test(message))
      throw refuse(
        file,
        '工作簿内部件的实际解压大小与文件声明的不符(文件已损坏或是恶意构造的压缩包),已拒绝',
        `entry ${entry.fileName}: ${message}`,
      );
    throw damaged(file, `entry ${entry.fileName}: ${message}`);
  }
  return n;
}

/** A ZIP64 end-of-directory locator sits right before the end-of-directory record. */
function hasZip64Locator(b: Buffer): boolean {
  const from = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) !== END_OF_DIRECTORY) continue;
    return i >= 20 && b.readUInt32LE(i - 20) === ZIP64_LOCATOR;
  }
  return false;
}
