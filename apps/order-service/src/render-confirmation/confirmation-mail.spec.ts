import { describe, expect, test } from '@jest/globals';
import { renderConfirmationMail } from './confirmation-mail.js';

const order = {
  taskId: '6a1f3f0e-2d1b-4c7e-9a55-0b3c2e1d4f60',
  orderId: '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10',
  customerId: 'demo-customer',
  items: [
    { sku: 'BOOK-001', quantity: 2, unitPrice: 12.5 },
    { sku: 'MUG-042', quantity: 1, unitPrice: 8 },
  ],
  shippingAddress: { line1: '1 <b>Main</b> St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  total: 33,
};

describe('renderConfirmationMail', () => {
  test('subject, text and HTML name the order, its lines, the total and the address', () => {
    const mail = renderConfirmationMail(order);
    expect(mail.subject).toBe('Your order 0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10 is confirmed');
    expect(mail.text).toContain('2 × BOOK-001 à 12.50 = 25.00');
    expect(mail.text).toContain('Total: 33.00');
    expect(mail.text).toContain('10115 Berlin');
    expect(mail.html).toContain('<td>BOOK-001</td><td>12.50</td><td>25.00</td>');
    expect(mail.html).toContain('<td>33.00</td>');
  });

  test('escapes customer-supplied text in the HTML', () => {
    const { html, text } = renderConfirmationMail(order);
    expect(html).toContain('1 &lt;b&gt;Main&lt;/b&gt; St');
    expect(html).not.toContain('<b>Main</b>');
    expect(text).toContain('1 <b>Main</b> St');
  });
});
