import bwipjs from 'bwip-js';

/** One dark bar of a linear barcode, in the units of the span it was laid out in. */
export interface Bar {
  readonly x: number;
  readonly width: number;
}

/**
 * `text` as Code 128 (the symbology parcel carriers scan), its bars spread over `width` from `x`. bwip-js encodes
 * (BWIPP's code128: code set choice, check digit, stop); the caller draws the bars as vectors, which costs a
 * fraction of rendering and embedding an image and stays sharp at any printer resolution.
 */
export function code128Bars(text: string, x: number, width: number): Bar[] {
  const [symbol] = bwipjs.raw('code128', text, {});
  if (symbol === undefined || !('sbs' in symbol)) {
    throw new Error(`bwip-js gave no linear Code 128 symbol for "${text}"`);
  }
  // sbs: the widths in modules of bar, space, bar, …, starting and ending with a bar.
  const moduleWidth = width / symbol.sbs.reduce((sum, modules) => sum + modules, 0);
  const bars: Bar[] = [];
  let position = x;
  symbol.sbs.forEach((modules, index) => {
    if (index % 2 === 0) bars.push({ x: position, width: modules * moduleWidth });
    position += modules * moduleWidth;
  });
  return bars;
}
