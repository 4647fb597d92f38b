import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';

const require = createRequire(import.meta.url);

export interface Symbol2D {
  /** One byte per module, row by row: 0 dark, 255 light. */
  modules: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * A GS1 DataMatrix of an element string (`(01)…(10)…(21)…`), as zxing-wasm's writer draws it: one
 * byte per module, no quiet zone. The writer's .wasm comes from node_modules (its default is a CDN).
 */
export async function gs1DataMatrix(elementString: string): Promise<Symbol2D> {
  await prepareZXingModule({ overrides: { wasmBinary: toArrayBuffer(readFileSync(require.resolve('zxing-wasm/writer/zxing_writer.wasm'))) }, fireImmediately: true });
  // Square: a camera frames a square symbol as a user holds a label; rectangular ones are for narrow labels.
  const written = await writeBarcode(elementString, { format: 'DataMatrix', options: 'gs1,forceSquare', scale: 1, addQuietZones: false });
  if (written.error) throw new Error(`zxing-wasm could not encode ${elementString}: ${written.error}`);
  return { modules: written.symbol.data, width: written.symbol.width, height: written.symbol.height };
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/**
 * A YUV4MPEG2 video (4:2:0) whose frames all show the symbol dark on white, centred, with a wide
 * quiet zone: what Chromium's --use-file-for-fake-video-capture plays, in a loop, as the camera.
 */
export function y4mOf(symbol: Symbol2D, { width = 640, height = 480, frames = 5 } = {}): Buffer {
  if (width % 2 || height % 2) throw new Error('4:2:0 needs even frame sizes');
  // At most 60 % of the short side, so the quiet zone is several modules wide on every side.
  const module = Math.floor((Math.min(width, height) * 0.6) / Math.max(symbol.width, symbol.height));
  if (module < 2) throw new Error(`the symbol (${symbol.width}×${symbol.height} modules) does not fit a ${width}×${height} frame`);
  const left = Math.floor((width - symbol.width * module) / 2);
  const top = Math.floor((height - symbol.height * module) / 2);
  const luma = Buffer.alloc(width * height, 235); // video-range white
  for (let y = 0; y < symbol.height * module; y++) {
    for (let x = 0; x < symbol.width * module; x++) {
      const dark = symbol.modules[Math.floor(y / module) * symbol.width + Math.floor(x / module)] === 0;
      if (dark) luma[(top + y) * width + left + x] = 16; // video-range black
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128); // no colour: U and V planes at their midpoint
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]);
}

/** Writes the camera video of a GS1 DataMatrix to `path` and returns the Chromium switches that play it as the camera. */
export async function fakeCameraShowing(elementString: string, path: string): Promise<string[]> {
  writeFileSync(path, y4mOf(await gs1DataMatrix(elementString)));
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${path}`];
}
