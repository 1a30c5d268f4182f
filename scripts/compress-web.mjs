// After `vite build`: writes a gzip (.gz) and a Brotli (.br) copy beside index.html and every
// text file under dist/web/assets, so the server sends the small one to a browser that accepts it
// (@fastify/static `preCompressed`, src/server/web.ts) without compressing on each request.
// Copies that would not be smaller are not written; copies left from an earlier build are removed.
// Usage: node scripts/compress-web.mjs [web root] (default dist/web).
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2] ?? fileURLToPath(new URL('../dist/web/', import.meta.url));
const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|map|wasm)$/;
const COPIES = ['.gz', '.br'];

const files = [join(root, 'index.html')];
const assets = join(root, 'assets');
for (const name of readdirSync(assets)) {
  const file = join(assets, name);
  if (COPIES.some((ext) => name.endsWith(ext))) rmSync(file);
  else if (TEXT.test(name) && statSync(file).isFile()) files.push(file);
}
for (const ext of COPIES) rmSync(join(root, `index.html${ext}`), { force: true });

let plain = 0;
let gz = 0;
let br = 0;
for (const file of files) {
  const data = readFileSync(file);
  const { mtime } = statSync(file);
  const copies = {
    '.gz': gzipSync(data, { level: 9 }),
    '.br': brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  };
  plain += data.length;
  for (const [ext, body] of Object.entries(copies)) {
    if (body.length >= data.length) continue;
    writeFileSync(file + ext, body);
    // The copy carries its original's time (both set, to the same millisecond): the server sends
    // a copy only when it is not older than the file.
    utimesSync(file, mtime, mtime);
    utimesSync(file + ext, mtime, mtime);
    if (ext === '.gz') gz += body.length;
    else br += body.length;
  }
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(
  `compress-web: ${files.length} files in ${relative(process.cwd(), root) || '.'}: ${kb(plain)} → gzip ${kb(gz)}, brotli ${kb(br)}`,
);
