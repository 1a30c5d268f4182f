import { createDeflateRaw, crc32 } from 'node:zlib';

/** One entry of a hand-built zip: its bytes as stored, and what the directory says of them. */
export interface ZipEntry {
  name: string;
  /** The entry's bytes in the file (deflated when method is 8). */
  data: Buffer;
  method: 0 | 8;
  /** The uncompressed size the zip declares (the truth or a lie). */
  declared: number;
  crc?: number;
  /** Extra field bytes (e.g. a ZIP64 record). */
  extra?: Buffer;
}

/** Deflates `total` bytes of zeros in 1 MB steps: 300 MB become about 300 KB, never all in memory. */
export async function deflatedZeros(total: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const mb = Buffer.alloc(2 ** 20);
  for (let left = total; left > 0; left -= mb.length) {
    const part = left >= mb.length ? mb : mb.subarray(0, left);
    if (!deflate.write(part)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** A zip file (PKWARE APPNOTE 4.3): local headers and data, the central directory, its end. */
export function buildZip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const extra = e.extra ?? Buffer.alloc(0);
    const crc = e.crc ?? (e.method === 0 ? crc32(e.data) : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt16LE(extra.length, 30);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, extra, e.data);
    central.push(dir, name, extra);
    offset += 30 + name.length + extra.length + e.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dirBytes, end]);
}

/** The minimal parts an .xlsx starts with, honest and tiny. */
export function contentTypes(): ZipEntry {
  const data = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  );
  return { name: '[Content_Types].xml', data, method: 0, declared: data.length };
}
