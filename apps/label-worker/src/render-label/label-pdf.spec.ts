import { describe, expect, test } from '@jest/globals';
import { inflateSync } from 'node:zlib';
import { code128Bars } from './code128-bars.js';
import { renderLabelPdf } from './label-pdf.js';
import { sampleLabel } from './sample-label.js';

/** The PDF's streams as text, inflated where compressed (zlib's header byte 0x78). */
const streams = (pdf: Buffer): string[] =>
  [...pdf.toString('latin1').matchAll(/stream\n([\s\S]*?)\nendstream/g)].map(([, body = '']) => {
    const bytes = Buffer.from(body, 'latin1');
    return bytes[0] === 0x78 ? inflateSync(bytes).toString('latin1') : body;
  });

describe('renderLabelPdf', () => {
  test('renders a one-page 4 × 6 in PDF that names its tracking number', async () => {
    const pdf = await renderLabelPdf(sampleLabel());
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('(Shipping label SP0123456789ABCDEF)');
    expect(text).toContain('/MediaBox [0 0 288 432]');
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  test('draws the barcode as one filled rectangle per bar, with no image', async () => {
    const pdf = await renderLabelPdf(sampleLabel());
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
    const page = streams(pdf).join('\n');
    // The carrier's rule is a line; every rectangle on the page is a bar.
    expect(page.match(/ re\n/g)).toHaveLength(code128Bars('SP0123456789ABCDEF', 18, 252).length);
  });
});
