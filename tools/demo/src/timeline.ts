/** Renders an order's event stream as a timeline, relative to the POST. */
export interface HistoryEvent {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly payload: Record<string, any>;
}

const detail = (event: HistoryEvent): string => {
  const p = event.payload;
  switch (event.type) {
    case 'OrderPlaced':
      return `total ${p.total}, ${p.items.length} line(s), ship to ${p.shippingAddress.country}`;
    case 'OrderPaymentAuthorized':
      return `payment ${p.paymentId} for ${p.amount}`;
    case 'OrderInventoryReserved':
      return `reservation ${p.reservationId}`;
    case 'OrderShipmentScheduled':
      return `shipment ${p.shipmentId} with ${p.carrier}`;
    case 'OrderRejectionStarted':
      return `${p.reason.step} ${p.reason.code}: ${p.reason.detail} → compensating ${p.compensations.join(', ')}`;
    case 'OrderCompensated':
      return p.compensation;
    case 'OrderRejected':
      return `${p.reason.step} ${p.reason.code}: ${p.reason.detail}`;
    case 'OrderLateReplyHandled':
      return `late ${p.replyType} for ${p.step} → ${p.action}`;
    default:
      return '';
  }
};

export function timeline(events: readonly HistoryEvent[], postedAt: number): string[] {
  return events.map((event) => {
    const offset = Math.max(0, Math.round(new Date(event.occurredAt).getTime() - postedAt));
    return `    +${String(offset).padStart(5)} ms  v${event.version} ${event.type.padEnd(24)} ${detail(event)}`;
  });
}
