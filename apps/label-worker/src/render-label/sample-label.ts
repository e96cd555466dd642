import type { RenderShippingLabelPayload } from '@edr/contracts';

/**
 * A label as shipping-service books it, for the render measurement and the layout tests; `trackingNumber` varies it
 * (a label's content is mostly the same, only its barcode changes).
 */
export const sampleLabel = (trackingNumber = 'SP0123456789ABCDEF'): RenderShippingLabelPayload => ({
  taskId: '6a1f3f0e-2d1b-4c7e-9a55-0b3c2e1d4f60',
  orderId: '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10',
  shipmentId: '9d7c1a4e-4a0b-4f57-8f0e-6b1d2f3c4a5b',
  carrier: 'SimPost',
  trackingNumber,
  shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
});
