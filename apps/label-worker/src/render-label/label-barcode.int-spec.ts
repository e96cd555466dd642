import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderLabelPdf } from './label-pdf.js';
import { sampleLabel } from './sample-label.js';

const run = promisify(execFile);

/** Runs one of the Debian tools this test needs, naming the package to install when it is missing. */
async function tool(command: string, debianPackage: string, args: string[]): Promise<string> {
  try {
    return (await run(command, args)).stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string };
    if (failure.code === 'ENOENT') {
      throw new Error(`${command} not found: install the Debian package ${debianPackage} (.ci/run does)`);
    }
    // zbarimg's exit status 4: it read the image and found no barcode.
    if (command === 'zbarimg' && (failure.code as unknown) === 4) return failure.stdout ?? '';
    throw error;
  }
}

/**
 * A label as a scanner sees it: the page rasterised at 203 dpi (the common thermal printer's resolution) by poppler,
 * then read by zbar. I/O and external binaries, hence an integration test, though it needs no infrastructure.
 */
async function scanBarcodes(pdf: Buffer): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'label-barcode-'));
  try {
    await writeFile(join(dir, 'label.pdf'), pdf);
    await tool('pdftoppm', 'poppler-utils', [
      '-png',
      '-r',
      '203',
      '-singlefile',
      join(dir, 'label.pdf'),
      join(dir, 'page'),
    ]);
    const out = await tool('zbarimg', 'zbar-tools', [
      '--quiet',
      '--raw',
      '-Sdisable',
      '-Scode128.enable',
      join(dir, 'page.png'),
    ]);
    return out.split('\n').filter((line) => line !== '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the label barcode', () => {
  // The carrier's format (SP + 16 hex digits) in its code set mixes: digits only, letters only, both.
  test.each(['SP0123456789ABCDEF', 'SP3141592653589793', 'SPABCDEFFEDCBAFACE', 'SP9F3A0C1B7D2E4F60'])(
    '%s scans as its tracking number',
    async (trackingNumber) => {
      expect(await scanBarcodes(await renderLabelPdf(sampleLabel(trackingNumber)))).toEqual([trackingNumber]);
    },
  );
});
