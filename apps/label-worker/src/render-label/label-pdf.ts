import PDFDocument from 'pdfkit';
import type { RenderShippingLabelPayload } from '@edr/contracts';
import { code128Bars } from './code128-bars.js';

/** A 4 × 6 inch label, the common thermal label size, in PDF points (72 per inch). */
const LABEL_SIZE: [number, number] = [288, 432];
const MARGIN = 18;
const WIDTH = LABEL_SIZE[0] - 2 * MARGIN;
const BARCODE_HEIGHT = 80;

/**
 * Renders a shipment's label: carrier, ship-to address, the tracking number as a Code 128 barcode and in plain text,
 * order and shipment ids. The tracking number is also the document's title and subject, so it can be found in the
 * file without rendering it. The bars are filled rectangles, not an image (ADR 0010): encoding, embedding and
 * decoding a PNG per label took most of its rendering CPU.
 */
export async function renderLabelPdf(label: RenderShippingLabelPayload): Promise<Buffer> {
  const doc = new PDFDocument({
    size: LABEL_SIZE,
    margin: MARGIN,
    info: {
      Title: `Shipping label ${label.trackingNumber}`,
      Subject: label.trackingNumber,
      Keywords: `${label.carrier} ${label.trackingNumber} order ${label.orderId}`,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(20).text(label.carrier, { width: WIDTH });
  doc
    .moveTo(MARGIN, doc.y + 4)
    .lineTo(MARGIN + WIDTH, doc.y + 4)
    .stroke();
  doc.moveDown(1);
  doc.font('Helvetica').fontSize(9).text('SHIP TO', { width: WIDTH });
  const { line1, postalCode, city, country } = label.shippingAddress;
  doc.font('Helvetica-Bold').fontSize(14).text(line1, { width: WIDTH });
  doc.text(`${postalCode} ${city}`, { width: WIDTH });
  doc.text(country, { width: WIDTH });
  doc.moveDown(1);
  const barcodeTop = doc.y;
  for (const bar of code128Bars(label.trackingNumber, MARGIN, WIDTH)) {
    doc.rect(bar.x, barcodeTop, bar.width, BARCODE_HEIGHT);
  }
  doc.fill('black');
  doc.y += BARCODE_HEIGHT + 8;
  doc.font('Courier-Bold').fontSize(14).text(label.trackingNumber, { width: WIDTH, align: 'center' });
  doc.moveDown(1);
  doc.font('Helvetica').fontSize(7);
  doc.text(`Order ${label.orderId}`, { width: WIDTH });
  doc.text(`Shipment ${label.shipmentId}`, { width: WIDTH });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
