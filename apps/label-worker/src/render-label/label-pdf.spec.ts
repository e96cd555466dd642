import { describe, expect, test } from '@jest/globals';
import { renderLabelPdf } from './label-pdf.js';

const label = {
  taskId: '6a1f3f0e-2d1b-4c7e-9a55-0b3c2e1d4f60',
  orderId: '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10',
  shipmentId: '9d7c1a4e-4a0b-4f57-8f0e-6b1d2f3c4a5b',
  carrier: 'SimPost',
  trackingNumber: 'SP0123456789ABCDEF',
  shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
};

describe('renderLabelPdf', () => {
  test('renders a one-page 4 × 6 in PDF that names its tracking number', async () => {
    const pdf = await renderLabelPdf(label);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('(Shipping label SP0123456789ABCDEF)');
    expect(text).toContain('/MediaBox [0 0 288 432]');
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    // The barcode is embedded as an image.
    expect(text).toContain('/Subtype /Image');
  });
});
