import type { RenderOrderConfirmationPayload } from '@edr/contracts';

export interface ConfirmationMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const money = (amount: number) => amount.toFixed(2);

/** Customer-supplied text goes into HTML escaped, so an address cannot inject markup into the mail. */
const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The confirmation mail of an approved order, as plain text and as HTML with the same content. */
export function renderConfirmationMail(order: RenderOrderConfirmationPayload): ConfirmationMail {
  const { line1, postalCode, city, country } = order.shippingAddress;
  const lines = order.items.map((item) => ({
    ...item,
    lineTotal: money(item.quantity * item.unitPrice),
  }));
  const subject = `Your order ${order.orderId} is confirmed`;
  const text = [
    `Hello ${order.customerId},`,
    '',
    `your order ${order.orderId} is confirmed: paid, reserved and scheduled for shipping.`,
    '',
    ...lines.map((l) => `  ${l.quantity} × ${l.sku} à ${money(l.unitPrice)} = ${l.lineTotal}`),
    `  Total: ${money(order.total)}`,
    '',
    'Ships to:',
    `  ${line1}`,
    `  ${postalCode} ${city}`,
    `  ${country}`,
  ].join('\n');
  const rows = lines
    .map(
      (l) =>
        `<tr><td>${l.quantity}</td><td>${escapeHtml(l.sku)}</td><td>${money(l.unitPrice)}</td><td>${l.lineTotal}</td></tr>`,
    )
    .join('');
  const html = [
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<p>Hello ${escapeHtml(order.customerId)},</p>`,
    `<p>your order <strong>${order.orderId}</strong> is confirmed: paid, reserved and scheduled for shipping.</p>`,
    `<table><thead><tr><th>Qty</th><th>SKU</th><th>Price</th><th>Line</th></tr></thead><tbody>${rows}</tbody>`,
    `<tfoot><tr><td colspan="3">Total</td><td>${money(order.total)}</td></tr></tfoot></table>`,
    `<p>Ships to:<br>${escapeHtml(line1)}<br>${escapeHtml(postalCode)} ${escapeHtml(city)}<br>${country}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
