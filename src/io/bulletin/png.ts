import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg, initWasm } from '@resvg/resvg-wasm';
import { LeitaiError } from '../../core/errors/index.js';

// SVG to PNG with resvg's WebAssembly build, given the CJK font as bytes read once. The native
// @resvg/resvg-js reads a font file from disk again for every glyph it draws (thx/resvg-js#367):
// with the 20 MB Noto CJK collection a 70-county ranking chart took seconds instead of ~0.1 s.

interface Font {
  family: string;
  bytes: Uint8Array;
}

function fontconfig(args: string[]): string {
  try {
    return execFileSync(args[0]!, args.slice(1), { encoding: 'utf8', timeout: 10_000 });
  } catch {
    return '';
  }
}

/** Fontconfig's sans-serif face for simplified Chinese (Noto Sans CJK SC with fonts-noto-cjk). */
function findCjkFont(): { file: string; family: string } {
  const line = (s: string) => {
    const [file, family] = s.split('\t');
    return file && family ? { file, family } : null;
  };
  const chinese = fontconfig(['fc-list', ':lang=zh-cn', '-f', '%{file}\t%{family[0]}\n'])
    .split('\n')
    .map(line)
    .filter((f) => f !== null)
    .sort((a, b) => a.family.localeCompare(b.family));
  const best = line(
    fontconfig(['fc-match', '-f', '%{file}\t%{family[0]}', 'sans-serif:lang=zh-cn']),
  );
  const found =
    chinese.find((f) => best && f.file === best.file && f.family === best.family) ?? chinese[0];
  if (!found) {
    throw new LeitaiError(
      'UNAVAILABLE',
      '绘制图表需要中文字体 (a CJK font, e.g. fonts-noto-cjk),fontconfig 中未找到支持简体中文的字体',
      { reason: 'no font for lang zh-cn (fc-list :lang=zh-cn)' },
      false,
    );
  }
  return found;
}

let ready: Promise<Font> | null = null;

/** The WebAssembly renderer and the Chinese font, loaded once per process. */
export function preparePng(): Promise<Font> {
  ready ??= (async () => {
    const wasm = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
    await initWasm(readFileSync(wasm));
    const { file, family } = findCjkFont();
    return { family, bytes: new Uint8Array(readFileSync(file)) };
  })();
  ready.catch(() => (ready = null));
  return ready;
}

/** The SVG drawn `width` pixels wide on white, its text in the system's Chinese sans-serif. */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  const font = await preparePng();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: {
      fontBuffers: [font.bytes],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
      serifFamily: font.family,
    },
  });
  try {
    const image = resvg.render();
    const png = Buffer.from(image.asPng());
    image.free();
    return png;
  } finally {
    resvg.free();
  }
}
